"""Núcleos (kernels) do OpenBLAS: quais a CPU roda e como forçar um deles.

O OpenBLAS do numpy escolhe, na carga, rotinas para a CPU (``DYNAMIC_ARCH``); outras CPUs
somam em outra ordem e mudam os últimos dígitos. ``OPENBLAS_CORETYPE`` força um núcleo; um
núcleo que a CPU não tem (``SkylakeX`` sem AVX-512) derruba o processo, por isso a escolha
olha as instruções da CPU (``/proc/cpuinfo``). A máquina de quem desenvolve pode definir
``OPENBLAS_CORETYPE`` por conta própria: nada aqui depende disso.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def clean_env(kernel: str | None, base: dict[str, str] | None = None) -> dict[str, str]:
    """O ambiente ``base`` (ou o atual) sem as variáveis do OpenBLAS, mais o núcleo pedido."""
    env = {k: v for k, v in (os.environ if base is None else base).items()
           if k not in OPENBLAS_VARS}
    if kernel:
        env["OPENBLAS_CORETYPE"] = kernel
    return env


def blas_architecture(env: dict[str, str], python: str = sys.executable) -> str:
    """O núcleo que o OpenBLAS do numpy escolhe nesse ambiente (via threadpoolctl)."""
    code = ("import numpy, threadpoolctl; "
            "print([i.get('architecture') for i in threadpoolctl.threadpool_info()"
            " if i.get('internal_api') == 'openblas'][0])")
    out = subprocess.run([python, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def on_x86_linux() -> bool:
    return Path("/proc/cpuinfo").is_file() and os.uname().machine == "x86_64"


def this_cpu() -> set[str]:
    return cpu_flags(Path("/proc/cpuinfo").read_text())
