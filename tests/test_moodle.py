"""O banco de questões do Moodle (scripts/moodle.py, ``make moodle``) confere com a fonte.

O arquivo Moodle XML é lido com ``xml.etree``; os testes rápidos são relidos dos capítulos por
um leitor independente (aqui), e as respostas numéricas são conferidas contra as contas de
tests/test_autoverificacao.py e contra a própria autoverificação."""

from __future__ import annotations

import html as htmllib
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, notebooks, require
from test_autoverificacao import RESPOSTAS

from scaling_utils import autoverificacao

BANK = ROOT / "_build" / "moodle" / "as-leis-de-escala.xml"
pytestmark = pytest.mark.site  # o make test o gera com as construções (ver Makefile)

# Rótulo do exercício → item da autoverificação (o nome que a célula passa a conferir).
ITEM = {"ex-01-complete": "01-quadruplicar", "ex-02-complete": "02-flops",
        "ex-03-complete": "03-compute-20-tokens", "ex-04-complete": "04-largura",
        "ex-05-complete": "05-acerto-exato", "ex-06-complete": "06-pass-at-k",
        "ex-07-complete": "07-perda", "ex-08-complete": "08-custo"}


def words(text: str) -> list[str]:
    """As palavras do texto, sem HTML, fórmulas, papéis do MyST nem marcação."""
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)
    text = re.sub(r"\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\]", " ", text, flags=re.S)
    return re.findall(r"[^\W\d_]{2,}", text.lower())


def subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(w == b for b in it) for w in small)


def source_quiz(path) -> list[dict]:
    """As perguntas do teste rápido do capítulo, lidas de novo (sem o código do exportador)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next("".join(c["source"]) for c in nb["cells"]
                if "".join(c["source"]).startswith("## Teste rápido"))
    out = []
    for chunk in re.split(r"\n(?=\*\*\d+\.\*\*)", cell)[1:]:
        head, _, rest = chunk.partition("<details>")
        options = re.findall(r"^- \(([a-z])\) (.+)$", head, re.M)
        text = re.sub(r"^- \([a-z]\) .+$", "", head, flags=re.M)
        text = re.sub(r"^\*\*\d+\.\*\*", "", text).strip()
        answer = re.sub(r"</?details>|<summary>Resposta</summary>", "", rest).strip()
        out.append({"text": text, "options": options, "right": answer[1], "answer": answer})
    return out


@pytest.fixture(scope="module")
def bank() -> ET.Element:
    require(BANK.is_file(), "banco do Moodle não gerado (rode make moodle)")
    return ET.parse(BANK).getroot()


def _chapters(bank) -> dict[str, list[ET.Element]]:
    """Questões por idnumber do capítulo (o prefixo NN-nome)."""
    out: dict[str, list[ET.Element]] = {}
    for q in bank.findall("question"):
        if q.get("type") != "category":
            out.setdefault(q.findtext("idnumber").split("/")[0], []).append(q)
    return out


def test_one_category_per_chapter(bank):
    cats = [q.findtext("category/text") for q in bank.findall("question[@type='category']")]
    assert len(cats) == len(notebooks())
    assert all(c.startswith("$course$/As Leis de Escala/") for c in cats)


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_quiz_questions_options_and_right_answer_match_the_chapter(bank, path):
    exported = [q for q in _chapters(bank)[path.stem] if q.get("type") == "multichoice"]
    source = source_quiz(path)
    assert len(source) == 3 and len(exported) == len(source)
    for src, q in zip(source, exported, strict=True):
        assert subsequence(words(src["text"]), words(q.findtext("questiontext/text"))), src
        answers = q.findall("answer")
        assert len(answers) == len(src["options"]) >= 2
        for (letter, text), a in zip(src["options"], answers, strict=True):
            assert words(text) == words(a.findtext("text")), (text, a.findtext("text"))
            assert a.get("fraction") == ("100" if letter == src["right"] else "0"), letter
        assert [a.get("fraction") for a in answers].count("100") == 1
        assert q.findtext("single") == "true"
        # O Moodle embaralha as alternativas: a letra certa não é a mesma para toda a turma.
        assert q.findtext("shuffleanswers") == "true"
        assert subsequence(words(src["answer"]), words(q.findtext("generalfeedback/text")))
        assert "$" not in ET.tostring(q, encoding="unicode"), "fórmula sem \\( \\)"


#: Uma letra de alternativa entre parênteses, "(b)", fora de uma fórmula e de uma palavra
#: ("f(x)" não conta).
LETTER = re.compile(r"(?<![\w\\])\(([a-e])\)")


def letters_cited(text: str) -> list[str]:
    """As letras de alternativa citadas num texto do banco, fora das fórmulas \\( \\)."""
    text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", htmllib.unescape(text), flags=re.S)
    return LETTER.findall(re.sub(r"<[^>]+>", " ", text))


def test_letters_cited_finds_the_letter_of_the_book():
    """Controle do detector: a resposta como o capítulo a escreve cita a letra."""
    assert letters_cited("<p>(b) Uma reta de inclinação \\(k\\).</p>") == ["b"]
    assert letters_cited("veja a (c), não a \\(f(x)\\) nem g(a)") == ["c"]


def test_shuffled_questions_never_cite_a_letter(bank):
    """Com ``shuffleanswers``, a letra do livro não é a que o aluno vê: o retorno (e o enunciado
    e as alternativas) não citam "(a)", "(b)"…; o retorno cita o texto da alternativa certa."""
    questions = [q for q in bank.findall("question[@type='multichoice']")
                 if q.findtext("shuffleanswers") == "true"]
    assert len(questions) == 3 * len(notebooks()), len(questions)
    cited, unnamed = [], []
    for q in questions:
        texts = [q.findtext("questiontext/text"), q.findtext("generalfeedback/text")]
        texts += [a.findtext("text") for a in q.findall("answer")]
        cited += [f"{q.findtext('idnumber')}: ({x})" for t in texts for x in letters_cited(t)]
        right = next(a.findtext("text") for a in q.findall("answer")
                     if a.get("fraction") == "100")
        if not q.findtext("generalfeedback/text").startswith(f"<p>Resposta certa: {right}.</p>"):
            unnamed.append(q.findtext("idnumber"))
    assert cited == [], f"letras citadas em perguntas embaralhadas: {cited}"
    assert unnamed == [], f"retorno sem o texto da alternativa certa: {unnamed}"


def test_numeric_exercises_have_the_right_answer(bank):
    numeric = {q.findtext("idnumber").split("/")[1]: q
               for q in bank.findall("question[@type='numerical']")}
    assert set(numeric) == set(ITEM), "todo exercício com autoverificação vai para o Moodle"
    for label, q in numeric.items():
        value = float(q.findtext("answer/text"))
        tolerance = float(q.findtext("answer/tolerance"))
        expected = RESPOSTAS[ITEM[label]]
        assert abs(value - expected) <= 1e-5 * abs(expected), label
        assert 0 < tolerance <= 0.005 * abs(expected), label
        assert autoverificacao.confere(ITEM[label], value), label
        text = q.findtext("questiontext/text")
        assert "conferir" not in text and "..." not in text, label


def test_numeric_exercise_text_matches_the_chapter(bank):
    by_label = {q.findtext("idnumber").split("/")[1]: q.findtext("questiontext/text")
                for q in bank.findall("question[@type='numerical']")}
    for path in notebooks():
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            m = re.search(r":label: (ex-\d\d-complete)\n\n(.*?)\nTroque cada", src, re.S)
            if m:
                body = m.group(2).replace("Complete o código.", "")
                assert subsequence(words(body), words(by_label[m.group(1)])), m.group(1)
