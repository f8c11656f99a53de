"""O livro no papel (make pdf, scripts/print_pdf.py, o CSS de impressão de _assets/livro.css).

- Código, saídas e tabelas cabem na largura útil da página A4: no papel não há barra de
  rolagem, e o que passa da margem some ("20,5 tokens po", a coluna "tokens por parâmetro" da
  tabela Kaplan × Chinchilla). Conferido na página única que o make pdf imprime, com o Chromium
  em modo de impressão e a largura entre as margens do PDF.
- No gabarito, o título de cada chave de aula fica na mesma página que a tabela dela.
"""

from __future__ import annotations

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
