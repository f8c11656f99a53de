#!/usr/bin/env python3
"""Executa os cadernos no lugar: a única forma de gravar as saídas versionadas.

- renova a célula de preparação (a primeira célula de código, etiqueta ``preparacao``) a partir
  de ``_config.yml`` (URL do repositório) e de ``pyproject.toml`` (versão do livro);
- executa com nbclient no ambiente fixado, kernel ``python3``, pasta ``notebooks/``,
  ``PYTHONHASHSEED=0`` e o estado dos widgets gravado nos metadados;
- troca o ``text/plain`` de cada widget (``VBox(children=...``, em inglês) por uma instrução
  em português: é o que o JupyterLab, o Colab e o GitHub mostram antes de a célula rodar;
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

sys.path.insert(0, str(Path(__file__).parent))
from kernel_ipc import IpcKernelManager

ROOT = Path(__file__).resolve().parents[1]
SETUP_TAG = "preparacao"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: O texto que JupyterLab, Colab e o GitHub mostram no lugar de um widget antes de a célula rodar
#: (o ``text/plain`` guardado na saída; o ipywidgets grava ali o repr em inglês, "VBox(...)").
WIDGET_TEXT = ("Controle interativo: para usá-lo, execute as células do caderno (no JupyterLab, "
               "menu Executar ▸ Executar todas as células; no Colab, Ambiente de execução ▸ "
               "Executar tudo).")

# A célula de preparação roda antes de existir scaling_utils: a lógica fica na própria célula.
# Só instala no Colab e no JupyterLite (fora deles, instalar às escondidas mexeria no ambiente de
# quem roda o Jupyter). No Colab roda o pip num subprocesso para saber se falhou e explica em
# português o que fazer; instala a etiqueta v<versão>, criada por "make publicar"
# (scripts/publicar.py, ver README). No JupyterLite (Pyodide, com o módulo piplite), instala a
# roda servida pelo próprio site (_ext/lite.py) e o ipywidgets da versão do jupyterlab_widgets do
# site, e traz os dados do Chinchilla pelo fetch do navegador (scaling_utils.navegador).
# Os ramos são testados em tests/test_setup_cell.py com google.colab, pip, piplite e pyodide falsos.
SETUP_TEMPLATE = '''\
# Preparação: instala o pacote do livro quando falta (no Colab, a etiqueta v{version}; no
# JupyterLite, a cópia do próprio site) e liga os widgets.
import importlib, subprocess, sys
PACOTE = "scaling-utils @ git+{url}@v{version}"
try:
    from google.colab import output
    output.enable_custom_widget_manager()  # o Colab só desenha ipywidgets 8 com isto
    COLAB = True
except ImportError:
    COLAB = False
try:
    import piplite  # só existe no JupyterLite (Python no navegador)
except ImportError:
    piplite = None
try:
    import scaling_utils
except ImportError:
    if piplite:
        await piplite.install(["ipywidgets=={ipywidgets}", "scaling-utils=={version}"])
    elif not COLAB:
        print("Falta o pacote scaling_utils neste Python. No seu computador, rode make env na "
              "pasta do livro e abra o Jupyter de .venv; em outro serviço, rode numa célula: "
              f"%pip install '{{PACOTE}}'")
        raise RuntimeError("scaling_utils não está instalado; veja a mensagem acima.") from None
    else:
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACOTE],
                             capture_output=True, text=True)
        if pip.returncode != 0:
            sem_rede = ("resolve host", "Name or service not known", "Network is unreachable",
                        "Failed to establish a new connection", "Temporary failure in name")
            if any(sinal in pip.stdout + pip.stderr for sinal in sem_rede):
                print("Sem internet: o Colab não conseguiu baixar o pacote do livro. Confira a "
                      "conexão e rode esta célula de novo.")
            else:
                print("A instalação do pacote do livro falhou. Rode esta célula de novo; se "
                      "falhar outra vez, use Ambiente de execução ▸ Desconectar e excluir "
                      "ambiente de execução e tente de novo. Final da saída do pip (em inglês):")
                print(pip.stderr[-1500:])
            raise RuntimeError("scaling_utils não foi instalado; veja a mensagem acima.") from None
        importlib.invalidate_caches()
        import ipywidgets
        if int(ipywidgets.__version__.split(".")[0]) < 8:
            print("O Colab já tinha carregado o ipywidgets 7. Use Ambiente de execução ▸ "
                  "Reiniciar sessão e rode esta célula de novo (o pacote já está instalado).")
            raise RuntimeError("reinicie a sessão; veja a mensagem acima.") from None
    import scaling_utils
if piplite:  # os dados do Chinchilla pelo fetch do navegador (ou uma mensagem em português)
    await scaling_utils.navegador.baixar_dados()
scaling_utils.plotting.setup_notebook()
print(f"scaling_utils {{scaling_utils.__version__}}")'''


def book_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def repository_url() -> str:
    with open(ROOT / "_config.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)["repository"]["url"]


def ipywidgets_version() -> str:
    """A versão do ipywidgets do ambiente fixado: a que casa com o jupyterlab_widgets, cuja
    extensão vai no JupyterLite do site."""
    for line in (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("ipywidgets=="):
            return line.split("==", 1)[1].strip()
    raise RuntimeError("ipywidgets não está em requirements/lock.txt")


def setup_source() -> str:
    """O código da célula de preparação, com a URL e as versões atuais."""
    return SETUP_TEMPLATE.format(url=repository_url(), version=book_version(),
                                 ipywidgets=ipywidgets_version())


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
        kernel_manager_class=IpcKernelManager,  # sockets IPC: ver scripts/kernel_ipc.py
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    label_widgets(nb)
    seconds = time.perf_counter() - start
    nbformat.validate(nb)
    if write:
        nbformat.write(nb, path)
    return seconds


def label_widgets(nb: nbformat.NotebookNode) -> int:
    """Troca o ``text/plain`` de cada widget (o repr em inglês) pela instrução em português."""
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                data["text/plain"] = WIDGET_TEXT
                count += 1
    return count


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
