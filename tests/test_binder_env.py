"""O ambiente do leitor (Binder) basta: um venv novo com o Python de binder/runtime.txt, o
ambiente base do repo2docker (tests/binder_base.txt) e então binder/requirements.txt roda
todos os cadernos com o nbval estrito, sem conflito de dependências, e o JupyterLab abre em
português (binder/postBuild). Pega um pacote que falte no ambiente enxuto, um Python em que as
versões fixadas não instalam e um par jupyterlab/notebook incoerente."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request

import pytest
from binder_runtime import check_runtime, find_interpreter
from conftest import ROOT, notebooks, require

NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
POSTBUILD = ROOT / "binder" / "postBuild"
TRANSLATION = "@jupyterlab/translation-extension:plugin"


def _lock(name: str) -> str:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    return re.search(rf"^{name}==(\S+)", text, re.M | re.I).group(0)


def _pip(py: str, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([py, "-m", "pip", *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_locale(venv, env) -> tuple[str, dict]:
    """Sobe o JupyterLab do venv e lê o idioma padrão e o catálogo pt_BR pela API."""
    port, token = _free_port(), "teste-binder"
    proc = subprocess.Popen(
        [str(venv / "bin" / "jupyter"), "lab", "--no-browser", "--allow-root", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/lab/api"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/settings/{TRANSLATION}?token={token}",
                                            timeout=5) as r:
                    settings = json.load(r)
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()[-2000:]
                time.sleep(0.5)
        else:
            pytest.fail("o JupyterLab do ambiente do Binder não respondeu em 60 s")
        with urllib.request.urlopen(f"{base}/translations/pt_BR?token={token}", timeout=10) as r:
            catalog = json.load(r)["data"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return settings["schema"]["properties"]["locale"]["default"], catalog


@pytest.mark.slow
def test_binder_environment_runs_every_notebook(tmp_path, data_dir):
    version = check_runtime()  # falha (não pula) sem runtime.txt ou com um Python que não serve
    python = find_interpreter(version)
    require(python is not None, f"Python {version} (o de binder/runtime.txt) não encontrado: "
                                f"instale-o (ex.: pyenv install {version}) para este teste")
    venv = tmp_path / "binder-venv"
    start = time.perf_counter()
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    assert subprocess.run([py, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip() == version
    # Como o Binder: o ambiente base do repo2docker, depois binder/requirements.txt a partir da
    # raiz do repositório, depois o postBuild.
    _pip(py, "install", "-q", "-r", "tests/binder_base.txt")
    install = _pip(py, "install", "-r", "binder/requirements.txt")
    assert "dependency conflicts" not in install.stdout + install.stderr, install.stderr[-3000:]
    _pip(py, "check")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["NB_PYTHON_PREFIX"] = str(venv)
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "jupyter-config")  # nada do usuário
    env["JUPYTER_DATA_DIR"] = str(tmp_path / "jupyter-data")
    subprocess.run([str(POSTBUILD)], cwd=ROOT, env=env, check=True)
    # Só as ferramentas do teste entram depois, nas versões do lock (o leitor não precisa delas).
    _pip(py, "install", "-q", _lock("nbval"), _lock("pytest"))
    installed = time.perf_counter() - start
    env["SCALING_UTILS_DATA_DIR"] = str(data_dir)  # as saídas versionadas usam os dados
    start = time.perf_counter()
    result = subprocess.run(
        [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *NBVAL,
         *[str(p.relative_to(ROOT)) for p in notebooks()]],
        cwd=ROOT, env=env, capture_output=True, text=True)
    ran = time.perf_counter() - start
    print(f"\nambiente do Binder (Python {version}, {python}): instalação {installed:.0f} s, "
          f"nbval {ran:.0f} s")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    # O pacote do livro veio do "-e ." do arquivo do Binder, deste repositório.
    where = subprocess.run([py, "-c", "import scaling_utils; print(scaling_utils.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert str(ROOT / "scaling_utils") in where
    # O JupyterLab abre em português: pt_BR é o padrão e o catálogo existe.
    default, catalog = _lab_locale(venv, env)
    assert default == "pt_BR"
    assert catalog["jupyterlab"][""]["language"] == "pt-BR"
