"""As execuções completas dos cadernos com o nbval estrito, em segundo plano.

Três execuções completas guardam as saídas versionadas: o nbval principal (o núcleo que a CPU
escolhe), o ambiente do Binder sob um segundo núcleo e o ambiente do livro sob um terceiro.
As três são subprocessos que começam quando a coleta termina (``start``) e correm enquanto o
resto dos testes roda (num computador de 2 núcleos, o nbval principal dentro da sessão
deixava um núcleo ocioso no fim do ``make test``); tests/test_notebooks.py,
tests/test_blas_kernels.py e tests/test_binder_env.py só esperam e conferem o resultado. Sem o
Python do Binder (fora da CI), os dois núcleos rodam no ambiente do livro, e o teste do Binder
pula com o motivo.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import ambiente_binder
import nucleos_blas as nb
from conftest import ROOT, notebooks

NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]
#: Os testes que consomem as reexecuções (nós do pytest).
CONSUMERS = ("test_notebooks.py::test_notebooks_reproduce_their_committed_outputs",
             "test_blas_kernels.py::test_notebooks_reproduce_under_other_blas_kernels",
             "test_binder_env.py::test_binder_environment_runs_every_notebook")


@dataclass
class Run:
    """Uma reexecução de todos os cadernos sob um núcleo: onde, qual núcleo o OpenBLAS usou."""

    kernel: str
    used: str
    where: str
    returncode: int
    output: str
    seconds: float

    @property
    def passed(self) -> bool:
        return self.returncode == 0 and " passed" in self.output and "failed" not in self.output


@dataclass
class Plan:
    current: str = ""
    kernels: list[str] = field(default_factory=list)
    problem: str = ""  # por que não há reexecução (sem x86-64, sem dois núcleos)
    binder_python: str | None = None
    binder_version: str = ""
    binder_problem: Exception | None = None
    futures: dict[str, Future] = field(default_factory=dict)
    tmp: Path | None = None


MAIN = "principal"  # a chave do nbval principal em Plan.futures
PLAN: Plan | None = None
_POOL: ThreadPoolExecutor | None = None
_PROCS: set[subprocess.Popen] = set()


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    """``subprocess.run`` com a saída capturada; ``stop`` o interrompe se a sessão acabar antes."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    _PROCS.add(proc)
    try:
        out, err = proc.communicate()
    finally:
        _PROCS.discard(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _paths() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in notebooks()]


def nbval_run(kernel: str | None, python: str, env: dict,
              where: str = "ambiente do livro") -> Run:
    """Reexecuta todos os cadernos com o nbval estrito sob ``kernel`` (``None``: o núcleo que
    o OpenBLAS escolhe para a CPU)."""
    env = nb.clean_env(kernel, env)  # env: o ambiente inteiro do subprocesso
    used = nb.blas_architecture(env, python)
    start = time.perf_counter()
    # -p kernel_ipc (de scripts/): kernels com sockets IPC, sem corrida de portas com os outros
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "scripts"),
                                                      env.get("PYTHONPATH")]))
    out = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "kernel_ipc",
               *NBVAL, *_paths()], cwd=ROOT, env=env)
    # As diferenças que o nbval mostra podem ser longas: o bastante para ver cada célula.
    return Run(kernel or used, used, where, out.returncode,
               out.stdout[-20000:] + out.stderr[-3000:], time.perf_counter() - start)


def _binder_job(kernel: str, python: str, version: str, tmp: Path, data_dir: Path):
    setup = ambiente_binder.build(run, python, version, tmp, data_dir)
    where = f"ambiente do Binder (Python {version})"
    result = nbval_run(kernel, setup.python, setup.env, where)
    return setup, result, ambiente_binder.lab_locale(setup)


def start(data_dir: Path) -> Plan:
    """Escolhe os núcleos e dispara as reexecuções (uma vez por sessão)."""
    global PLAN, _POOL
    if PLAN is not None:
        return PLAN
    PLAN = plan = Plan()
    plan.tmp = Path(tempfile.mkdtemp(prefix="livro-reexecucao-"))
    local_env = {**os.environ, "SCALING_UTILS_DATA_DIR": str(data_dir)}
    _POOL = ThreadPoolExecutor(max_workers=3)
    plan.futures[MAIN] = _POOL.submit(nbval_run, None, sys.executable, local_env)
    if not nb.on_x86_linux():
        plan.problem = "só em x86-64 com /proc/cpuinfo se escolhem núcleos do OpenBLAS"
        return plan
    plan.current = nb.blas_architecture(nb.clean_env(None))
    plan.kernels = nb.choose(nb.this_cpu(), plan.current)
    if len(plan.kernels) < 2:
        plan.problem = (f"CPU sem dois núcleos além de {plan.current}: "
                        f"{nb.supported(nb.this_cpu())}")
        return plan
    try:
        plan.binder_version = ambiente_binder.check_runtime()
        plan.binder_python = ambiente_binder.find_interpreter(plan.binder_version)
    except ambiente_binder.RuntimeProblem as problem:
        plan.binder_problem = problem
    binder_kernel, local_kernel = plan.kernels
    if plan.binder_python:
        plan.futures["binder"] = _POOL.submit(_binder_job, binder_kernel, plan.binder_python,
                                              plan.binder_version, plan.tmp, data_dir)
    else:  # sem o Python do Binder, o núcleo dele roda no ambiente do livro
        plan.futures[binder_kernel] = _POOL.submit(nbval_run, binder_kernel, sys.executable,
                                                   local_env)
    plan.futures[local_kernel] = _POOL.submit(nbval_run, local_kernel, sys.executable,
                                              local_env)
    return plan


def main_run() -> Run:
    """O nbval principal, no núcleo que a CPU escolhe (espera terminar)."""
    return PLAN.futures[MAIN].result()


def kernel_runs() -> list[Run]:
    """As reexecuções sob outros núcleos (espera terminarem), na ordem dos núcleos."""
    runs = []
    for kernel in PLAN.kernels:
        if kernel in PLAN.futures:
            runs.append(PLAN.futures[kernel].result())
        else:
            runs.append(PLAN.futures["binder"].result()[1])
    return runs


def stop() -> None:
    for proc in list(_PROCS):  # a sessão acabou antes de conferir (-x, Ctrl-C, ...)
        proc.kill()
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
    if PLAN is not None and PLAN.tmp is not None:
        shutil.rmtree(PLAN.tmp, ignore_errors=True)
