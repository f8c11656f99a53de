#!/usr/bin/env bash
# Copia o CSS e as fontes do KaTeX, os scripts dos widgets e o Vega (do npm, versões fixadas em package-lock.json)
# para _vendor/, de onde o site os serve: assim o livro funciona sem internet.
# Sem npm, sai com código 3 e o livro é construído com as cópias das CDNs (ver _ext/pt_br_ui.py).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "vendor_assets: npm não encontrado; o site usará o CSS do KaTeX e os widgets das CDNs (não funciona offline)." >&2
  exit 3
fi

stamp=_vendor/.stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt "$0" ]; then
  exit 0  # nada mudou desde a última cópia
fi

if [ ! -d node_modules/katex ] || [ ! -d node_modules/reveal.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi

rm -rf _vendor
mkdir -p _vendor/katex/fonts _vendor/widgets

# As fórmulas já vêm compostas no HTML (_ext/formulas.py, KaTeX rodando no node na construção);
# o navegador só precisa do CSS e das fontes. Só WOFF2: todo navegador atual o lê e nunca pede
# os formatos seguintes da lista src do @font-face.
kx=node_modules/katex/dist
cp "$kx/katex.min.css" _vendor/katex/
cp "$kx"/fonts/*.woff2 _vendor/katex/fonts/

cp node_modules/requirejs/require.js _vendor/widgets/require.js
hm=node_modules/@jupyter-widgets/html-manager/dist
cp "$hm/embed-amd.js" _vendor/widgets/embed-amd.js

# Os exploradores vivos (scaling_utils/explorers): Vega, Vega-Lite e vega-embed, carregados sob
# demanda quando um explorador se aproxima da tela (window.LIVRO_VEGA, _ext/explorador_vega.py).
mkdir -p _vendor/vega
cp node_modules/vega/build/vega.min.js node_modules/vega-lite/build/vega-lite.min.js \
   node_modules/vega-embed/build/vega-embed.min.js _vendor/vega/

# Os slides dos capítulos (scripts/slides.py): o reveal.js, o CSS e o tema "white" com a sua fonte.
mkdir -p _vendor/reveal/theme/fonts
rv=node_modules/reveal.js/dist
cp "$rv/reveal.js" "$rv/reveal.css" _vendor/reveal/
cp "$rv/theme/white.css" _vendor/reveal/theme/
mkdir -p _vendor/reveal/theme/fonts/source-sans-pro
cp "$rv"/theme/fonts/source-sans-pro/{LICENSE,source-sans-pro.css,*.woff} _vendor/reveal/theme/fonts/source-sans-pro/

find _vendor -name '*.map' -delete
touch "$stamp"
echo "vendor_assets: KaTeX (CSS e fontes), widgets, Vega e reveal.js copiados para _vendor/ ($(du -sh _vendor | cut -f1))."
