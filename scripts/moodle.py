#!/usr/bin/env python3
"""Banco de questões para o Moodle (``make moodle``), tirado da fonte única: os capítulos.

Sai um arquivo Moodle XML, ``_build/moodle/as-leis-de-escala.xml``, com uma categoria por
capítulo e:

- cada pergunta do "Teste rápido" (célula ``## Teste rápido`` do capítulo) como múltipla
  escolha de uma resposta, com a explicação da resposta como retorno; as alternativas vêm na
  ordem do livro, e o Moodle as embaralha para cada aluno (``shuffleanswers``: a letra certa
  muda de aluno para aluno; nenhuma alternativa se refere a outra pela letra). Por isso o
  retorno não cita a letra do livro, "(b)", que o aluno não viu: ele cita o texto da
  alternativa certa e depois dá a explicação;
- cada exercício objetivo (os "complete o código", que têm autoverificação) como questão
  numérica: a resposta é o valor que a solução do capítulo passa a ``autoverificacao.conferir``
  (a célula de código da solução é rodada aqui), com tolerância de meia unidade no terceiro
  algarismo significativo, a mesma precisão que a autoverificação compara; a explicação da
  solução vai como retorno.

Por que Moodle XML e não GIFT: as fórmulas do livro estão cheias de ``{``, ``}``, ``=`` e ``~``,
que no GIFT são sintaxe e precisariam de escape um a um; o XML leva HTML em CDATA sem escape,
guarda o retorno da resposta e a tolerância das numéricas, e se lê com ``xml.etree`` da
biblioteca padrão (tests/test_moodle.py). As fórmulas vão como ``\\( … \\)`` e ``\\[ … \\]``,
que o filtro MathJax do Moodle compõe.

Uso: python scripts/moodle.py [arquivo de saída]
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import slides_conteudo

ROOT = slides_conteudo.ROOT
OUT = ROOT / "_build" / "moodle" / "as-leis-de-escala.xml"

QUESTION = re.compile(r"\*\*(?P<n>\d+)\.\*\* (?P<text>[^\n]*(?:\n[^\n]+)*)\n\n"
                      r"(?P<options>(?:- \([a-z]\) [^\n]*\n)+)"
                      r"\n<details>\s*<summary>Resposta</summary>\s*(?P<answer>.*?)\s*</details>",
                      re.S)
OPTION = re.compile(r"^- \((?P<letter>[a-z])\) (?P<text>.*)$", re.M)
EXERCISE = re.compile(r"```\{exercise\}\n:label: (?P<label>[^\n]+)\n\n(?P<body>.*?)\n```", re.S)
SELF_CHECK = "Troque cada `...` pela sua conta"
NUMERIC_HINT = ("<p>Responda com um número, com três algarismos significativos; números grandes "
                "em notação científica, como 1,5e19.</p>")


def _src(cell: dict) -> str:
    return slides_conteudo._src(cell)


def html(markdown: str) -> str:
    """Markdown do livro em HTML para o Moodle: papéis do MyST em texto, fórmulas em \\( \\)."""
    from markdown_it import MarkdownIt

    text = slides_conteudo.plain_roles(markdown, slides_conteudo._authors(),
                                       ROOT / "notebooks")
    formulas: list[str] = []

    def keep(tex: str, display: bool) -> str:
        tex = tex.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        formulas.append(f"\\[{tex}\\]" if display else f"\\({tex}\\)")
        return f"MOODLEFORMULA{len(formulas) - 1:04d}Z"

    text = re.sub(r"\$\$(.+?)\$\$", lambda m: keep(m.group(1), True), text, flags=re.S)
    text = re.sub(r"(?<!\\)\$([^$\n]+?)\$", lambda m: keep(m.group(1), False), text)
    out = MarkdownIt("commonmark").render(text).strip()
    out = re.sub(r"MOODLEFORMULA(\d{4})Z", lambda m: formulas[int(m.group(1))], out)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]  # uma linha só: sem o parágrafo em volta
    return out


def quiz(nb: dict) -> list[dict]:
    """As perguntas do teste rápido: texto, alternativas (letra, texto), letra certa, retorno."""
    cell = next(_src(c) for c in nb["cells"] if _src(c).startswith("## Teste rápido"))
    out = []
    for m in QUESTION.finditer(cell):
        answer = m.group("answer").strip()
        right = re.match(r"\(([a-z])\)", answer)
        if not right:
            raise ValueError(f"resposta sem a letra da alternativa certa: {answer[:60]!r}")
        out.append({"n": int(m.group("n")), "text": m.group("text").strip(),
                    "options": OPTION.findall(m.group("options")), "right": right.group(1),
                    "feedback": answer})
    return out


def feedback(item: dict) -> str:
    """O retorno de uma pergunta embaralhada: o texto da alternativa certa, em vez da letra do
    livro, e a explicação da resposta (sem a letra com que ela começa no capítulo)."""
    right = dict(item["options"])[item["right"]]
    explanation = html(re.sub(r"^\([a-z]\)\s*", "", item["feedback"]))
    if not explanation.startswith("<"):
        explanation = f"<p>{explanation}</p>"  # html() tira o parágrafo de uma linha só
    return f"<p>Resposta certa: {html(right)}.</p>\n{explanation}"


def _run_solution(code: str) -> float:
    """Roda a célula da solução e devolve o valor que ela passa à autoverificação."""
    from scaling_utils import fmt

    seen: list[float] = []

    class Conferir:
        @staticmethod
        def conferir(item, valor):
            seen.append(float(valor))
            return True

    code = code.replace("from scaling_utils import autoverificacao", "")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(code, "<solução>", "exec"), {"fmt": fmt, "autoverificacao": Conferir})
    if len(seen) != 1:
        raise ValueError(f"a solução deveria conferir um valor; conferiu {len(seen)}")
    return seen[0]


def objective_exercises(nb: dict) -> list[dict]:
    """Os exercícios "complete o código": enunciado, resposta (da solução), retorno."""
    cells, out = nb["cells"], []
    for i, cell in enumerate(cells):
        m = EXERCISE.search(_src(cell)) if cell["cell_type"] == "markdown" else None
        if not m or SELF_CHECK not in m.group("body"):
            continue
        label = m.group("label").strip()
        start = next(j for j in range(i, len(cells))
                     if f"{{solution-start}} {label}" in _src(cells[j]))
        end = next(j for j in range(start, len(cells)) if "{solution-end}" in _src(cells[j]))
        solution = cells[start + 1:end]
        code = [c for c in solution if c["cell_type"] == "code"]
        prose = [_src(c) for c in solution if c["cell_type"] == "markdown"]
        body = m.group("body").split(SELF_CHECK)[0].strip()
        body = body.removeprefix("Complete o código.").strip()
        out.append({"label": label, "text": body, "value": _run_solution(_src(code[-1])),
                    "feedback": "\n\n".join(prose)})
    return out


def tolerance(value: float) -> float:
    """Meia unidade no terceiro algarismo significativo (como a autoverificação compara)."""
    return 0.5 * 10 ** (math.floor(math.log10(abs(value))) - 2)


def _number(x: float) -> str:
    """Seis algarismos significativos, com ponto (o formato dos arquivos do Moodle)."""
    return f"{x:.6g}".replace("e+", "e")


def _text(parent, tag: str, content: str, fmt: str | None = "html", **attrs):
    el = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(el, "text").text = content
    return el


def _question(quiz_el, kind: str, name: str, idnumber: str, text: str, feedback: str):
    q = ET.SubElement(quiz_el, "question", {"type": kind})
    _text(q, "name", name, fmt=None)
    _text(q, "questiontext", text)
    _text(q, "generalfeedback", feedback)
    for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"),
                       ("idnumber", idnumber)):
        ET.SubElement(q, tag).text = value
    return q


def bank() -> ET.Element:
    quiz_el = ET.Element("quiz")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        chapter = int(path.name[:2])
        title = _src(nb["cells"][0]).splitlines()[0].lstrip("# ").strip()
        cat = ET.SubElement(quiz_el, "question", {"type": "category"})
        _text(cat, "category", f"$course$/As Leis de Escala/{chapter:02d}. {title}", fmt=None)
        for item in quiz(nb):
            q = _question(quiz_el, "multichoice",
                          f"Cap. {chapter}, teste rápido, pergunta {item['n']}",
                          f"{path.stem}/teste-{item['n']}", html(item["text"]),
                          feedback(item))
            for tag, value in (("single", "true"), ("shuffleanswers", "true"),
                               ("answernumbering", "abc")):
                ET.SubElement(q, tag).text = value
            for letter, option in item["options"]:
                a = _text(q, "answer", html(option),
                          fraction="100" if letter == item["right"] else "0")
                _text(a, "feedback", "Certo." if letter == item["right"] else "Ainda não.")
        for item in objective_exercises(nb):
            q = _question(quiz_el, "numerical", f"Cap. {chapter}, {item['label']}",
                          f"{path.stem}/{item['label']}", html(item["text"]) + NUMERIC_HINT,
                          html(item["feedback"]))
            a = _text(q, "answer", _number(item['value']), fmt="moodle_auto_format",
                      fraction="100")
            ET.SubElement(a, "tolerance").text = _number(tolerance(item['value']))
            _text(a, "feedback", "Certo.")
            ET.SubElement(q, "unitgradingtype").text = "0"
            ET.SubElement(q, "showunits").text = "3"  # sem unidade
    return quiz_el


def main(args: list[str]) -> int:
    target = Path(args[0]) if args else OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    tree = ET.ElementTree(bank())
    ET.indent(tree)
    tree.write(target, encoding="UTF-8", xml_declaration=True)
    root = tree.getroot()
    n = sum(1 for q in root if q.get("type") != "category")
    print(f"moodle: {n} questões em {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
