#!/usr/bin/env python3
"""Confere que cada caderno foi executado por scripts/execute_notebooks.py (usado no
pre-commit e nos testes): células numeradas 1..n, sem erros, kernel python3, estado dos
widgets presente onde há widgets, o texto dos widgets em português (não o repr "VBox(...)"),
célula de preparação atualizada, sem caminhos absolutos.

Uso: python scripts/check_notebooks.py notebooks/*.ipynb  (sai com 1 se algo estiver errado)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from execute_notebooks import SETUP_TAG, WIDGET_TEXT, WIDGET_VIEW, setup_source

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
ABSOLUTE_PATH = re.compile(r"(/home/|/root/|/work/|/tmp/|/Users/|[A-Z]:\\\\)")


def _text(output) -> str:
    parts = [output.get("text", "")]
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/"):
            parts.append(value if isinstance(value, str) else "".join(value))
    return "".join(p if isinstance(p, str) else "".join(p) for p in parts)


def problems(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    code = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    counts = [c.get("execution_count") for c in code]
    if counts != list(range(1, len(code) + 1)):
        found.append(f"células não numeradas 1..n ({counts}): rode make execute")
    if nb.get("metadata", {}).get("kernelspec", {}).get("name") != "python3":
        found.append("kernelspec não é python3")
    views = 0
    for i, cell in enumerate(code, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"célula {i}: saída de erro gravada")
            if WIDGET_VIEW in out.get("data", {}):
                views += 1
                plain = out["data"].get("text/plain", "")
                plain = plain if isinstance(plain, str) else "".join(plain)
                if plain != WIDGET_TEXT:
                    found.append(f"célula {i}: widget sem a instrução em português "
                                 f"({plain[:30]!r}): rode make execute")
            if ABSOLUTE_PATH.search(_text(out)):
                found.append(f"célula {i}: caminho absoluto na saída")
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    if views and not state:
        found.append(f"{views} widget(s) sem estado gravado nos metadados")
    if not code or SETUP_TAG not in code[0].get("metadata", {}).get("tags", []):
        found.append("a primeira célula de código não é a de preparação")
    elif "".join(code[0]["source"]) != setup_source():
        found.append("a célula de preparação está desatualizada: rode make execute")
    return found


def main(paths: list[str]) -> int:
    bad = 0
    for p in map(Path, paths):
        for problem in problems(p):
            print(f"{p}: {problem}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
