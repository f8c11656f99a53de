#!/usr/bin/env python3
"""Executa os cadernos no lugar: a única forma de gravar as saídas versionadas.

- renova a célula de preparação (a primeira célula de código, etiqueta ``preparacao``) a partir
  de ``_config.yml`` (URL do repositório) e de ``pyproject.toml`` (versão do livro);
- executa com nbclient no ambiente fixado, kernel ``python3``, pasta ``notebooks/``,
  ``PYTHONHASHSEED=0`` e o estado dos widgets gravado nos metadados;
- aponta ``SCALING_UTILS_DATA_DIR`` para ``../shared/data`` quando essa pasta existe.

Uso: python scripts/execute_notebooks.py notebooks/*.ipynb
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
import tomllib
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SETUP_TAG = "preparacao"

SETUP_TEMPLATE = '''\
# Preparação: no Colab, instala o pacote do livro (na versão do livro) se ele faltar.
try:
    import scaling_utils
except ImportError:
    %pip install --quiet "scaling-utils @ git+{url}@v{version}"
    import scaling_utils
scaling_utils.plotting.setup_notebook()
print(f"scaling_utils {{scaling_utils.__version__}}")'''


def book_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def repository_url() -> str:
    with open(ROOT / "_config.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["repository"]["url"]


def setup_source() -> str:
    """O código da célula de preparação, com a URL e a versão atuais."""
    return SETUP_TEMPLATE.format(url=repository_url(), version=book_version())


def setup_cell() -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(setup_source())
    cell.metadata["tags"] = [SETUP_TAG, "remove-cell"]
    return cell


def refresh_setup_cell(nb: nbformat.NotebookNode) -> None:
    """Garante que a primeira célula de código é a de preparação, atualizada."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    if code and SETUP_TAG in code[0].metadata.get("tags", []):
        code[0].source = setup_source()
        code[0].metadata["tags"] = [SETUP_TAG, "remove-cell"]
        return
    first_code = nb.cells.index(code[0]) if code else len(nb.cells)
    nb.cells.insert(first_code, setup_cell())


def execute(path: Path, write: bool = True) -> float:
    """Executa o caderno (e o grava no lugar, se ``write``); devolve o tempo em segundos."""
    nb = nbformat.read(path, as_version=4)
    refresh_setup_cell(nb)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    start = time.perf_counter()
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}}, store_widget_state=True,
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    seconds = time.perf_counter() - start
    nbformat.validate(nb)
    if write:
        nbformat.write(nb, path)
    return seconds


def prepare_environment() -> None:
    """Ambiente da execução: semente de hash fixa e os dados de ../shared, se existirem."""
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    shared = ROOT.parent / "shared" / "data"
    if "SCALING_UTILS_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["SCALING_UTILS_DATA_DIR"] = str(shared)


def main(paths: list[str]) -> int:
    if not paths:
        print("uso: execute_notebooks.py CADERNO.ipynb ...", file=sys.stderr)
        return 2
    prepare_environment()
    for p in map(Path, paths):
        seconds = execute(p)
        print(f"executado: {p} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
