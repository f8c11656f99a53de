"""O ambiente do leitor (Binder) basta: um venv novo só com binder/requirements.txt roda todos
os cadernos com o nbval estrito. Pega um pacote que falte no ambiente enxuto."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from conftest import ROOT, notebooks

NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]


def _lock(name: str) -> str:
    text = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8")
    return re.search(rf"^{name}==(\S+)", text, re.M | re.I).group(0)


@pytest.mark.slow
def test_binder_environment_runs_every_notebook(tmp_path, data_dir):
    venv = tmp_path / "binder-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = str(venv / "bin" / "python")
    start = time.perf_counter()
    # Como o Binder: pip install -r binder/requirements.txt a partir da raiz do repositório.
    subprocess.run([py, "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
                   cwd=ROOT, check=True)
    # Só as ferramentas do teste entram depois, nas versões do lock (o leitor não precisa delas).
    subprocess.run([py, "-m", "pip", "install", "-q", _lock("nbval"), _lock("pytest")],
                   cwd=ROOT, check=True)
    installed = time.perf_counter() - start
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["SCALING_UTILS_DATA_DIR"] = str(data_dir)  # as saídas versionadas usam os dados
    start = time.perf_counter()
    result = subprocess.run(
        [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *NBVAL,
         *[str(p.relative_to(ROOT)) for p in notebooks()]],
        cwd=ROOT, env=env, capture_output=True, text=True)
    ran = time.perf_counter() - start
    print(f"\nambiente do Binder: instalação {installed:.0f} s, nbval {ran:.0f} s")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
    # O pacote do livro veio do "-e ." do arquivo do Binder, deste repositório.
    where = subprocess.run([py, "-c", "import scaling_utils; print(scaling_utils.__file__)"],
                           capture_output=True, text=True, check=True).stdout
    assert str(ROOT / "scaling_utils") in where
