#!/usr/bin/env python3
"""Gera os cadernos dos alunos (pasta ``alunos/``): os capítulos sem nenhuma resposta.

De cada ``notebooks/NN-*.ipynb`` sai ``alunos/NN-*.ipynb`` com:
- as soluções removidas (de ``{solution-start}`` a ``{solution-end}``, com as células de código
  e as saídas que estiverem no meio);
- as respostas do "Teste rápido" removidas (cada ``<details><summary>Resposta</summary>…</details>``
  vira uma linha dizendo que a resposta fica com o professor).
Todas as outras células ficam idênticas, com as mesmas saídas da execução do capítulo
(``make execute``): não há reexecução. As soluções vêm sempre depois da última célula de código
mantida, então o caderno dos alunos é um prefixo da execução do capítulo (ver
tests/test_alunos.py). O Binder e o Colab da versão da turma abrem estes cadernos.

Uso: python scripts/alunos.py            (regrava alunos/)
     python scripts/alunos.py --conferir (sai com 1 se alunos/ estiver desatualizada)
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "notebooks"
OUT = ROOT / "alunos"

QUIZ_ANSWER = re.compile(r"<details>\s*<summary>Resposta</summary>.*?</details>", re.S)
NO_ANSWER = "*Resposta: com o professor.*"


def _src(cell: dict) -> str:
    s = cell["source"]
    return s if isinstance(s, str) else "".join(s)


def is_solution_start(cell: dict) -> bool:
    return cell["cell_type"] == "markdown" and "{solution-start}" in _src(cell)


def is_solution_end(cell: dict) -> bool:
    return cell["cell_type"] == "markdown" and "{solution-end}" in _src(cell)


def split(nb: dict) -> tuple[list[int], list[int]]:
    """Índices das células mantidas e das removidas (soluções, com as marcas de início e fim)."""
    kept, removed, inside = [], [], False
    for i, cell in enumerate(nb["cells"]):
        if is_solution_start(cell):
            inside = True
        if inside:
            removed.append(i)
        else:
            kept.append(i)
        if is_solution_end(cell):
            inside = False
    if inside:
        raise ValueError("solução sem '{solution-end}': o caderno está malformado")
    return kept, removed


def quiz_answers(text: str) -> list[str]:
    """Os blocos de resposta do teste rápido num texto Markdown."""
    return QUIZ_ANSWER.findall(text)


def student_notebook(nb: dict) -> dict:
    """O caderno dos alunos: sem soluções e sem respostas do teste rápido; o resto, idêntico."""
    out = copy.deepcopy(nb)
    kept, _ = split(nb)
    out["cells"] = [copy.deepcopy(nb["cells"][i]) for i in kept]
    for cell in out["cells"]:
        if cell["cell_type"] == "markdown" and quiz_answers(_src(cell)):
            text = QUIZ_ANSWER.sub(NO_ANSWER, _src(cell))
            text = text.replace("a resposta fica escondida até você clicar em “Resposta”",
                                "as respostas ficam com o professor")
            cell["source"] = text
    return out


def dumps(nb: dict) -> str:
    import nbformat

    return nbformat.writes(nbformat.from_dict(nb)) + "\n"


def render(path: Path) -> str:
    return dumps(student_notebook(json.loads(path.read_text(encoding="utf-8"))))


def main(args: list[str]) -> int:
    check = "--conferir" in args
    stale = []
    OUT.mkdir(exist_ok=True)
    for path in sorted(SRC.glob("[0-9][0-9]-*.ipynb")):
        target = OUT / path.name
        text = render(path)
        if check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("alunos/ desatualizada (rode: make alunos): " + ", ".join(stale), file=sys.stderr)
        return 1
    if not check:
        print(f"Cadernos dos alunos gravados em {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
