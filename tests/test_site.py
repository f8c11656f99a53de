"""O site construído, num navegador de verdade (Chromium do Debian via Playwright), sem rede.

Para cada página do sumário: HTTP 200, lang="pt-BR", fórmulas já compostas no HTML (KaTeX na
construção, sem TeX cru), retratos dos widgets visíveis, texto alternativo real em toda imagem,
nenhum erro de console fora da lista explícita abaixo, nenhum texto de interface em inglês e o
peso de cada página dentro das metas (issue 16).
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser

import pytest
from conftest import HTML, ROOT, offline_page, require, scroll_through, settle, toc_files

pytestmark = pytest.mark.site

ENGLISH_UI = (
    "Skip to main content", "Search this book", "Launch", "Back to top", "On this page",
    "Toggle", "Color mode",
)

# Erros de console conhecidos e inofensivos (ver ../shared/reference/toolchain.md §5):
ALLOWED_CONSOLE = (
    # embed-amd.js do @jupyter-widgets/html-manager 1.0.x, ao iniciar sem kernel.
    re.compile(r"Cannot read properties of undefined \(reading 'Queue'\)"),
    # Fontes de ícones que o embed-amd pede relativas à página; os widgets do livro não usam
    # ícones. As respostas 404 correspondentes são conferidas uma a uma em _check_failures.
    re.compile(r"Failed to load resource: the server responded with a status of 404"),
)
ALLOWED_404 = re.compile(r"/@jupyter-widgets/html-manager/dist/[0-9a-f]+\.(woff2?|ttf|eot|svg)$")


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Metas de peso (bytes transferidos, com gzip, primeira visita sem cache; issue 16):
PROSE_BUDGET = 400_000          # página de prosa (book/), com tudo carregado
CHAPTER_BUDGET = 1_200_000      # capítulo antes de o leitor interagir (sem rolar)
PAGE_BUDGET = 3_000_000         # qualquer página, depois de rolar até o fim (widgets e figuras)
REPORT = ROOT / "_build" / "relatorio-site.json"
_weights: dict[str, dict[str, int]] = {}


@pytest.fixture(scope="module", autouse=True)
def weight_report():
    """Grava o peso de cada página (lido por make bench) ao fim dos testes do site."""
    yield
    if not _weights:
        return
    import fcntl

    REPORT.parent.mkdir(exist_ok=True)
    # Com os testes do site em vários processos (pytest-xdist), cada um junta as suas páginas
    # às que os outros já gravaram nesta sessão (o make test apaga o relatório antes).
    with open(REPORT.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        weights = (json.loads(REPORT.read_text(encoding="utf-8"))["bytes_por_pagina"]
                   if REPORT.is_file() and os.environ.get("LIVRO_CONSTRUCOES") else {})
        weights.update(_weights)
        heaviest = max(weights, key=lambda p: weights[p]["depois"])
        REPORT.write_text(json.dumps({"paginas": len(weights), "bytes_por_pagina": weights,
                                      "mais_pesada": [heaviest, weights[heaviest]["depois"]]},
                                     indent=2, ensure_ascii=False), encoding="utf-8")


PAGES = [f + ".html" for f in toc_files()]


@pytest.mark.parametrize("page_path", PAGES)
def test_page(browser, server, page_path):
    """Cada página numa visita só: o que o leitor baixa antes e depois de rolar, fórmulas,
    widgets, figuras, português, citações, soluções fechadas, nenhum erro, e o axe no fim
    (``_check_accessibility``), com a página inteira já carregada."""
    require(AXE.is_file(), f"axe-core ausente ({AXE}); rode scripts/vendor_assets.sh")
    context, page, blocked = offline_page(browser, server)
    console, failures = [], []
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and failures.append((r.status, r.url)))
    finished = []
    page.on("requestfinished", lambda r: finished.append(r))
    try:
        response = page.goto(f"{server}/{page_path}", wait_until="load")
        assert response is not None and response.status == 200, page_path
        page.wait_for_load_state("networkidle")
        before = _transferred(finished)  # o que o leitor baixa antes de rolar ou clicar
        assert page.get_attribute("html", "lang") == "pt-BR"
        _check_math(page, page_path)
        _check_widgets(page, page_path)
        _check_images(page, page_path)
        _check_english(page, page_path)
        _check_citations(page, page_path)
        scroll_through(page)  # figuras abaixo da primeira tela carregam quando se chega perto
        _check_images_loaded(page, page_path)
        page.wait_for_load_state("networkidle")
        _check_weight(page_path, before, _transferred(finished))
        _check_solutions(page, page_path)
        _check_failures(failures, page_path)
        bad = [m for m in console if not any(p.search(m) for p in ALLOWED_CONSOLE)]
        assert not bad, f"{page_path}: erros de console: {bad}"
        _check_accessibility(page, page_path)
    finally:
        context.close()
    # Nada deveria tentar a rede; se tentar, a página ainda tem que funcionar (acima).
    assert all("cdn" not in u for u in blocked), f"{page_path}: pediu CDN sem rede: {blocked}"


def _check_math(page, page_path):
    """Cada fórmula chega composta (KaTeX, com MathML para leitores de tela) e nenhuma usa
    JavaScript de matemática: sem MathJax, sem KaTeX no navegador."""
    n_math = page.locator(".math").count()
    if n_math == 0:
        return
    rendered = page.evaluate(
        "() => [...document.querySelectorAll('.math')]"
        ".filter(e => e.querySelector('.katex-html') && e.querySelector('.katex-mathml math'))"
        ".length"
    )
    assert rendered == n_math, f"{page_path}: {rendered} de {n_math} fórmulas compostas"
    assert page.evaluate("() => !window.MathJax && !window.katex"), f"{page_path}: JS de fórmulas"
    raw = page.evaluate(
        """() => {
            const art = document.querySelector('article') || document.body;
            const c = art.cloneNode(true);
            c.querySelectorAll('pre, code, script, style, .katex-mathml, .highlight')
             .forEach(e => e.remove());
            return c.textContent;
        }"""
    )
    for token in ("\\(", "\\[", "$$", "\\frac", "\\alpha"):
        assert token not in raw, f"{page_path}: TeX cru visível: {token!r}"


class _TextOutsideCode(HTMLParser):
    """O texto de uma página fora de código, scripts e da anotação TeX do MathML, e as
    classes de erro do KaTeX."""

    SKIP = frozenset({"script", "style", "pre", "code", "annotation", "textarea"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.text, self.errors = 0, [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        if "katex-error" in (dict(attrs).get("class") or "").split():
            self.errors += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.text.append(data)


@pytest.mark.parametrize("page_path", PAGES)
def test_formulas_are_typeset_in_the_initial_html(page_path):
    """O HTML que o leitor recebe (o arquivo, antes de qualquer JavaScript) já traz as fórmulas
    compostas: nenhum delimitador de TeX cru no texto e nenhum erro do KaTeX."""
    path = HTML / page_path
    require(path.is_file(), "site não construído (rode make book)")
    html = path.read_text(encoding="utf-8")
    parser = _TextOutsideCode()
    parser.feed(html)
    text = "".join(parser.text)
    raw = [t for t in ("\\(", "\\)", "\\[", "\\]", "$$") if t in text]
    assert not raw, f"{page_path}: TeX cru no HTML inicial: {raw}"
    assert parser.errors == 0, f"{page_path}: {parser.errors} fórmula(s) com erro do KaTeX"
    # Comando desconhecido: o KaTeX o escreve em vermelho (errorColor #cc0000), sem .katex-error.
    assert "#cc0000" not in html, f"{page_path}: fórmula com comando que o KaTeX não conhece"
    n_math = len(re.findall(r'class="math\b', html))
    n_katex = len(re.findall(r'<span class="katex">', html))
    assert n_katex >= n_math, f"{page_path}: {n_math} fórmulas, {n_katex} compostas"
    assert "tex-mml-chtml" not in html, f"{page_path}: ainda carrega o MathJax"


def _render_widgets(page) -> int:
    """Rola até cada widget (os scripts carregam sob demanda) e espera os retratos."""
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    n = views.count()
    for k in range(n):
        page.evaluate("(el) => el.parentElement.scrollIntoView()", views.nth(k).element_handle())
    if n:
        page.locator(".widget-slider").first.wait_for(state="visible", timeout=30_000)
        page.wait_for_function(
            "(n) => document.querySelectorAll('.widget-slider, .widget-dropdown').length >= n",
            arg=n, timeout=30_000)
        page.evaluate("() => window.scrollTo(0, 0)")
    return n


def _check_widgets(page, page_path):
    # Carga sob demanda: com o primeiro widget longe da tela, os 4 MB ainda não vieram.
    far, loaded = page.evaluate(
        """() => {
            const v = document.querySelector(
                'script[type="application/vnd.jupyter.widget-view+json"]');
            const far = !!v && v.parentElement.getBoundingClientRect().top > innerHeight + 1000;
            return [far, [...document.scripts].some(s => /embed-amd/.test(s.src))];
        }"""
    )
    if far:
        assert not loaded, f"{page_path}: widgets carregados antes de o leitor chegar a eles"
    n = _render_widgets(page)
    if n == 0:
        return
    assert page.locator(".widget-slider").first.is_visible(), f"{page_path}: widget não renderizou"


def _check_images(page, page_path):
    for img in page.locator("img").all():
        alt = (img.get_attribute("alt") or "").strip()
        src = img.get_attribute("src") or ""
        assert alt, f"{page_path}: imagem sem texto alternativo: {src[:80]}"
        assert not re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.I), f"{page_path}: alt {alt!r}"
        assert alt.lower() not in {"png", "image", "imagem", "figura", "figure"}, alt


def _check_english(page, page_path):
    text = page.inner_text("body")
    attrs = page.evaluate(
        """() => [...document.querySelectorAll('[title], [aria-label], [placeholder],'
                  + ' [data-bs-original-title]')].flatMap(e =>
            ['title', 'aria-label', 'placeholder', 'data-bs-original-title']
              .map(a => e.getAttribute(a)).filter(Boolean))"""
    )
    haystack = text + "\n" + "\n".join(attrs)
    found = [s for s in ENGLISH_UI if s in haystack]
    assert not found, f"{page_path}: textos de interface em inglês: {found}"
    # Atributos (alt, aria-label, title, placeholder, dicas) e o <noscript>, em toda página.
    from test_site_telas import ENGLISH, _interface_strings

    english = sorted({s for s in _interface_strings(page) if ENGLISH.search(s)})
    assert not english, f"{page_path}: atributos em inglês: {english}"


# Conectivos de bibliografia em inglês (o pybtex padrão os escreve; _ext/pt_br_bib.py traduz).
ENGLISH_BIB = re.compile(r"\band others\b|\w \band\b \w[\w.]* \[|\bIn Advances\b|Technical Report")


def _check_citations(page, page_path):
    texts = page.evaluate(
        """() => [...document.querySelectorAll('div.citation, span:has(> a[href*="#id"])')]
              .map(e => e.textContent)"""
    )
    for text in texts:
        assert not ENGLISH_BIB.search(text), f"{page_path}: bibliografia em inglês: {text[:120]}"
        assert " and " not in text.split(".")[0], f"{page_path}: autores com 'and': {text[:120]}"


def _check_solutions(page, page_path):
    """Soluções de exercícios começam fechadas e abrem com um clique."""
    heights = page.evaluate(
        """() => [...document.querySelectorAll('div.solution')].map(d =>
              [...d.children].filter(c => !c.classList.contains('admonition-title'))
                 .reduce((h, c) => h + c.getBoundingClientRect().height, 0))"""
    )
    assert all(h == 0 for h in heights), f"{page_path}: solução visível sem clique: {heights}"
    if heights:
        # Sob carga pesada (2 núcleos, site e nbval juntos) o leiaute demora a assentar depois
        # da rolagem até o botão; 30 s não bastaram uma vez. Não é medida de velocidade.
        page.locator("div.solution .admonition-title").first.click(timeout=90_000)
        opened = settle(page, lambda p: p.evaluate(
            """() => [...document.querySelector('div.solution').children]
                  .filter(c => !c.classList.contains('admonition-title'))
                  .reduce((h, c) => h + c.getBoundingClientRect().height, 0) > 0"""))
        assert opened, f"{page_path}: a solução não abre com um clique"


def _check_failures(failures, page_path):
    bad = [(s, u) for s, u in failures if not (s == 404 and ALLOWED_404.search(u))]
    assert not bad, f"{page_path}: respostas com erro: {bad}"


def _check_images_loaded(page, page_path):
    """Sem rede, toda figura carrega (largura natural > 0)."""
    broken = page.evaluate(
        """() => [...document.querySelectorAll('article img')]
              .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.slice(0, 80))"""
    )
    assert broken == [], f"{page_path}: figuras que não carregaram: {broken}"


def _transferred(finished) -> int:
    total = 0
    for request in list(finished):
        sizes = request.sizes()
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def _check_weight(page_path, before, after):
    """As três metas de peso: prosa ≤ 400 KB; capítulo ≤ 1,2 MB antes de interagir; nenhuma
    página > 3 MB depois de rolar até o fim (widgets e figuras carregados)."""
    _weights[page_path] = {"antes": before, "depois": after}
    assert after <= PAGE_BUDGET, f"{page_path}: {after} bytes depois de tudo (limite {PAGE_BUDGET})"
    if page_path.startswith("notebooks/"):
        assert before <= CHAPTER_BUDGET, (
            f"{page_path}: {before} bytes antes de interagir (limite {CHAPTER_BUDGET})")
    else:
        assert after <= PROSE_BUDGET, f"{page_path}: {after} bytes (limite {PROSE_BUDGET})"


# No modo escuro só mudam cores e o que cada modo mostra ou esconde (ícones, imagens
# .only-dark): as regras do axe que dependem disso. As de estrutura (títulos, ARIA, rótulos de
# formulário, idioma) dão o mesmo resultado nos dois modos e já rodaram no claro.
DARK_RULES = ["color-contrast", "link-in-text-block", "image-alt", "svg-img-alt", "role-img-alt",
              "input-image-alt", "object-alt", "image-redundant-alt", "link-name", "button-name"]


def _check_accessibility(page, page_path):
    """axe-core: nenhuma violação de impacto "serious" ou "critical", no modo claro (todas as
    regras) e no escuro (as que dependem das cores, ``DARK_RULES``).

    Na visita de test_page, depois de rolar: os widgets, as figuras e uma solução aberta já
    estão na página. O sistema passa ao modo escuro com a página aberta (o tema "auto"
    acompanha, _templates/layout.html); o modo escuro desde a primeira pintura é conferido em
    tests/test_estilos.py."""
    # Quem usa o teclado: no primeiro Tab toda caixa que rola fica focável (livro.js; sem
    # ele, só as que passaram perto da tela), e os scripts do tema chegam.
    page.keyboard.press("Tab")
    page.wait_for_function("typeof bootstrap === 'object'")
    # Sem transições: o axe mede cores finais, não um quadro no meio da troca de tema.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important;"
                               " animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    for scheme, only in (("light", None), ("dark", DARK_RULES)):
        page.emulate_media(color_scheme=scheme)
        mode = settle(page, lambda p: p.evaluate("document.documentElement.dataset.theme"),
                      scheme)
        assert mode == scheme, f"{page_path}: tema {mode!r}, esperado {scheme!r}"
        result = page.evaluate(
            """async (only) => await axe.run(document, only
                 ? {resultTypes: ['violations'], runOnly: {type: 'rule', values: only}}
                 : {resultTypes: ['violations']})""", only)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{page_path} ({scheme}): {bad}"


# As regras do axe como o Lighthouse 12.2.3 as roda (core/gather/gatherers/accessibility.js):
# as marcadas wcag2a e wcag2aa, mais estas ligadas, menos estas desligadas.
LIGHTHOUSE_ON = (
    "accesskeys aria-allowed-role aria-conditional-attr aria-deprecated-role aria-dialog-name "
    "aria-prohibited-attr aria-treeitem-name aria-text empty-heading heading-order "
    "html-xml-lang-mismatch identical-links-same-purpose image-redundant-alt input-button-name "
    "label-content-name-mismatch landmark-one-main link-in-text-block meta-viewport select-name "
    "skip-link tabindex table-duplicate-name table-fake-caption target-size td-has-header").split()
LIGHTHOUSE_OFF = (
    "area-alt aria-braille-equivalent aria-roledescription audio-caption blink duplicate-id "
    "frame-focusable-content frame-title-unique marquee nested-interactive no-autoplay-audio "
    "role-img-alt scrollable-region-focusable server-side-image-map summary-name svg-img-alt"
).split()
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_accessibility_as_lighthouse_sees_it(browser, server, page_path):
    """O axe como o Lighthouse móvel o roda: tela de celular, logo depois da carga, sem rolar.
    Nesse momento as seções fora da tela ainda estão puladas (content-visibility, livro.css),
    com a altura estimada, e o conteúdo delas, medido à força pelo axe, se sobrepõe ao da seção
    seguinte: um link pode parecer estar sobre uma caixa tingida (foi o que derrubou a nota de
    acessibilidade dos capítulos 3 e 5 para 96). Qualquer violação conta, como no Lighthouse.
    O "scrollable-region-focusable" fica de fora, como lá: as caixas que rolam ficam focáveis
    quando chegam perto da tela ou no primeiro Tab (livro.js), e test_page as confere
    depois de rolar a página inteira."""
    require(AXE.is_file(), f"axe-core ausente ({AXE}); rode scripts/vendor_assets.sh")
    context, page, _ = offline_page(browser, server, viewport={"width": 412, "height": 823},
                                    device_scale_factor=1.75, is_mobile=True, has_touch=True)
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        page.add_script_tag(path=str(AXE))
        rules = {r: {"enabled": True} for r in LIGHTHOUSE_ON}
        rules.update({r: {"enabled": False} for r in LIGHTHOUSE_OFF})
        result = page.evaluate(
            """async (rules) => await axe.run(document, {
                 runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']},
                 resultTypes: ['violations'], rules})""", rules)
    finally:
        context.close()
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"]]
    assert bad == [], f"{page_path} (celular, sem rolar): {bad}"
