"""As outras saídas do livro: a versão da turma (sem soluções) e o PDF."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from conftest import HTML, ROOT, notebooks, pdf_text, require, toc_files

TURMA = ROOT / "_build" / "turma" / "_build" / "html"
PDF = ROOT / "_build" / "livro.pdf"
SOLUTION_MARKERS = re.compile(r'class="[^"]*\bsolution\b|Solução (?:para|do)|solution-content')


def _chapter_pages():
    return [f + ".html" for f in toc_files() if f.startswith("notebooks/")]


def test_class_build_has_no_solutions():
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    for page in _chapter_pages():
        html = (TURMA / page).read_text(encoding="utf-8")
        assert not SOLUTION_MARKERS.search(html), f"{page}: há solução na versão da turma"
        assert "```{exercise}" not in html and 'class="exercise' in html, page


def test_normal_build_still_has_solutions():
    require((HTML / "index.html").is_file(), "site não construído (make book)")
    for page in _chapter_pages():
        html = (HTML / page).read_text(encoding="utf-8")
        assert SOLUTION_MARKERS.search(html), f"{page}: o site normal perdeu as soluções"
        assert "Solução do" in html and "Solução para" not in html, page


def test_solution_code_outputs_are_gone_from_the_class_build():
    """As saídas das células dentro das soluções (gated) somem junto."""
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    nb = json.loads((ROOT / "notebooks" / "01-leis-de-potencia.ipynb").read_text("utf-8"))
    inside, outputs = False, []
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "{solution-start}" in src:
            inside = True
        elif cell["cell_type"] == "markdown" and "{solution-end}" in src:
            inside = False
        elif inside and cell["cell_type"] == "code":
            outputs += ["".join(o.get("text", "")).strip() for o in cell.get("outputs", [])]
    outputs = [o.splitlines()[0] for o in outputs if o]
    assert outputs
    normal = (HTML / "notebooks/01-leis-de-potencia.html").read_text(encoding="utf-8")
    turma = (TURMA / "notebooks/01-leis-de-potencia.html").read_text(encoding="utf-8")
    for line in outputs:
        assert line in normal and line not in turma, line


def _titles():
    titles = []
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = "".join(nb["cells"][0]["source"]).splitlines()[0]
        titles.append(first.lstrip("# ").strip())
    return titles


def test_pdf_has_the_whole_book():
    require(PDF.is_file(), "PDF não gerado (make pdf; precisa do Chromium)")
    from pypdf import PdfReader

    reader = PdfReader(PDF)
    assert len(reader.pages) > 20
    text = pdf_text(PDF)
    # NFKC desfaz as ligaduras do PDF ("desaﬁo" → "desafio").
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    for title in _titles():
        assert title in text, f"título ausente do PDF: {title}"
    assert "Guia do professor" in text and "Referências" in text


@pytest.mark.parametrize("page", ["book/sintese", "book/reflexao", "book/gancho", "book/notacao",
                                  "book/ambiente", "book/guia-do-professor"])
def test_prose_pages_are_in_the_toc(page):
    assert page in toc_files()
