"""O livro no papel (make pdf, scripts/print_pdf.py, o CSS de impressão de _assets/livro.css).

- Código, saídas e tabelas cabem na largura útil da página A4: no papel não há barra de
  rolagem, e o que passa da margem some ("20,5 tokens po", a coluna "tokens por parâmetro" da
  tabela Kaplan × Chinchilla). Conferido na página única que o make pdf imprime, com o Chromium
  em modo de impressão e a largura entre as margens do PDF.
- No gabarito, o título de cada chave de aula fica na mesma página que a tabela dela.
- Nos dois PDFs, nenhum título de seção fica no pé de uma página com o conteúdo na seguinte.
"""

from __future__ import annotations

import html as htmllib
import re
import sys
import unicodedata

import pytest
from conftest import ROOT, pdf_pages, require

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "_ext"))
import chave_aula
import print_pdf

GABARITO = ROOT / "_build" / "gabarito.pdf"
APOSTILA = ROOT / "_build" / "apostila.pdf"
#: A página única que cada PDF imprime (print_pdf.py grava a cópia livro.html na raiz).
SINGLE = {"gabarito": ROOT / "_build" / "pdf" / "_build" / "singlehtml",
          "apostila": ROOT / "_build" / "pdf-turma" / "_build" / "singlehtml"}

#: Os blocos que carregam código, saídas e tabelas: nenhum pode ser mais largo que a página
#: (rolar, no papel, é cortar) nem passar da margem direita.
WIDE = """width => {
  const out = [];
  for (const e of document.querySelectorAll(
      'pre, table, div.highlight, div.cell_output, div.cell_output .output, div.math')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0) continue;
    if (e.scrollWidth > e.clientWidth + 1 || r.right > width + 1)
      out.push(`${e.tagName}.${e.className}: ${e.scrollWidth} px em ${e.clientWidth} px ` +
               `(até ${Math.round(r.right)} px): ${e.textContent.trim().slice(0, 60)}`);
  }
  return {out, blocks: document.querySelectorAll('pre').length};
}"""


@pytest.mark.parametrize("which", sorted(SINGLE))
def test_code_outputs_and_tables_fit_the_printed_page(which, browser):
    site = SINGLE[which]
    require((site / "livro.html").is_file() and GABARITO.is_file() and APOSTILA.is_file(),
            "PDFs não gerados (make pdf; precisa do Chromium)")
    import serve

    httpd, base = serve.start(site)
    width = print_pdf.content_width_px()
    context = browser.new_context(viewport={"width": width, "height": 1000})
    try:
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                   or r.request.url.startswith("data:") else r.abort())
        page.goto(f"{base}/livro.html", wait_until="load")
        page.emulate_media(media="print")
        got = page.evaluate(WIDE, width)
    finally:
        context.close()
        httpd.shutdown()
    assert got["blocks"] > 100, got["blocks"]  # a página única inteira, com o código
    assert got["out"] == [], f"{len(got['out'])} blocos cortados na margem:\n" + \
        "\n".join(got["out"][:20])


def _squash(text: str) -> str:
    """Forma comparável: NFKC (as ligaduras do PDF, "desaﬁo") e sem espaço nenhum."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_each_lesson_key_title_is_on_the_page_of_its_table():
    """O título "Chave: Aula única" na mesma página que a tabela: com o título no pé de uma
    página e a tabela na seguinte, a professora lia a chave da aula de cima."""
    require(GABARITO.is_file(), "gabarito não gerado (make pdf; precisa do Chromium)")
    guide = (ROOT / "book" / "guia-do-professor.md").read_text(encoding="utf-8")
    names = [name for name, _, _ in chave_aula.keys_in(guide)]
    assert len(names) >= 8, names
    found, alone = {}, []
    reader = None
    for n, text in enumerate(pdf_pages(GABARITO), 1):
        here = [name for name in names if _squash(chave_aula.title(name) + ".") in _squash(text)]
        if not here:
            continue
        for name in here:
            found.setdefault(name, []).append(n)
        if reader is None:
            from pypdf import PdfReader

            reader = PdfReader(GABARITO)
        # Na ordem da página (o modo "layout" do pypdf; o texto simples põe o negrito antes):
        # logo abaixo de cada título, o cabeçalho da tabela.
        lines = [_squash(line) for line in
                 reader.pages[n - 1].extract_text(extraction_mode="layout").splitlines()]
        lines = [line for line in lines if line]
        for name in here:
            i = lines.index(_squash(chave_aula.title(name) + "."))
            if not (i + 1 < len(lines) and lines[i + 1].startswith("itemresposta")):
                alone.append(f"{name!r} na página {n}")
    assert sorted(found) == sorted(names) and all(len(p) == 1 for p in found.values()), found
    assert alone == [], f"título de chave longe da tabela: {alone}"


def test_the_last_search_hit_of_each_key_title_is_its_table():
    """O guia manda buscar "Chave: Aula única" no PDF e ir à última ocorrência (as anteriores
    são as instruções do guia): a última é a do título da tabela, na página da tabela."""
    require(GABARITO.is_file(), "gabarito não gerado (make pdf; precisa do Chromium)")
    guide = (ROOT / "book" / "guia-do-professor.md").read_text(encoding="utf-8")
    assert "última ocorrência" in guide
    pages = [_squash(text) for text in pdf_pages(GABARITO)]
    wrong = []
    for name, _, _ in chave_aula.keys_in(guide):
        title = _squash(chave_aula.title(name))
        hits = [n for n, text in enumerate(pages, 1) if title in text]
        table = [n for n, text in enumerate(pages, 1) if title + "." in text]
        if not hits or hits[-1] != table[-1] or pages[hits[-1] - 1].count(title) != 1:
            wrong.append(f"{name!r}: ocorrências nas páginas {hits}, tabela na {table}")
    assert wrong == [], wrong


def _headings(single) -> set[str]:
    """Os títulos de seção (h1 a h6) da página única que o PDF imprime, na forma comparável."""
    raw = (single / "livro.html").read_text(encoding="utf-8")
    out = set()
    for body in re.findall(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", raw, flags=re.S):
        body = re.sub(r'<a class="headerlink".*?</a>|<span class="katex-mathml">.*?</span>', "",
                      body, flags=re.S)
        text = _squash(htmllib.unescape(re.sub(r"<[^>]+>", "", body)))
        if len(text) >= 4:
            out.add(text)
    return out


#: O rodapé de cada página (print_pdf.FOOTER).
FOOTER = re.compile(r"\s*As Leis de Escala — \d+/\d+\s*")


def headings_at_the_foot(pdf, headings: set[str]) -> list[str]:
    """As páginas em que um título fica nas duas últimas linhas (antes do rodapé): o título
    sozinho, ou com uma linha só do que vem depois, e o resto na página seguinte. Uma página com
    muitos títulos seguidos é o sumário, que não conta."""
    from pypdf import PdfReader

    out = []
    for n, page in enumerate(PdfReader(pdf).pages, 1):
        lines = [_squash(line) for line in page.extract_text(extraction_mode="layout").splitlines()
                 if line.strip() and not FOOTER.fullmatch(line)]
        if sum(line in headings for line in lines) >= 5:
            continue  # o sumário
        for k in (1, 2):  # um título de uma ou de duas linhas, e no máximo uma linha depois
            for start in range(max(0, len(lines) - k - 1), len(lines) - k + 1):
                if "".join(lines[start:start + k]) in headings:
                    out.append(f"página {n}: {''.join(lines[start:start + k])}")
    return out


@pytest.mark.parametrize("which", sorted(SINGLE))
def test_no_section_heading_at_the_foot_of_a_page(which):
    """"Rubrica do relatório do laboratório" e a sua frase ficavam no pé de uma página do
    gabarito, e a tabela na seguinte (o CSS de impressão: títulos com ``break-after: avoid``)."""
    pdf = {"gabarito": GABARITO, "apostila": APOSTILA}[which]
    require(pdf.is_file() and (SINGLE[which] / "livro.html").is_file(),
            "PDFs não gerados (make pdf; precisa do Chromium)")
    headings = _headings(SINGLE[which])
    assert len(headings) >= 100, len(headings)
    if which == "gabarito":  # o caso que a professora achou: o detector o enxerga
        assert _squash("Rubrica do relatório do laboratório") in headings
    found = headings_at_the_foot(pdf, headings)
    assert found == [], f"títulos no pé da página em {pdf.name}:\n" + "\n".join(found)
