"""O livro em volta dos cadernos: glossário, referências, guia do professor, testes rápidos."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, notebooks

BOOK = ROOT / "book"


def _markdown_of_chapters() -> str:
    out = []
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        out += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return "\n".join(out)


def _all_text(skip: str = "") -> str:
    pages = [p.read_text(encoding="utf-8") for p in BOOK.glob("*.md") if p.name != skip]
    return _markdown_of_chapters() + "\n" + "\n".join(pages)


def _glossary_terms() -> list[str]:
    text = (BOOK / "glossario.md").read_text(encoding="utf-8")
    body = text[text.index("```{glossary}"):].splitlines()[1:]
    return [ln for ln in body if ln and not ln.startswith((" ", "```"))]


def test_glossary_has_30_terms_all_used():
    terms = _glossary_terms()
    assert len(terms) >= 30
    used = {re.sub(r".*<(.*)>", r"\1", m).strip()
            for m in re.findall(r"\{term\}`([^`]*)`", _all_text(skip="glossario.md"))}
    assert [t for t in terms if t not in used] == [], "termos do glossário nunca usados"
    text = (BOOK / "glossario.md").read_text(encoding="utf-8")
    for t in terms:  # cada termo tem o termo em inglês, em itálico, entre parênteses
        # (ou diz que é o mesmo em inglês, ou que é um nome do próprio livro, como "explorador")...
        m = re.search(rf"^{re.escape(t)}\n  \((\*[^*]+\*|mesmo termo em inglês[^)]*"
                      r"|termo deste livro)\)", text, re.M)
        assert m, t
        assert m.group(1).strip("*") != t, f"{t}: o termo não se explica por ele mesmo"


def test_every_bib_entry_is_cited():
    keys = re.findall(r"@\w+\{(\w+),", (ROOT / "references.bib").read_text(encoding="utf-8"))
    cited = set()
    for group in re.findall(r"\{cite:[pt]\}`([^`]*)`", _all_text()):
        cited.update(k.strip() for k in group.split(","))
    assert [k for k in keys if k not in cited] == []
    assert cited <= set(keys), "citação sem entrada em references.bib"


def test_model_sources_are_bib_keys():
    from scaling_utils.models import MODELS

    keys = set(re.findall(r"@\w+\{(\w+),", (ROOT / "references.bib").read_text("utf-8")))
    assert {m.source for m in MODELS} <= keys


def test_teachers_guide_maps_every_exercise():
    labels = re.findall(r":label: (ex-[\w-]+)", _markdown_of_chapters())
    guide = (BOOK / "guia-do-professor.md").read_text(encoding="utf-8")
    assert len(labels) >= 20
    missing = [lb for lb in labels if f"{{numref}}`{lb}`" not in guide]
    assert missing == [], f"exercícios fora do mapa de avaliação: {missing}"


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.name)
def test_quick_quiz(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    last = "".join(nb["cells"][-1]["source"])
    assert last.startswith("## Teste rápido")
    assert last.count("<details>") == 3 and last.count("</details>") == 3
    assert len(re.findall(r"^\*\*\d\.\*\*", last, re.M)) == 3


def test_markdown_sources_one_sentence_per_line():
    """Prosa: uma frase por linha (diffs limpos)."""
    offenders = []
    for p in BOOK.glob("*.md"):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(("|", "#", ">", "```", "  ", "- ", "1.", "$$", ":")):
                continue
            if re.search(r"[a-zà-ú)][.!?] +[A-ZÀ-Ú]", line):
                offenders.append(f"{p.name}:{n}")
    assert offenders == [], offenders
