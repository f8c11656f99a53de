"""O ambiente do leitor no Binder, montado num venv como o repo2docker o monta.

Um venv novo com o Python de binder/runtime.txt, o ambiente base do repo2docker
(tests/binder_base.txt), então binder/requirements.txt a partir da raiz do repositório, e o
postBuild (JupyterLab em português). Usado por tests/reexecucao.py.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from binder_runtime import RuntimeProblem, check_runtime, find_interpreter  # noqa: F401
from conftest import ROOT

POSTBUILD = ROOT / "binder" / "postBuild"
#: O uv que o Makefile instala ao lado do ambiente do livro (ver make env).
UV = ROOT / ".venv" / "ferramentas" / "bin" / "uv"
TRANSLATION = "@jupyterlab/translation-extension:plugin"


@dataclass
class BinderSetup:
    version: str
    interpreter: str
    python: str  # o python do venv
    env: dict
    seconds: float
    conflicts: str  # o que o pip check disse (vazio se o ambiente é coerente)


def _lock(name: str) -> str:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    return re.search(rf"^{name}==(\S+)", text, re.M | re.I).group(0)


def _pip(run, py: str, *args: str) -> subprocess.CompletedProcess:
    result = run([py, "-m", "pip", *args], cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"pip {' '.join(args)} falhou:\n"
                           + result.stdout[-2000:] + result.stderr[-3000:])
    return result


def _install(run, py: str, *args: str) -> None:
    """Instala no venv ``py`` pelo uv, se houver (bem mais rápido), ou pelo pip.

    O Binder instala binder/requirements.txt pelo pip; aqui o uv resolve os mesmos pinos por
    cima do mesmo ambiente base (as versões já instaladas que servem ficam, como no pip), e o
    ``pip check`` de ``build`` acusa um par incoerente, como o do notebook 7.4.7 com o
    jupyterlab 4.5. O pip levava 24 núcleo·s a mais num make test de 2 núcleos."""
    if UV.is_file():
        _check(run([str(UV), "pip", "install", "-q", "--python", py, *args], cwd=ROOT),
               f"uv pip install {' '.join(args)}")
    else:
        _pip(run, py, "install", "-q", "--no-compile", *args)


def build(run, interpreter: str, version: str, tmp: Path, data_dir: Path) -> BinderSetup:
    """Monta o venv do Binder em ``tmp`` e devolve o ambiente para rodar nele.

    ``run(cmd, **kw)`` roda um comando com a saída capturada (ver tests/reexecucao.py)."""
    start = time.perf_counter()
    venv = tmp / "binder-venv"
    _check(run([interpreter, "-m", "venv", str(venv)]), "venv")
    py = str(venv / "bin" / "python")
    _install(run, py, "-r", "tests/binder_base.txt")
    _install(run, py, "-r", "binder/requirements.txt")
    check = run([py, "-m", "pip", "check"], cwd=ROOT)
    conflicts = "" if check.returncode == 0 else (check.stdout + check.stderr)[-3000:]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["NB_PYTHON_PREFIX"] = str(venv)
    env["JUPYTER_CONFIG_DIR"] = str(tmp / "jupyter-config")  # nada do usuário
    env["JUPYTER_DATA_DIR"] = str(tmp / "jupyter-data")
    _check(run([str(POSTBUILD)], cwd=ROOT, env=env), "binder/postBuild")
    # Só as ferramentas do teste entram depois, nas versões do lock (o leitor não precisa delas).
    _install(run, py, _lock("nbval"), _lock("pytest"), _lock("threadpoolctl"))
    env["SCALING_UTILS_DATA_DIR"] = str(data_dir)  # as saídas versionadas usam os dados
    return BinderSetup(version, interpreter, py, env, time.perf_counter() - start, conflicts)


def _check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        raise RuntimeError(f"{what} falhou:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_locale(setup: BinderSetup) -> tuple[str, dict]:
    """Sobe o JupyterLab do venv e lê o idioma padrão e o catálogo pt_BR pela API."""
    port, token = _free_port(), "teste-binder"
    jupyter = str(Path(setup.python).parent / "jupyter")
    proc = subprocess.Popen(
        [jupyter, "lab", "--no-browser", "--allow-root", f"--port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}"],
        cwd=ROOT, env=setup.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/lab/api"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/settings/{TRANSLATION}?token={token}",
                                            timeout=5) as r:
                    settings = json.load(r)
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read()[-2000:]) from None
                time.sleep(0.5)
        else:
            raise RuntimeError("o JupyterLab do ambiente do Binder não respondeu em 60 s")
        with urllib.request.urlopen(f"{base}/translations/pt_BR?token={token}", timeout=10) as r:
            catalog = json.load(r)["data"]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return settings["schema"]["properties"]["locale"]["default"], catalog
