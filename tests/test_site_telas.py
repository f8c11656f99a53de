"""O site em telas de verdade (Chromium do Debian, sem rede): celular, tablet e desktop.

Navegação (☰ e seções da página), textos de interface que só aparecem na interação, busca,
página 404, tamanho do texto das figuras onde elas são mostradas e nada que transborde
para o lado num celular.
"""

from __future__ import annotations

import re

import pytest
from conftest import HTML, offline_page, scroll_through, settle, toc_files

pytestmark = pytest.mark.site

WIDTHS = (390, 768, 1024, 1366)
CHAPTER = "notebooks/01-leis-de-potencia.html"
PAGES = [f + ".html" for f in toc_files()]
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
#: Menor texto de figura aceitável, em px de CSS, no tamanho em que a figura é mostrada.
MIN_FIGURE_TEXT_PX = 11


def _open(browser, server, path, width, **options):
    context, page, _ = offline_page(browser, server,
                                    viewport={"width": width, "height": 900}, **options)
    page.goto(f"{server}/{path}", wait_until="load")
    return context, page


def _visible(page, selector) -> bool:
    return page.evaluate(
        """(sel) => [...document.querySelectorAll(sel)].some(e => {
              const r = e.getBoundingClientRect(), s = getComputedStyle(e);
              return r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                     && s.visibility !== 'hidden' && s.display !== 'none';
           })""", selector)


def _chapter_list_visible(page) -> bool:
    return _visible(page, "nav.bd-docs-nav a.reference[href*='02-kaplan']")


def _sections_visible(page) -> bool:
    return _visible(page, ".bd-sidebar-secondary nav.page-toc a, #pst-page-toc-nav a")


@pytest.mark.parametrize("width", WIDTHS)
def test_navigation_buttons_work(browser, server, width):
    """☰ mostra e esconde o sumário; o botão de seções mostra e esconde as da página."""
    context, page = _open(browser, server, CHAPTER, width)
    try:
        for sel in (".primary-toggle", ".secondary-toggle"):
            assert page.locator(sel).count() <= 1, f"{width}px: botões {sel} duplicados"
        toggle = page.locator(".primary-toggle")
        assert toggle.is_visible(), f"{width}px: sem botão ☰"
        before = _chapter_list_visible(page)
        toggle.click()
        assert settle(page, _chapter_list_visible, not before) != before, \
            f"{width}px: ☰ não fez nada"
        if before:  # desktop: o sumário recolhe e volta
            page.locator(".primary-toggle").click()
        else:  # celular/tablet: o sumário abre numa gaveta
            page.keyboard.press("Escape")
        assert settle(page, _chapter_list_visible, before) == before, \
            f"{width}px: o sumário não fechou/voltou"

        secondary = page.locator(".secondary-toggle")
        if secondary.count() and secondary.is_visible():
            assert not _sections_visible(page), f"{width}px: seções já abertas"
            secondary.click()
            assert settle(page, _sections_visible), f"{width}px: o botão não mostrou as seções"
            page.keyboard.press("Escape")
            assert not settle(page, _sections_visible, False), \
                f"{width}px: as seções não fecharam"
        else:
            assert _sections_visible(page), f"{width}px: seções sem botão e invisíveis"
    finally:
        context.close()


def test_only_one_search_field_on_the_results_page(browser, server):
    context, page = _open(browser, server, "search.html?q=perda", 1366)
    try:
        fields = page.evaluate(
            """() => [...document.querySelectorAll('input[type=search], .search-button-field')]
                  .filter(e => e.getBoundingClientRect().width > 0).length""")
        assert fields <= 2, f"{fields} campos de busca visíveis (barra extra do tema?)"
        # A barra do pydata fica só como um cabeçalho vazio e oculto (_templates/layout.html).
        header = page.locator("#pst-header")
        assert header.count() <= 1 and (header.count() == 0 or header.first.is_hidden())
        assert page.evaluate("() => document.querySelectorAll('#pst-header *').length") == 0
    finally:
        context.close()


ENGLISH = re.compile(
    r"\b(Copy|Copied|clipboard|Loading|Skip to|Search this|Back to top|On this page|Toggle"
    r"|Color mode|Launch|Main|Page|logo|Please activate|Not Found|Error)\b")


def _interface_strings(page) -> list[str]:
    return page.evaluate(
        """() => {
            const out = [];
            for (const e of document.querySelectorAll('*')) {
              if (e.closest('pre, code, .highlight, .cell_input, .math')) continue;
              for (const a of ['alt', 'aria-label', 'title', 'placeholder', 'data-tooltip',
                               'data-bs-original-title'])
                if (e.getAttribute(a)) out.push(e.getAttribute(a));
              if (e.tagName === 'title') out.push(e.textContent);
            }
            document.querySelectorAll('noscript').forEach(n => out.push(n.textContent));
            return out;
        }""")


@pytest.mark.parametrize("path", [CHAPTER, "search.html", "book/intro.html"])
def test_no_english_in_attributes_or_on_interaction(browser, server, path):
    context, page = _open(browser, server, path, 1366)
    try:
        strings = _interface_strings(page)
        if page.locator("button.copybtn").count():  # dica e estado "copiado" do botão
            page.locator("div.highlight").first.hover()
            button = page.locator("button.copybtn").first
            tooltip = button.get_attribute("data-tooltip")
            button.click()
            # o estado "copiado" troca a dica por um instante: espera a troca e a lê
            assert settle(page, lambda p: button.get_attribute("data-tooltip") != tooltip), \
                f"{path}: o botão de copiar não mostrou o estado copiado"
            strings.append(button.get_attribute("data-tooltip") or "")
            strings += page.evaluate("() => [...document.querySelectorAll("
                                     "'button.copybtn svg title')].map(t => t.textContent)")
        english = sorted({s for s in strings if ENGLISH.search(s)})
        assert not english, f"{path}: interface em inglês: {english}"
    finally:
        context.close()


def test_portuguese_404_page(browser, server):
    context, page, _ = offline_page(browser, server)
    try:
        response = page.goto(f"{server}/capitulo-que-nao-existe.html")
        assert response.status == 404
        assert page.get_attribute("html", "lang") == "pt-BR"
        assert "Página não encontrada" in page.inner_text("body")
        page.locator("#inicio").click()
        page.wait_for_load_state()
        assert page.get_attribute("html", "lang") == "pt-BR"
        assert "As Leis de Escala" in page.title()
    finally:
        context.close()


def _search(browser, server, query):
    context, page = _open(browser, server, f"search.html?q={query}", 1366)
    page.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary')", timeout=20_000)
    page.wait_for_timeout(1500)  # os resumos chegam depois, por fetch
    results = page.evaluate(
        """() => [...document.querySelectorAll('#search-results li')].map(li => ({
              href: li.querySelector('a').getAttribute('href').split('#')[0],
              text: li.textContent}))""")
    return context, results


@pytest.mark.parametrize("query, expected", [("potencia", "01-leis-de-potencia"),
                                             ("potência", "01-leis-de-potencia"),
                                             ("orcamento", "02-kaplan"),
                                             ("Chinchilla", "03-chinchilla")])
def test_search_ignores_accents(browser, server, query, expected):
    context, results = _search(browser, server, query)
    context.close()
    assert any(expected in r["href"] for r in results), f"{query!r}: {results[:5]}"


@pytest.mark.parametrize("query", ["potencia", "perda", "Chinchilla", "glossario"])
def test_search_results_are_unique_and_without_raw_tex(browser, server, query):
    context, results = _search(browser, server, query)
    context.close()
    assert results, f"{query!r}: nenhum resultado"
    pages = [r["href"] for r in results]
    assert len(pages) == len(set(pages)), f"{query!r}: página repetida: {pages}"
    for r in results:
        for token in ("\\(", "\\)", "\\[", "\\frac", "^{", "_{", "\\alpha", "$$"):
            assert token not in r["text"], f"{query!r}: TeX cru no resumo: {r['text'][:200]}"


def _overflowing(page) -> list[str]:
    """Fórmulas, tabelas de números e a própria página que passam da largura da tela."""
    return page.evaluate(
        """() => {
            const out = [], W = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth > W + 1) out.push('página: ' +
                document.documentElement.scrollWidth);
            const formulas = 'article div.math, article .katex-display';
            for (const e of document.querySelectorAll(formulas)) {
              if (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > W + 1)
                out.push('fórmula: ' + (e.textContent || '').slice(0, 60));
            }
            return out;
        }""")


@pytest.mark.parametrize("path", PAGES)
def test_nothing_overflows_on_a_phone(browser, server, path):
    """A 390 px nada rola de lado (página, fórmulas), nenhum número de tabela se parte em duas
    linhas e, nos capítulos, o texto das figuras fica legível: uma visita por página, depois de
    rolar até o fim (as figuras abaixo da primeira tela só carregam perto do leitor)."""
    context, page = _open(browser, server, path, 390, device_scale_factor=2)
    try:
        if path in CHAPTERS:
            scroll_through(page)
            _check_figure_text(page, path, 390)
        page.evaluate("() => document.fonts.ready")  # as fontes do KaTeX mudam as larguras
        bad = _overflowing(page)
        assert not bad, f"{path} a 390 px: {bad}"
        split = page.evaluate(
            """() => [...document.querySelectorAll('table td')].filter(td =>
                  /\\d × 10/.test(td.textContent) && td.getClientRects().length &&
                  td.querySelectorAll('br').length === 0 &&
                  Math.round(td.getBoundingClientRect().height /
                             parseFloat(getComputedStyle(td).lineHeight || 20)) > 1
                  && getComputedStyle(td).whiteSpace !== 'nowrap').map(td => td.textContent)""")
        assert not split, f"{path}: números quebrados em duas linhas: {split[:3]}"
    finally:
        context.close()


def _figure_text_sizes(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('article img')].filter(i =>
              i.naturalWidth > 0 && i.dataset.menorTexto).map(i => ({
                 src: i.getAttribute('src'), shown: i.getBoundingClientRect().width,
                 natural: i.naturalWidth, text: parseFloat(i.dataset.menorTexto)}))""")


def _check_figure_text(page, path, width) -> None:
    """O menor texto de cada figura, no tamanho em que ela aparece, tem ≥ 11 px de CSS, e a
    imagem tem px para telas HiDPI."""
    figures = _figure_text_sizes(page)
    n_images = page.evaluate("() => document.querySelectorAll('article figure img').length")
    assert figures and len(figures) >= n_images, f"{path}: figuras sem data-menor-texto"
    small = [(f["src"][-40:], round(f["text"] * f["shown"] / f["natural"], 1))
             for f in figures if f["text"] * f["shown"] / f["natural"] < MIN_FIGURE_TEXT_PX]
    assert not small, f"{path} a {width} px: texto de figura menor que 11 px: {small}"
    sharp = [f for f in figures if f["natural"] < 1.9 * f["shown"]]
    assert not sharp, f"{path}: figuras sem resolução para telas HiDPI: {sharp[:2]}"


@pytest.mark.parametrize("path", CHAPTERS)
def test_figure_text_is_readable_where_shown(browser, server, path):
    """No computador (1366 px); a 390 px, test_nothing_overflows_on_a_phone confere o mesmo."""
    context, page = _open(browser, server, path, 1366, device_scale_factor=2)
    try:
        scroll_through(page)  # as figuras abaixo da primeira tela só carregam perto do leitor
        _check_figure_text(page, path, 1366)
    finally:
        context.close()


def test_dark_mode_outputs_follow_the_theme(browser, server):
    context, page = _open(browser, server, "notebooks/03-chinchilla.html", 1366,
                          color_scheme="dark")
    try:
        light = page.evaluate(
            """() => [...document.querySelectorAll('.cell_output .output, .cell_output')]
                  .map(e => getComputedStyle(e).backgroundColor)
                  .filter(c => { const m = c.match(/\\d+/g); return m && m.length >= 3 &&
                     (m.length < 4 || +m[3] > 0) && (+m[0] + +m[1] + +m[2]) / 3 > 150; })""")
        assert not light, f"painéis claros nas saídas no modo escuro: {light[:3]}"
    finally:
        context.close()


def test_figures_are_files_with_the_text_size_attribute():
    """Cada figura dos capítulos traz o tamanho do seu menor texto (data-menor-texto)."""
    html = (HTML / CHAPTER).read_text(encoding="utf-8")
    imgs = re.findall(r"<img [^>]*>", html)
    figures = [i for i in imgs if "_images/" in i]
    assert figures and all("data-menor-texto" in i for i in figures), figures[:2]
