"""As saídas versionadas não dependem da CPU: cada caderno é reexecutado sob outros núcleos
(kernels) do OpenBLAS e comparado com as mesmas regras de limpeza do nbval.

O OpenBLAS do numpy escolhe, na carga, rotinas para a CPU (``DYNAMIC_ARCH``); outras CPUs
somam em outra ordem e mudam os últimos dígitos. ``OPENBLAS_CORETYPE`` força um núcleo; um
núcleo que a CPU não tem (``SkylakeX`` sem AVX-512) derruba o processo, por isso a escolha
olha as instruções da CPU (``/proc/cpuinfo``). A máquina de quem desenvolve pode definir
``OPENBLAS_CORETYPE`` por conta própria: o teste o ignora e escolhe dois núcleos diferentes
do que a execução principal do nbval usou.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import ROOT, notebooks, require

NBVAL = ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg"]

#: Núcleos do OpenBLAS e as instruções que cada um exige (nomes de /proc/cpuinfo), do mais
#: antigo ao mais novo. ``Prescott`` (SSE3) roda em toda CPU x86-64.
KERNELS = (
    ("Prescott", {"sse3"}),
    ("Nehalem", {"sse4_2"}),
    ("Sandybridge", {"avx"}),
    ("Haswell", {"avx2", "fma"}),
    ("SkylakeX", {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"}),
)
#: Variáveis que mudam a escolha do OpenBLAS (a máquina pode defini-las).
OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
#: Preferência: o mais diferente possível do núcleo da execução principal.
PREFERENCE = ("Prescott", "Haswell", "Sandybridge", "SkylakeX", "Nehalem")


def cpu_flags(cpuinfo: str) -> set[str]:
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def supported(flags: set[str]) -> list[str]:
    # pni ("Prescott New Instructions") é o nome do SSE3 em /proc/cpuinfo.
    flags = flags | ({"sse3"} if "pni" in flags else set())
    return [name for name, needs in KERNELS if needs <= flags]


def choose(flags: set[str], current: str, n: int = 2) -> list[str]:
    """``n`` núcleos que a CPU roda, diferentes do ``current`` (o da execução principal)."""
    available = supported(flags)
    return [k for k in PREFERENCE if k in available and k.lower() != current.lower()][:n]


def _clean_env(kernel: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_VARS}
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    return env


def blas_architecture(env: dict[str, str]) -> str:
    """O núcleo que o OpenBLAS do numpy escolhe nesse ambiente (via threadpoolctl)."""
    code = ("import numpy, threadpoolctl; "
            "print([i.get('architecture') for i in threadpoolctl.threadpool_info()"
            " if i.get('internal_api') == 'openblas'][0])")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    return out.stdout.strip()


def test_kernel_choice_follows_cpu_flags():
    avx2 = {"sse3", "sse4_2", "avx", "avx2", "fma"}
    assert choose(avx2, "Haswell") == ["Prescott", "Sandybridge"]
    assert choose(avx2 | {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"},
                  "SkylakeX") == ["Prescott", "Haswell"]
    assert choose({"pni"}, "Prescott") == []  # só SSE3: não há outro núcleo seguro
    assert "SkylakeX" not in supported(avx2)  # derrubaria o processo sem AVX-512
    assert cpu_flags("processor: 0\nflags\t\t: fpu sse3 avx\n") == {"fpu", "sse3", "avx"}


KERNEL_RUNS: list[str] = []


def _nbval(kernel: str, paths: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *NBVAL, *paths],
        cwd=ROOT, env=_clean_env(kernel), capture_output=True, text=True)


@pytest.mark.slow
def test_notebooks_reproduce_under_other_blas_kernels(data_dir):
    require(Path("/proc/cpuinfo").is_file() and os.uname().machine == "x86_64",
            "só em x86-64 com /proc/cpuinfo se escolhem núcleos do OpenBLAS")
    flags = cpu_flags(Path("/proc/cpuinfo").read_text())
    current = blas_architecture(dict(os.environ))
    kernels = choose(flags, current)
    assert len(kernels) >= 2, f"CPU sem dois núcleos além de {current}: {supported(flags)}"
    for kernel in kernels:  # o OpenBLAS usou mesmo o núcleo pedido
        used = blas_architecture(_clean_env(kernel))
        assert used != current, f"OPENBLAS_CORETYPE={kernel} não mudou o núcleo ({used})"
        KERNEL_RUNS.append(f"{kernel} (OpenBLAS: {used})")
    paths = [str(p.relative_to(ROOT)) for p in notebooks()]
    with ThreadPoolExecutor(max_workers=len(kernels)) as pool:
        results = list(pool.map(lambda k: _nbval(k, paths), kernels))
    KERNEL_RUNS.insert(0, f"execução principal: {current}")
    for kernel, result in zip(kernels, results, strict=True):
        assert result.returncode == 0 and " passed" in result.stdout, (
            f"com OPENBLAS_CORETYPE={kernel}, as saídas mudam:\n"
            + result.stdout[-4000:] + result.stderr[-1000:])
