#!/usr/bin/env python3
"""Escreve os objetivos de aprendizagem a partir da fonte única ``ensino/objetivos.yml``.

- Em cada capítulo, a lista dentro da caixa ``:::{admonition} Objetivos`` (só a lista).
- No guia do professor, a tabela objetivo → itens, entre as linhas de comentário
  ``% objetivos: início`` e ``% objetivos: fim``.
Depois de mudar o YAML: ``python scripts/objetivos.py`` (e ``make alunos``); o teste
tests/test_objetivos.py confere que tudo está igual à fonte e que nenhum objetivo fica sem item.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "ensino" / "objetivos.yml"
GUIDE = ROOT / "book" / "guia-do-professor.md"
BOX = re.compile(r"(:::\{admonition\} Objetivos\n:class: tip\n)(.*?)(\n:::)", re.S)
START, END = "% objetivos: início", "% objetivos: fim"


def load() -> dict[str, list[dict]]:
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8"))


def box_list(objectives: list[dict]) -> str:
    return "\n".join(f"- {o['texto']}" for o in objectives)


def _item(item: str) -> str:
    if item.startswith("teste-"):
        return f"teste rápido, pergunta {item.removeprefix('teste-')}"
    return f"{{ref}}`{item}`"


def guide_table(table: dict[str, list[dict]]) -> str:
    lines = [START, "| capítulo | objetivo: o aluno deve ser capaz de… | avaliado em |",
             "|---|---|---|"]
    for chapter, objectives in table.items():
        for k, o in enumerate(objectives):
            name = f"{{doc}}`../notebooks/{chapter}`" if k == 0 else ""
            lines.append(f"| {name} | {o['texto']} | {'; '.join(_item(i) for i in o['itens'])} |")
    lines.append(END)
    return "\n".join(lines)


def main() -> int:
    import nbformat

    table = load()
    for chapter, objectives in table.items():
        path = ROOT / "notebooks" / f"{chapter}.ipynb"
        nb = nbformat.read(path, as_version=4)
        cell = next(c for c in nb.cells if BOX.search(c.source))
        items = box_list(objectives)
        new = BOX.sub(lambda m, items=items: m.group(1) + items + m.group(3), cell.source)
        if new != cell.source:
            cell.source = new
            nbformat.write(nb, path)
    guide = GUIDE.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(guide):
        print(f"objetivos.py: marcas '{START}' … '{END}' ausentes de {GUIDE}", file=sys.stderr)
        return 1
    GUIDE.write_text(pattern.sub(lambda m: guide_table(table), guide), encoding="utf-8")
    print("Objetivos escritos nos capítulos e no guia.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
