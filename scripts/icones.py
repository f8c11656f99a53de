#!/usr/bin/env python3
"""Gera ``_assets/icones.css``: os poucos ícones do tema como SVG, sem o Font Awesome.

O pydata-sphinx-theme carrega em toda página ``fontawesome.js`` (542 KB com gzip) e, pelo CSS,
as fontes de ícones (até 156 + 118 KB). O livro usa uns 25 ícones. Este script tira o desenho
(``path`` SVG) de cada um do próprio ``fontawesome.js`` do tema instalado (Font Awesome Free,
ícones sob CC BY 4.0) e escreve uma folha de estilo em que cada ícone é uma máscara SVG pintada
com a cor do texto (``currentColor``): a mesma forma, a mesma cor e o mesmo tamanho (1 em de
altura, largura proporcional) dos ícones de antes. ``_ext/icones.py`` tira o script da página.

Uso (depois de mudar a versão do tema ou a lista abaixo): ``.venv/bin/python scripts/icones.py``.
``tests/test_icones.py`` confere que todo ícone usado no site construído está aqui.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "_assets" / "icones.css"

#: Ícones usados em elementos ``<i class="fa-…">`` (templates do tema e do Jupyter Book).
SOLID = ["angle-left", "angle-right", "arrow-up", "bars", "list", "magnifying-glass", "download",
         "expand", "file", "file-pdf", "lightbulb", "rocket", "circle-half-stroke", "moon", "sun",
         "xmark"]
BRANDS = ["github"]
#: Ícones que o CSS do tema desenha em pseudo-elementos com a fonte do Font Awesome.
PSEUDO = ["angle-down", "bell", "circle-exclamation", "circle-info", "triangle-exclamation",
          "circle-xmark", "share", "pencil", "arrow-up-right-from-square",
          "magnifying-glass-minus"]

#: Pseudo-elementos do tema que usam a fonte de ícones → o ícone SVG que os substitui.
#: O seletor repete o do tema com especificidade maior (carregado depois, vence).
ADMONITIONS = {  # tipo de caixa → ícone (as variáveis --pst-icon-admonition-* do pydata)
    "": "bell", "attention": "circle-exclamation", "important": "circle-exclamation",
    "caution": "triangle-exclamation", "warning": "triangle-exclamation",
    "danger": "triangle-exclamation", "error": "circle-xmark", "hint": "lightbulb",
    "tip": "lightbulb", "note": "circle-info", "seealso": "share", "todo": "pencil",
    "exercise": "pencil",  # sphinx-exercise (exercise.css: "\f303")
}
OTHER_PSEUDO = {
    "html .bd-sidebar-secondary.hide:not(:hover) .onthispage::after": "angle-down",
    "html .nav-link.nav-external::after": "arrow-up-right-from-square",
    "html nav.bd-links li > a.reference.external::after": "arrow-up-right-from-square",
    "html a.reference.download::before": "download",
    "html div#searchbox p.highlight-link a::before": "magnifying-glass-minus",
    "html ul.bd-breadcrumbs li.breadcrumb-item:not(.breadcrumb-home)::before": "angle-right",
}


def fontawesome_js() -> Path:
    import pydata_sphinx_theme

    return (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
            / "static" / "scripts" / "fontawesome.js")


ICON = re.compile(r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+",'
                  r'"([^"]+)"\]')


def packs(js: str) -> dict[str, dict[str, tuple[int, int, str]]]:
    """Os ícones de cada pacote ("fab", "far", "fas"): nome → (largura, altura, path)."""
    out: dict[str, dict] = {}
    start = 0
    for end in re.finditer(r'd\("(fab|far|fas)",p\)', js):
        chunk = js[start:end.start()]
        out[end.group(1)] = {(m.group(1) or m.group(2)): (int(m.group(3)), int(m.group(4)),
                                                          m.group(5))
                             for m in ICON.finditer(chunk)}
        start = end.end()
    return out


def data_uri(width: int, height: int, path: str) -> str:
    svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
           f"<path d='{path}'/></svg>")
    return 'url("data:image/svg+xml,' + quote(svg, safe=" /:=',") + '")'


def css(icons: dict[str, dict]) -> str:
    def get(pack: str, name: str):
        try:
            return icons[pack][name]
        except KeyError:
            raise SystemExit(f"icones: ícone {name!r} ausente do pacote {pack!r} "
                             f"do fontawesome.js instalado") from None

    lines = ["/* GERADO por scripts/icones.py (não edite à mão). Ícones do Font Awesome Free 6.5.2",
             "   (https://fontawesome.com, CC BY 4.0) em SVG, no lugar do fontawesome.js e das",
             "   fontes de ícones do tema: máscara SVG pintada com a cor do texto. */", ":root {"]
    names = {**{n: get("fas", n) for n in SOLID + PSEUDO}, **{n: get("fab", n) for n in BRANDS}}
    for name, (w, h, path) in names.items():
        lines.append(f"  --livro-icone-{name}: {data_uri(w, h, path)};")
    lines.append("}")
    lines += [
        "/* <i class=\"fa-solid fa-bars\"> e afins: nada de fonte de ícones (nem glifo). */",
        ":is(.fa, .fas, .far, .fab, .fa-solid, .fa-regular, .fa-brands) {",
        "  font-family: inherit !important;",
        "}",
        ":is(.fa, .fas, .far, .fab, .fa-solid, .fa-regular, .fa-brands)::before {",
        '  content: "" !important;',
        "  display: inline-block;",
        "  width: var(--livro-icone-largura, 1em);",
        "  height: 1em;",
        "  vertical-align: -0.125em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--livro-icone) center / contain no-repeat;",
        "  mask: var(--livro-icone) center / contain no-repeat;",
        "}",
    ]
    for name, (w, h, _) in names.items():
        if name in PSEUDO and name not in SOLID:
            continue
        lines.append(f".fa-{name} {{ --livro-icone: var(--livro-icone-{name}); "
                     f"--livro-icone-largura: {w / h:.4g}em; }}")
    lines += [
        "/* Ícones que o CSS do tema desenha com a fonte em pseudo-elementos. */",
        "html div.admonition > p.admonition-title::after,",
        *[f"{sel}," for sel in list(OTHER_PSEUDO)[:-1]],
        f"{list(OTHER_PSEUDO)[-1]} {{",
        '  content: "" !important;  /* o tema põe o glifo em regras mais específicas */',
        "  font-family: inherit !important;  /* nem para medir a linha a fonte de ícones vem */",
        "  display: inline-block;",
        "  width: 1em;",
        "  height: 1em;",
        "  background-color: currentColor;",
        "  -webkit-mask: var(--livro-icone) center / contain no-repeat;",
        "  mask: var(--livro-icone) center / contain no-repeat;",
        "}",
        "html div.admonition > p.admonition-title::after {",
        "  width: 1rem;",
        "  height: 1rem;",
        "  margin-top: .25rem;  /* o glifo da fonte ficava no meio da linha do título */",
        "}",
        "html div.solution.admonition > p.admonition-title::after { content: none !important; }",
    ]
    for kind, name in ADMONITIONS.items():
        sel = f"html div.admonition.{kind}" if kind else "html div.admonition"
        lines.append(f"{sel} > p.admonition-title {{ --livro-icone: var(--livro-icone-{name}); }}")
    for sel, name in OTHER_PSEUDO.items():
        owner = sel.rsplit("::", 1)[0]
        lines.append(f"{owner} {{ --livro-icone: var(--livro-icone-{name}); }}")
    return "\n".join(lines) + "\n"


def main() -> int:
    js = fontawesome_js().read_text(encoding="utf-8")
    OUT.write_text(css(packs(js)), encoding="utf-8")
    print(f"icones: {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
