"""Slides dos capítulos (scripts/slides.py, ``make slides``): feitos do livro, sem internet,
com a interface em português, todos os slides compostos e nenhum transbordando.

No navegador, cada apresentação é aberta uma vez e percorrida slide a slide dentro de uma só
chamada de JavaScript (barato: um ``evaluate`` por apresentação)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys

import pytest
from conftest import HTML, ROOT, offline_page, require

sys.path.insert(0, str(ROOT / "scripts"))
import slides_conteudo

ALUNOS = sorted((ROOT / "alunos").glob("[0-9][0-9]-*.ipynb"))
SLIDES = HTML / "slides"
pytestmark = pytest.mark.site

# Palavras da interface do reveal.js em inglês (controles, ajuda, pausa, "ir para o slide").
ENGLISH_UI = re.compile(r"\b(previous|next|above|below|jump|resume|navigate|overview|help|"
                        r"pause|press|keyboard|shortcut|fragments|presentation|slides? \d)\b",
                        re.I)

PERCORRER = """() => {
  const cfg = Reveal.getConfig();
  const out = [];
  for (const s of Reveal.getSlides()) {
    const ix = Reveal.getIndices(s);
    Reveal.slide(ix.h, ix.v || 0);
    const cur = Reveal.getCurrentSlide();
    const wide = [...cur.querySelectorAll("*")].filter(e => !e.closest(".katex-mathml")
                  && e.scrollWidth > e.clientWidth + 1
                  && getComputedStyle(e).overflowX !== "visible").map(e => e.className);
    const imgs = [...cur.querySelectorAll("img")];
    out.push({
      id: ix.h + "." + (ix.v || 0),
      texto: cur.innerText.trim(),
      largura: cur.scrollWidth, altura: cur.scrollHeight,
      maxLargura: cfg.width, maxAltura: cfg.height,
      rolam: wide,
      imagens: imgs.map(i => i.complete && i.naturalWidth > 0),
      alts: imgs.map(i => i.alt),
      katex: cur.querySelectorAll(".katex").length,
      katexErro: cur.querySelectorAll(".katex-error").length,
    });
  }
  const ui = [...document.querySelectorAll(".reveal *")].filter(e => !e.closest(".slides"));
  const rotulos = ui.flatMap(e => [e.getAttribute("aria-label"), e.getAttribute("title"),
                                   e.getAttribute("placeholder"), e.innerText])
                    .filter(Boolean);
  return {slides: out, rotulos, lang: document.documentElement.lang, titulo: document.title};
}"""


def _deck(path):
    return SLIDES / f"{path.stem}.html"


@pytest.mark.parametrize("path", ALUNOS, ids=lambda p: p.stem)
def test_deck_renders_offline_in_portuguese_without_overflow(path, server, browser):
    require(_deck(path).is_file(), "slides não construídos (rode make slides)")
    context, page, blocked = offline_page(browser, server, viewport={"width": 1280, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    try:
        page.goto(f"{server}/slides/{path.stem}.html")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=15_000)
        got = page.evaluate(PERCORRER)
    finally:
        context.close()
    assert not blocked, f"pedidos para fora do site: {blocked}"
    assert not errors, errors
    assert got["lang"] == "pt-BR"
    assert len(got["slides"]) >= 8, f"só {len(got['slides'])} slides"
    problems = []
    for s in got["slides"]:
        where = f"slide {s['id']} ({s['texto'][:40]!r})"
        if not s["texto"] and not s["imagens"]:
            problems.append(f"{where}: vazio")
        if not all(s["imagens"]):
            problems.append(f"{where}: imagem que não carrega")
        if any(len(a) < 20 for a in s["alts"]):
            problems.append(f"{where}: imagem sem texto alternativo")
        if s["katexErro"] or re.search(r"\$|KATEX[DM]\d", s["texto"]):
            problems.append(f"{where}: fórmula não composta")
        if s["largura"] > s["maxLargura"] + 1 or s["rolam"]:
            problems.append(f"{where}: transborda na horizontal ({s['largura']} px; {s['rolam']})")
        if s["altura"] > s["maxAltura"] + 1:
            problems.append(f"{where}: transborda na vertical ({s['altura']} px)")
        if re.search(r"\{(cite|term|doc|numref|ref)[:}]|:::|```", s["texto"]):
            problems.append(f"{where}: marcação MyST crua")
    assert not problems, "\n".join(problems)
    assert sum(s["katex"] for s in got["slides"]) > 0, "nenhuma fórmula composta"
    english = [r for r in got["rotulos"] + [got["titulo"]] if ENGLISH_UI.search(r)]
    assert not english, f"interface em inglês: {english}"


def _figure_hashes(nb: dict) -> list[str]:
    return [hashlib.sha256(base64.b64decode(o["data"]["image/png"])).hexdigest()
            for c in nb["cells"] if c["cell_type"] == "code"
            and "figure" in c["metadata"].get("mystnb", {})
            for o in c.get("outputs", []) if "image/png" in o.get("data", {})]


@pytest.mark.parametrize("path", ALUNOS, ids=lambda p: p.stem)
def test_deck_uses_the_books_own_figures_and_formulas(path):
    """As figuras são as PNG do capítulo, byte a byte e na mesma ordem; as fórmulas em destaque e
    os títulos de seção do capítulo estão todos lá."""
    require(_deck(path).is_file(), "slides não construídos (rode make slides)")
    nb = json.loads(path.read_text(encoding="utf-8"))
    chapter = json.loads((ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))
    html = _deck(path).read_text(encoding="utf-8")
    srcs = re.findall(r'<img [^>]*src="([^"]+)"', html)
    ours = [hashlib.sha256((SLIDES / s).read_bytes()).hexdigest() for s in srcs]
    book = _figure_hashes(chapter)
    assert ours and ours == [h for h in book if h in ours] and len(ours) == len(book)
    source = "\n".join(slides_conteudo._src(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    headings = re.findall(r"^<h2[^>]*>(.*?)</h2>", html, re.M)
    titles = [re.sub(r"<[^>]+>|\u00b6", "", h).strip() for h in headings]
    for heading in re.findall(r"^## (?!Explore)(.+)$", source, re.M):  # "Explore": widgets
        # o texto antes da primeira fórmula, sem a marcação de ênfase (*termo*), que vira <em>
        prefix = re.sub(r"[*`]", "", heading.split("$")[0]).strip()
        assert any(t.startswith(prefix) for t in titles), f"seção sem slide: {heading}"
    n_display = len(re.findall(r"\$\$", source)) // 2
    assert html.count('class="katex-display"') >= n_display
    assert "https://" not in re.sub(r'xmlns="[^"]+"', "", html), "endereço externo nos slides"


#: Uma palavra repetida ("Use a a figura", "de de"), fora das fórmulas e da marcação.
REPEATED = re.compile(r"(?<![\w\\])(\w+)\s+\1\b", re.I)


def test_role_contraction_keeps_one_article():
    """Os papéis do MyST viram "a figura do livro"; a palavra de antes decide a contração."""
    cases = {"Use a {numref}`fig-x`.": "Use a figura do livro.",
             "em {numref}`fig-x`": "na figura do livro",
             "de {numref}`ex-01-dobrar`": "do exercício do livro",
             "Na {numref}`fig-x`": "Na figura do livro",
             "pela {numref}`tab-x`": "pela tabela do livro",
             "com {numref}`fig-x`": "com a figura do livro"}
    for source, expected in cases.items():
        assert slides_conteudo.plain_roles(source, {}, ROOT / "notebooks") == expected, source


@pytest.mark.parametrize("path", ALUNOS, ids=lambda p: p.stem)
def test_no_slide_repeats_a_word(path):
    """Nenhum slide com palavra repetida, como o "Use a a figura do livro" que a contração dos
    papéis deixava no capítulo 6 (o conteúdo dos slides, em memória: não precisa do site)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells, _ = slides_conteudo.slide_cells(nb, path.stem, int(path.stem[:2]))
    assert len(cells) >= 8
    found = []
    for cell in cells:
        text = re.sub(r"<[^>]+>", " ", cell["source"])  # as tags das figuras
        text = re.sub(r"\$\$.+?\$\$|\$[^$]*\$", " ", text, flags=re.S)  # as fórmulas
        found += [text[max(0, m.start() - 30):m.end() + 20] for m in REPEATED.finditer(text)]
    assert found == [], found


def test_slides_page_lists_every_deck():
    require((HTML / "book" / "slides.html").is_file(), "site não construído (rode make book)")
    page = (HTML / "book" / "slides.html").read_text(encoding="utf-8")
    for path in ALUNOS:
        assert f'href="../slides/{path.stem}.html"' in page, path.stem


def _titles(deck) -> set[str]:
    html = deck.read_text(encoding="utf-8")
    return {re.sub(r"<[^>]+>|[\"“”]", "", h).strip()
            for h in re.findall(r"<h[123][^>]*>(.*?)</h[123]>", html)}


def test_guide_points_at_slides_that_exist():
    """Cada "o que projetar" do guia cita slides pelo título: o título existe naquela apresentação
    (se um título do capítulo mudar, o guia é avisado aqui)."""
    require(SLIDES.is_dir(), "slides não construídos (rode make slides)")
    guide = (ROOT / "book" / "guia-do-professor.md").read_text(encoding="utf-8")
    cited = 0
    for stem, rest in re.findall(r'<a href="\.\./slides/([\w-]+)\.html">[^<]*</a>([^;|<]*)', guide):
        titles = _titles(SLIDES / f"{stem}.html")
        # um título entre aspas; as de dentro, simples no guia ("Treinar além do 'ótimo'")
        for quoted in re.findall(r'(?<![\w>])"(.+?)"(?=[\s,;:)]|$)', rest):
            cited += 1
            title = re.sub("[\"']", "", quoted)
            assert any(t.startswith(title) for t in titles), f"{stem}: {quoted}"
    assert cited >= 20


def _numbered_captions(html: str) -> list[tuple[str, str]]:
    """(número, começo da legenda) de cada figura numerada de uma página ou apresentação."""
    import html as htmllib

    found = []
    for body in re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html, flags=re.S):
        body = re.sub(r'<span class="katex">.*', "", body, flags=re.S)  # até a 1ª fórmula
        text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        m = re.match(r"Figura (\d+\.\d+)\s*(.*)", text)
        if m:
            found.append((m.group(1), m.group(2)[:25]))
    return found


@pytest.mark.parametrize("path", ALUNOS, ids=lambda p: p.stem)
def test_slide_figures_have_the_books_figure_numbers(path):
    """Cada figura dos slides diz o seu número, o mesmo do capítulo no site (o guia cita as
    figuras pelo número)."""
    page = HTML / "notebooks" / f"{path.stem}.html"
    require(_deck(path).is_file() and page.is_file(), "site ou slides não construídos")
    slides = _numbered_captions(_deck(path).read_text(encoding="utf-8"))
    book = _numbered_captions(page.read_text(encoding="utf-8"))
    n_images = len(re.findall(r"<img ", _deck(path).read_text(encoding="utf-8")))
    assert len(slides) == n_images > 0, (len(slides), n_images)
    assert book, "o capítulo não tem figuras numeradas (numfig)"
    assert [s for s in slides if s not in book] == [], (slides, book)
