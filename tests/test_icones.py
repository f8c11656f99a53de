"""Ícones do tema em SVG (_assets/icones.css), sem o fontawesome.js nem as fontes de ícones."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import HTML, ROOT, offline_page, require, toc_files

sys.path.insert(0, str(ROOT / "scripts"))
import icones

CSS = ROOT / "_assets" / "icones.css"
PAGES = [f + ".html" for f in toc_files()]
STYLES = {"fa-solid", "fa-regular", "fa-brands", "fa-lg", "fa-fw"}  # classes que não são ícones


def test_the_stylesheet_is_what_the_generator_writes():
    """icones.css está em dia com scripts/icones.py e com o tema instalado."""
    js = icones.fontawesome_js().read_text(encoding="utf-8")
    assert CSS.read_text(encoding="utf-8") == icones.css(icones.packs(js)), (
        "rode .venv/bin/python scripts/icones.py")


def test_every_icon_has_a_well_formed_svg():
    js = icones.fontawesome_js().read_text(encoding="utf-8")
    found = icones.packs(js)
    for name in icones.SOLID + icones.PSEUDO:
        width, height, path = found["fas"][name]
        assert 0 < width <= 640 and height == 512 and path.startswith("M"), name
    assert found["fab"]["github"][2].startswith("M")


def test_no_page_loads_the_icon_script_and_every_icon_is_drawn():
    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    css = CSS.read_text(encoding="utf-8")
    used = set()
    for page in [*PAGES, "search.html", "genindex.html"]:
        html = (HTML / page).read_text(encoding="utf-8")
        assert "fontawesome" not in html, f"{page}: ainda carrega o fontawesome.js"
        for classes in re.findall(r'class="([^"]*)"', html):
            used |= {c for c in classes.split() if c.startswith("fa-") and c not in STYLES}
    assert used, "nenhum ícone encontrado: o tema mudou?"
    missing = sorted(c for c in used if f".{c} {{" not in css)
    assert not missing, f"ícones sem SVG em icones.css: {missing} (ver scripts/icones.py)"


@pytest.mark.site
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_icons_show_in_the_text_colour_without_icon_fonts(browser, server, color_scheme):
    """Cada ícone visível é uma máscara SVG de 1 em pintada com a cor do texto; nenhuma fonte
    ou script do Font Awesome é pedido, nem ao abrir o menu de download."""
    context, page, _ = offline_page(browser, server, color_scheme,
                                    viewport={"width": 1366, "height": 900})
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    try:
        page.goto(f"{server}/notebooks/01-leis-de-potencia.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.locator(".dropdown-download-buttons button").first.click()
        page.wait_for_timeout(200)
        icons = page.evaluate(
            """() => [...document.querySelectorAll('i.fa-solid, i.fas, i.fab, span.fa-solid')]
                .filter(i => i.getClientRects().length).map(i => {
                  const b = getComputedStyle(i, '::before');
                  return {cls: i.className, w: parseFloat(b.width), h: parseFloat(b.height),
                          mask: b.maskImage || b.webkitMaskImage, bg: b.backgroundColor,
                          color: getComputedStyle(i).color, font: getComputedStyle(i).fontFamily};
                })""")
        title_icons = page.evaluate(
            """() => [...document.querySelectorAll('div.admonition > p.admonition-title')]
                .map(p => getComputedStyle(p, '::after'))
                .filter(a => a.content !== 'none').map(a => a.maskImage || a.webkitMaskImage)""")
        fonts = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded')"
                              ".map(f => f.family)")
    finally:
        context.close()
    assert len(icons) >= 5, f"poucos ícones visíveis: {icons}"
    for icon in icons:
        assert icon["mask"].startswith('url("data:image/svg+xml'), icon
        assert icon["h"] > 8 and icon["w"] > 4, icon
        assert icon["bg"] == icon["color"], icon
        assert "Font Awesome" not in icon["font"], icon
    assert title_icons and all(m.startswith('url("data:image/svg+xml') for m in title_icons)
    assert not [f for f in fonts if "Font Awesome" in f], fonts
    assert not [u for u in urls if "fontawesome" in u or "/webfonts/" in u], urls
