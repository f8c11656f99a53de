"""Uma folha de estilos por página, só com as regras usadas (_ext/estilos.py), e a primeira
pintura sem esperar pelos scripts do tema (_templates/)."""

from __future__ import annotations

import re
import sys

import pytest
from conftest import HTML, ROOT, offline_page, require, settle, toc_files

sys.path.insert(0, str(ROOT / "_ext"))
import estilos

PAGES = [f + ".html" for f in toc_files()]


def test_purge_keeps_what_the_site_can_match_and_drops_the_rest():
    css = (".usada{color:red}.sumida{color:blue}#ancora,.sumida b{margin:0}"
           ".usada:not(.sumida){top:0}.sumida:hover{left:0}"
           "@media (max-width:600px){.usada{padding:0}.sumida{padding:1px}}"
           "@media print{.sumida{display:none}}"
           "@font-face{font-family:X;src:url(x.woff2)}@keyframes giro{to{opacity:0}}"
           ".fa-github:before{content:\"\\f09b\"}.fa-github{color:red}")
    out = estilos.purge(css, {"usada", "ancora", "fa-github"})
    assert ".usada{color:red}" in out
    assert "#ancora{margin:0}" in out  # só o seletor usado da lista
    assert ".usada:not(.sumida){top:0}" in out  # :not() não exige nada
    assert "@media (max-width:600px){.usada{padding:0}}" in out
    assert "@media print" not in out  # @media que ficou vazia sai
    assert "@font-face" in out and "@keyframes giro" in out
    assert ".fa-github{color:red}" in out and "f09b" not in out  # glifo: os ícones são SVG
    assert "sumida" not in out.replace(":not(.sumida)", "")


def test_urls_follow_the_stylesheet_into_static(tmp_path):
    static = tmp_path / "_static"
    (static / "katex").mkdir(parents=True)
    (static / "styles").mkdir()
    (static / "base.css").write_text(".a{background:url(file.png)}")
    (static / "styles" / "tema.css").write_text('@import "../base.css";.b{src:url(../x.woff)}')
    (static / "katex" / "k.css").write_text(".c{src:url(fonts/K.woff2?v=1)}.d{x:url(data:a)}")
    seen: set = set()
    css = "".join(estilos._read(static / f, static, seen)
                  for f in ("styles/tema.css", "katex/k.css", "base.css"))
    assert 'url("file.png")' in css and 'url("x.woff")' in css
    assert 'url("katex/fonts/K.woff2?v=1")' in css and "url(data:a)" in css
    assert css.count(".a{") == 1  # o @import não se repete


def _local_stylesheets(page: str) -> list[str]:
    html = (HTML / page).read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    links = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', head)
    return [re.search(r'href="([^"]+)"', link).group(1) for link in links
            if not re.search(r'href="(?:https?:)?//', link)]


def test_every_page_has_one_stylesheet_with_the_themes_rules():
    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    bundles = set()
    for page in [*PAGES, "search.html", "genindex.html"]:  # a 404.html tem estilo embutido
        links = _local_stylesheets(page)
        assert len(links) == 1 and "_static/estilos-" in links[0], (page, links)
        bundles.add(links[0].rsplit("/", 1)[1])
    for name in bundles:
        css = (HTML / "_static" / name).read_text(encoding="utf-8")
        # pygments.css do pydata (escrito no build-finished, antes do pacote): cores por tema.
        assert re.search(r'html\[data-theme="?light"?\] \.highlight', css), name
        assert "KaTeX_Main" in css and "--livro-icone-github" in css, name  # KaTeX e ícones
        assert "@import" not in css, name
        # Os url() apontam para arquivos que existem (das fontes, o woff2, que os navegadores
        # usam; o KaTeX lista woff e ttf de reserva, que não copiamos).
        for url in re.findall(r'url\("?([^")]+)"?\)', css):
            if not url.startswith("data:") and not url.endswith((".woff", ".ttf")):
                assert (HTML / "_static" / url.split("?")[0].split("#")[0]).is_file(), url


@pytest.mark.site
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_first_paint_has_the_readers_theme_and_the_theme_scripts_arrive(
        browser, server, color_scheme):
    """O tema "auto" já está resolvido antes dos scripts do tema; eles só vêm na primeira
    interação do leitor (_assets/livro.js), e o primeiro clique no botão claro/escuro, que
    chega antes deles, não se perde: é refeito quando chegam."""
    context, page, _ = offline_page(browser, server, color_scheme,
                                    viewport={"width": 390, "height": 800})
    try:
        page.add_init_script("""document.addEventListener("readystatechange", () => {
            if (document.readyState === "interactive") window.temaAntes = [
                document.documentElement.dataset.theme, typeof bootstrap];
        });""")
        page.goto(f"{server}/notebooks/01-leis-de-potencia.html", wait_until="load")
        assert page.evaluate("window.temaAntes") == [color_scheme, "undefined"]
        page.wait_for_timeout(500)
        assert page.evaluate("typeof bootstrap") == "undefined", "tema carregado sem interação"
        seen = set()
        for _ in range(3):  # auto → claro → escuro (a ordem do pydata)
            before = page.evaluate("document.documentElement.dataset.mode")
            page.click(".theme-switch-button")
            page.wait_for_function("(m) => document.documentElement.dataset.mode !== m", arg=before)
            seen.add(page.evaluate("document.documentElement.dataset.theme"))
        assert seen == {"light", "dark"}
        assert page.evaluate("typeof bootstrap") == "object"
    finally:
        context.close()


def test_theme_follows_the_system_and_keeps_the_readers_choice(browser, server):
    """Antes de qualquer interação, o tema "auto" acompanha a troca de modo do sistema; o modo
    que o leitor escolheu no botão (o pydata o guarda no localStorage) vale na página seguinte
    desde a primeira pintura, mesmo com o sistema no outro modo."""
    context, page, _ = offline_page(browser, server, "light")
    theme = "document.documentElement.dataset.theme"
    try:
        page.goto(f"{server}/notebooks/01-leis-de-potencia.html", wait_until="load")
        page.emulate_media(color_scheme="dark")
        assert settle(page, lambda p: p.evaluate(theme), "dark") == "dark"
        assert page.evaluate("typeof bootstrap") == "undefined", "tema carregado sem interação"
        page.evaluate("localStorage.setItem('mode', 'light')")
        page.add_init_script("""document.addEventListener("readystatechange", () => {
            if (document.readyState === "interactive")
                window.temaAntes = document.documentElement.dataset.theme;
        });""")
        page.goto(f"{server}/notebooks/02-kaplan.html", wait_until="load")
        assert page.evaluate("window.temaAntes") == "light"
    finally:
        context.close()


def test_theme_script_loses_only_the_page_wide_tab_stops():
    """O pydata-sphinx-theme.js perde só a chamada de addTabStopsToScrollableElements (que
    monta o layout da página inteira; _ext/carga.py); um script sem ela faz a construção parar."""
    from pathlib import Path

    import carga
    import pydata_sphinx_theme

    theme = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
             / "static" / "scripts" / "pydata-sphinx-theme.js")
    original = theme.read_text(encoding="utf-8")
    patched = carga.without_tab_stops(original)
    assert carga.TAB_STOPS_MARK in patched and not carga.TAB_STOPS_CALL.search(patched)
    assert len(original) - len(patched) < 80  # uma chamada, nada mais
    assert carga.without_tab_stops(patched) == patched
    with pytest.raises(RuntimeError, match="addTabStopsToScrollableElements"):
        carga.without_tab_stops("(()=>{console.log(1)})();")
    built = HTML / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if built.is_file():  # o site construído leva o script já sem a chamada
        assert carga.TAB_STOPS_MARK in built.read_text(encoding="utf-8")
