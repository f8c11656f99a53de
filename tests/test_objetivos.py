"""Objetivos de aprendizagem: fonte única (ensino/objetivos.yml), cada um avaliado por um item."""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import ROOT, notebooks

sys.path.insert(0, str(ROOT / "scripts"))
import objetivos

TABLE = objetivos.load()
# Verbos mensuráveis (a avaliação consegue ver o aluno fazê-los); "entender", "conhecer", "ver"
# e "saber" não entram.
MEASURABLE = {"Calcular", "Explicar", "Ajustar", "Prever", "Enunciar", "Comparar", "Separar",
              "Propor", "Derivar", "Criticar", "Escrever"}


def _chapter(name: str) -> tuple[str, set[str], int]:
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"])
    labels = set(re.findall(r"```\{exercise\}\n:label: (\S+)", text))
    quiz = next(("".join(c["source"]) for c in nb["cells"]
                 if "".join(c["source"]).startswith("## Teste rápido")), "")
    return text, labels, len(re.findall(r"^\*\*\d+\.\*\* ", quiz, re.M))


def test_every_chapter_has_objectives():
    assert sorted(TABLE) == [p.stem for p in notebooks()]


@pytest.mark.parametrize("chapter", sorted(TABLE))
def test_every_objective_is_assessed_by_existing_items(chapter):
    _, labels, questions = _chapter(chapter)
    for objective in TABLE[chapter]:
        assert objective["itens"], f"{chapter}: objetivo sem item: {objective['texto']}"
        for item in objective["itens"]:
            if item.startswith("teste-"):
                assert 1 <= int(item.removeprefix("teste-")) <= questions, (chapter, item)
            else:
                assert item in labels, f"{chapter}: exercício inexistente {item}"


@pytest.mark.parametrize("chapter", sorted(TABLE))
def test_objectives_use_measurable_verbs(chapter):
    for objective in TABLE[chapter]:
        assert objective["texto"].split()[0].rstrip(",") in MEASURABLE, objective["texto"]


@pytest.mark.parametrize("chapter", sorted(TABLE))
def test_chapter_box_and_guide_match_the_source(chapter):
    text, _, _ = _chapter(chapter)
    box = objetivos.BOX.search(text)
    assert box and box.group(2) == objetivos.box_list(TABLE[chapter]), "rode scripts/objetivos.py"
    guide = objetivos.GUIDE.read_text(encoding="utf-8")
    assert objetivos.guide_table(TABLE) in guide, "rode scripts/objetivos.py"


def _solutions(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    current = None
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "{solution-start}" in text:
            current = [text.split()[1], [], False]
        elif cell["cell_type"] == "markdown" and "{solution-end}" in text:
            yield current
            current = None
        elif current is not None:
            if cell["cell_type"] == "code":
                current[2] = True
            elif not current[2]:
                current[1].append(re.sub(r"\$[^$]*\$", "", text))


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_every_solution_explains_in_prose_before_code(path):
    """A solução começa pelo raciocínio: pelo menos 25 palavras de prosa antes do código."""
    for label, prose, _ in _solutions(path):
        words = len(" ".join(prose).split())
        assert words >= 25, f"{label}: só {words} palavras antes do código"
