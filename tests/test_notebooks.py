"""Higiene dos cadernos versionados (ver scripts/check_notebooks.py)."""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path

import pytest
import reexecucao
from conftest import ROOT, notebooks

spec = importlib.util.spec_from_file_location("check_notebooks",
                                              ROOT / "scripts" / "check_notebooks.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

NOTEBOOKS = notebooks()
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_there_are_notebooks():
    assert NOTEBOOKS, "nenhum caderno em notebooks/"


@pytest.mark.slow
def test_notebooks_reproduce_their_committed_outputs(data_dir):
    """O nbval estrito de todos os cadernos, no núcleo do OpenBLAS que a CPU escolhe: cada
    saída de texto igual à versionada. Roda em segundo plano desde o fim da coleta
    (tests/reexecucao.py); aqui só se espera e confere."""
    reexecucao.start(data_dir)
    run = reexecucao.main_run()
    cells = sum(c["cell_type"] == "code" for p in NOTEBOOKS
                for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
    assert run.passed, f"as saídas dos cadernos mudaram ({run.where}, {run.used}):\n{run.output}"
    assert f"{cells} passed" in run.output, (
        f"o nbval não conferiu as {cells} células de código:\n{run.output[-2000:]}")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_was_executed_by_the_script(path):
    assert check.problems(path) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_figures_have_caption_and_alt_text(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        pngs = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not pngs:
            continue
        meta = cell["metadata"].get("mystnb", {})
        alt = meta.get("image", {}).get("alt", "")
        assert len(alt) > 40, f"figura sem texto alternativo descritivo: {cell['source'][:60]}"
        assert meta.get("figure", {}).get("caption"), "figura sem legenda"


def _mutated(tmp_path, name, change):
    nb = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    nb = copy.deepcopy(nb)
    change(nb)
    out = tmp_path / name
    out.write_text(json.dumps(nb), encoding="utf-8")
    return check.problems(out)


def _code(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_checker_catches_editor_saves(tmp_path):
    def renumber(nb):
        _code(nb)[-1]["execution_count"] = 99
    assert any("1..n" in p for p in _mutated(tmp_path, "a.ipynb", renumber))


def test_checker_catches_errors_and_lost_widget_state(tmp_path):
    def error(nb):
        _code(nb)[1]["outputs"].append({"output_type": "error", "ename": "E", "evalue": "",
                                        "traceback": []})
    assert any("erro" in p for p in _mutated(tmp_path, "b.ipynb", error))

    def drop_state(nb):
        nb["metadata"].pop("widgets", None)
    assert any("estado" in p for p in _mutated(tmp_path, "c.ipynb", drop_state))


def test_checker_catches_stale_setup_and_absolute_paths(tmp_path):
    def stale(nb):
        _code(nb)[0]["source"] = "import scaling_utils"
    assert any("preparação" in p for p in _mutated(tmp_path, "d.ipynb", stale))

    def abspath(nb):
        _code(nb)[1]["outputs"].append({"output_type": "stream", "name": "stdout",
                                        "text": "/home/ana/livro/dados.csv\n"})
    assert any("absoluto" in p for p in _mutated(tmp_path, "e.ipynb", abspath))

    def kernel(nb):
        nb["metadata"]["kernelspec"]["name"] = "python3.11"
    assert any("kernelspec" in p for p in _mutated(tmp_path, "f.ipynb", kernel))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_widgets_speak_portuguese(path):
    """Antes de a célula rodar, JupyterLab, Colab e GitHub mostram o text/plain do widget: a
    instrução em português, nunca o repr em inglês (VBox(children=...)."""
    import re

    nb = json.loads(path.read_text(encoding="utf-8"))
    views = [o for c in _code(nb) for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    assert views, "o capítulo tem widgets"
    english = re.compile(r"\b(VBox|HBox|children|FloatSlider|IntSlider|Dropdown|Output|"
                         r"interactive|description|value=)\b")
    for out in views:
        text = "".join(out["data"].get("text/plain", ""))
        assert text == check.WIDGET_TEXT, text[:80]
        assert not english.search(text), text[:80]
    assert "Executar todas as células" in check.WIDGET_TEXT


def test_checker_catches_english_widget_repr(tmp_path):
    def english(nb):
        for c in _code(nb):
            for o in c.get("outputs", []):
                if WIDGET_VIEW in o.get("data", {}):
                    o["data"]["text/plain"] = "VBox(children=(HBox(children=(FloatSlider(..."
    assert any("widget sem a instrução" in p for p in _mutated(tmp_path, "g.ipynb", english))


def test_label_widgets_replaces_the_repr():
    import sys

    import nbformat

    sys.path.insert(0, str(ROOT / "scripts"))
    from execute_notebooks import WIDGET_TEXT, label_widgets

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_VIEW: {"model_id": "x", "version_major": 2, "version_minor": 0},
        "text/plain": "VBox(children=(...))"}),
        nbformat.v4.new_output("display_data", data={"text/plain": "42"})]
    nb.cells = [cell]
    assert label_widgets(nb) == 1
    assert cell.outputs[0]["data"]["text/plain"] == WIDGET_TEXT
    assert cell.outputs[1]["data"]["text/plain"] == "42"


@pytest.mark.slow
def test_chinchilla_chapter_runs_without_data(tmp_path, monkeypatch):
    """Sem o arquivo e sem rede, o capítulo da replicação roda até o fim e explica o que falta."""
    import shutil
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from execute_notebooks import execute

    copy = tmp_path / "04-replicacao.ipynb"
    shutil.copy(ROOT / "notebooks" / "04-replicacao.ipynb", copy)
    monkeypatch.delenv("SCALING_UTILS_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for var in ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")  # porta fechada: o download falha já
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    execute(copy)  # levanta CellExecutionError se alguma célula falhar
    nb = json.loads(copy.read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in nb["cells"] if c["cell_type"] == "code"
                   for o in c.get("outputs", []))
    assert "Sem os dados das execuções do Chinchilla" in text
    assert "SCALING_UTILS_DATA_DIR" in text
    assert "razão das larguras" in text  # as seções seguintes rodaram


# Mínimo de exercícios por capítulo (issues dos capítulos).
MIN_EXERCISES = {"01-leis-de-potencia": 4, "02-kaplan": 4, "03-chinchilla": 5,
                 "04-replicacao": 3, "05-paradoxo": 4, "06-depois-do-chinchilla": 3,
                 "07-laboratorio": 3}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_skeleton(path):
    """Objetivos, Resumo, Para saber mais, exercícios com solução e widgets após figuras."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert ":::{admonition} Objetivos" in text
    assert "## Resumo" in text and "## Para saber mais" in text
    exercises = text.count("```{exercise}")
    assert exercises >= MIN_EXERCISES.get(path.stem, 3)
    assert text.count("```{solution-start}") == exercises, "todo exercício tem solução"
    assert text.count(":class: dropdown") >= exercises, "soluções ocultas (dropdown)"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    widgets_at = [i for i, c in enumerate(code)
                  if any(WIDGET_VIEW in o.get("data", {}) for o in c.get("outputs", []))]
    assert widgets_at, "o capítulo tem ao menos um widget"
    for i in widgets_at:
        assert "nbval-ignore-output" in code[i]["metadata"].get("tags", [])
        before = [c for c in code[:i] if any("image/png" in o.get("data", {})
                                            for o in c.get("outputs", []))]
        assert before, f"widget da célula {i} sem figura estática antes"


def prose_words(nb) -> int:
    """Palavras de prosa nas células de texto: sem matemática, marcações de diretivas e HTML;
    cada papel MyST ({cite:p}`x`, {term}`y`) conta como uma palavra."""
    import re

    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", "", text)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "X", text)
    text = re.sub(r"^(```|:::|:label:|:class:).*$", "", text, flags=re.M)
    text = re.sub(r"<[^>]+>", "", text)
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9][\wÀ-ÿ,.\-–]*", text))


# Orçamento dos capítulos divididos na issue 12: ≤ 1.800 palavras de prosa e ≤ 5 figuras.
# Conta o texto que o aluno lê (o caderno dos alunos): as soluções escondidas e as respostas do
# teste rápido, que a issue 14 ampliou com o raciocínio em prosa, ficam fora.
BUDGET = {"03-chinchilla": (1800, 5), "04-replicacao": (1800, 5)}


@pytest.mark.parametrize("name", sorted(BUDGET))
def test_chapter_word_and_figure_budget(name):
    nb = json.loads((ROOT / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    max_words, max_figures = BUDGET[name]
    figures = sum(1 for c in nb["cells"]
                  if any("image/png" in o.get("data", {}) for o in c.get("outputs", [])))
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import alunos

    assert prose_words(alunos.student_notebook(nb)) <= max_words
    assert 1 <= figures <= max_figures


def test_word_counter_counts_prose_not_math():
    prose = ["Uma frase com $x^2$ e {cite:p}`a`.\n", "$$\ny = 1\n$$\n", ":::{admonition} T\n"]
    nb = {"cells": [{"cell_type": "markdown", "source": prose},
                    {"cell_type": "code", "source": ["print('não conta')"]}]}
    assert prose_words(nb) == 5  # Uma, frase, com, e, X


def test_kernels_talk_over_ipc_sockets():
    """make execute, o nbval e as reexecuções usam sockets IPC (scripts/kernel_ipc.py): com
    portas TCP, dois kernels que sobem juntos podem ficar com a mesma porta e travar."""
    import nbval.kernel
    from kernel_ipc import IpcKernelManager

    assert nbval.kernel.KernelManager is IpcKernelManager
    km, kc = nbval.kernel.start_new_kernel(kernel_name="python3")
    try:
        info = km.get_connection_info()
        assert info["transport"] == "ipc" and Path(info["ip"]).is_absolute(), info
        reply = kc.execute_interactive("x = 6 * 7", timeout=60)
        assert reply["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
