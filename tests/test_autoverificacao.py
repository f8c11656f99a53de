"""Autoverificação dos exercícios "complete o código": certo, errado, incompleto, entrada ruim."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, notebooks

from scaling_utils import autoverificacao

# As contas refeitas aqui (o módulo só guarda hashes); cada uma é a solução do capítulo.
RESPOSTAS = {
    "01-quadruplicar": 4 ** -0.076,
    "02-flops": 6 * 3e8 * 6e9,
    "03-compute-20-tokens": 6 * 1e10 * (20 * 1e10),
    "04-largura": 0.02 / 4 ** 0.5,
    "05-acerto-exato": 0.95 ** 20,
    "06-pass-at-k": 1 - (1 - 0.1) ** 10,
    "07-perda": 0.25 + 1.0 / 100 ** 0.5,
    "08-custo": 6 * 2e8 * 4e9,
}


def test_every_item_has_a_checked_answer():
    assert set(RESPOSTAS) == set(autoverificacao.ITENS)


@pytest.mark.parametrize("item", sorted(RESPOSTAS))
def test_right_answer_passes_even_with_rounding_noise(item, capsys):
    for factor in (1, 1 + 1e-9, 1 - 1e-9):
        assert autoverificacao.confere(item, RESPOSTAS[item] * factor)
        assert autoverificacao.conferir(item, RESPOSTAS[item] * factor) is None
        assert capsys.readouterr().out == "Certo! A conta confere.\n"


@pytest.mark.parametrize("item", sorted(RESPOSTAS))
def test_wrong_answer_fails_with_a_hint_that_does_not_give_it_away(item, capsys):
    assert not autoverificacao.confere(item, RESPOSTAS[item] * 1.1)
    assert capsys.readouterr().out == "", "confere não imprime nada"
    assert autoverificacao.conferir(item, RESPOSTAS[item] * 1.1) is None
    out = capsys.readouterr().out
    assert out.startswith("Ainda não. Dica: ")
    spec = autoverificacao.ITENS[item]
    assert f"{RESPOSTAS[item]:.{spec.algarismos}g}".replace(".", ",") not in out


def test_incomplete_code_is_told_what_to_do(capsys):
    assert not autoverificacao.confere("02-flops", ...)
    assert autoverificacao.conferir("02-flops", ...) is None
    out = capsys.readouterr().out
    assert "troque as reticências (...)" in out
    assert "`" not in out, "saída de texto puro: sem crases de Markdown"


def test_bad_input_gets_a_portuguese_error():
    with pytest.raises(ValueError, match="item deve ser um destes"):
        autoverificacao.conferir("99-nada", 1.0)
    with pytest.raises(TypeError, match="valor deve ser um número"):
        autoverificacao.conferir("02-flops", "1e19")
    with pytest.raises(ValueError, match="item deve ser um destes"):
        autoverificacao.confere("99-nada", 1.0)


def test_every_chapter_has_a_complete_the_code_exercise_in_the_student_notebook():
    for path in notebooks():
        nb = json.loads((ROOT / "alunos" / path.name).read_text(encoding="utf-8"))
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        exercise = [c for c in cells if "autoverificacao.conferir" in c]
        assert exercise and all("..." in c for c in exercise), path.name
        outputs = json.dumps(nb["cells"], ensure_ascii=False)
        assert "Certo!" not in outputs, f"{path.name}: a resposta certa vazou"


def test_no_chapter_shows_an_english_true_or_false_after_the_self_check():
    """A célula da autoverificação só mostra a frase em português, sem ``True``/``False``."""
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if "autoverificacao.conferir" not in "".join(cell["source"]):
                continue
            shown = [o["data"].get("text/plain") for o in cell.get("outputs", [])
                     if o["output_type"] == "execute_result"]
            assert shown == [], f"{path.name} {cell['id']}: {shown}"
