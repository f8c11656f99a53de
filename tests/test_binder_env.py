"""O ambiente do leitor (Binder) basta: um venv novo com o Python de binder/runtime.txt, o
ambiente base do repo2docker (tests/binder_base.txt) e então binder/requirements.txt roda
todos os cadernos com o nbval estrito, sem conflito de dependências, e o JupyterLab abre em
português (binder/postBuild). Pega um pacote que falte no ambiente enxuto, um Python em que as
versões fixadas não instalam e um par jupyterlab/notebook incoerente.

A montagem e a reexecução correm em segundo plano desde o início da sessão
(tests/reexecucao.py), sob um núcleo do OpenBLAS diferente do da execução principal: a mesma
reexecução vale também para tests/test_blas_kernels.py.
"""

from __future__ import annotations

import subprocess

import pytest
import reexecucao
from conftest import ROOT, require


@pytest.mark.slow
def test_binder_environment_runs_every_notebook(data_dir):
    plan = reexecucao.start(data_dir)
    if plan.binder_problem:  # falha (não pula) sem runtime.txt ou com um Python que não serve
        raise plan.binder_problem
    require(plan.binder_python is not None,
            f"Python {plan.binder_version} (o de binder/runtime.txt) não encontrado: instale-o "
            f"(ex.: pyenv install {plan.binder_version}) para este teste")
    setup, run, (default, catalog) = plan.futures["binder"].result()
    print(f"\nambiente do Binder (Python {setup.version}, {setup.interpreter}): instalação "
          f"{setup.seconds:.0f} s, nbval sob {run.kernel} {run.seconds:.0f} s")
    assert not setup.conflicts, setup.conflicts
    assert run.passed, run.output
    # O pacote do livro veio do "-e ." do arquivo do Binder, deste repositório.
    code = "import scaling_utils; print(scaling_utils.__file__)"
    where = subprocess.run([setup.python, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert str(ROOT / "scaling_utils") in where
    # O JupyterLab abre em português: pt_BR é o padrão e o catálogo existe.
    assert default == "pt_BR"
    assert catalog["jupyterlab"][""]["language"] == "pt-BR"
