#!/usr/bin/env bash
# Copia MathJax 3 e os scripts dos widgets (do npm, versões fixadas em package-lock.json)
# para _vendor/, de onde o site os serve: assim o livro funciona sem internet.
# Sem npm, sai com código 3 e o livro é construído com as cópias das CDNs (ver _ext/pt_br_ui.py).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  echo "vendor_assets: npm não encontrado; o site usará MathJax e widgets das CDNs (não funciona offline)." >&2
  exit 3
fi

stamp=_vendor/.stamp
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt "$0" ]; then
  exit 0  # nada mudou desde a última cópia
fi

if [ ! -d node_modules/mathjax ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
fi

rm -rf _vendor
mkdir -p _vendor/mathjax/output _vendor/widgets

mj=node_modules/mathjax/es5
cp "$mj/tex-mml-chtml.js" _vendor/mathjax/
cp -r "$mj/input" "$mj/ui" "$mj/a11y" "$mj/adaptors" _vendor/mathjax/
cp -r "$mj/output/chtml" "$mj/output/chtml.js" _vendor/mathjax/output/
# A fonte do menu de acessibilidade (sre) pesa 4 MB e não é usada por padrão; fica de fora.

cp node_modules/requirejs/require.js _vendor/widgets/require.js
hm=node_modules/@jupyter-widgets/html-manager/dist
cp "$hm/embed-amd.js" _vendor/widgets/embed-amd.js

find _vendor -name '*.map' -delete
touch "$stamp"
echo "vendor_assets: MathJax e widgets copiados para _vendor/ ($(du -sh _vendor | cut -f1))."
