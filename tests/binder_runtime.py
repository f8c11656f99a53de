"""O Python do Binder: ``binder/runtime.txt`` (formato do repo2docker, ``python-3.11``).

Sem o arquivo, o repo2docker usa Python 3.10, onde as versões fixadas (numpy 2.4.6, ...) não
instalam. Usado por tests/test_environment.py (rápido) e tests/test_binder_env.py (lento).
"""

from __future__ import annotations

import glob
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

from conftest import ROOT

RUNTIME = ROOT / "binder" / "runtime.txt"
REQUIREMENTS = ROOT / "binder" / "requirements.txt"
FORMAT = re.compile(r"python-(3\.\d+)")
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)")


class RuntimeProblem(ValueError):
    """runtime.txt ausente, malformado ou com um Python em que as versões fixadas não instalam."""


def runtime_python(path: Path = RUNTIME) -> str:
    """A versão ``3.X`` que ``runtime.txt`` pede (``RuntimeProblem`` se faltar ou for inválido)."""
    if not path.is_file():
        raise RuntimeProblem(f"{path.name} não existe: sem ele o repo2docker usa Python 3.10, "
                             "em que as versões fixadas não instalam.")
    text = path.read_text(encoding="utf-8").strip()
    match = FORMAT.fullmatch(text)
    if not match:
        raise RuntimeProblem(f"{path.name} deve conter python-3.X (formato do repo2docker); "
                             f"contém {text!r}.")
    return match.group(1)


def pins(path: Path = REQUIREMENTS) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            found[m.group(1)] = m.group(2)
    return found


def pins_excluding(version: str, requirements: Path = REQUIREMENTS) -> list[str]:
    """As versões fixadas cujo ``Requires-Python`` exclui o Python ``version``.

    Lê os metadados das distribuições instaladas no ambiente dos testes (as mesmas versões:
    tests/test_environment.py confere binder/ contra o lock). O conda instala a versão de
    correção mais nova de ``python=3.X.*``, por isso a comparação usa ``3.X.99``.
    """
    from packaging.specifiers import SpecifierSet

    bad = []
    for name, version_pinned in pins(requirements).items():
        dist = metadata.distribution(name)
        if dist.version != version_pinned:
            raise RuntimeProblem(f"{name}: instalado {dist.version}, fixado {version_pinned}; "
                                 "rode make env.")
        spec = dist.metadata.get("Requires-Python") or ""
        if not SpecifierSet(spec).contains(f"{version}.99"):
            bad.append(f"{name}=={version_pinned} (Requires-Python {spec})")
    return bad


def check_runtime(path: Path = RUNTIME, requirements: Path = REQUIREMENTS) -> str:
    """A versão do runtime.txt, validada contra as versões fixadas; ``RuntimeProblem`` se não."""
    version = runtime_python(path)
    bad = pins_excluding(version, requirements)
    if bad:
        raise RuntimeProblem(f"{path.name} pede Python {version}, mas estas versões fixadas não "
                             f"instalam nele: {', '.join(bad)}.")
    return version


def find_interpreter(version: str) -> str | None:
    """O executável de um Python ``version`` (no PATH ou no pyenv), conferido rodando-o."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(glob.glob(f"/root/.pyenv/versions/{version}.*/bin/python{version}"))
    candidates += sorted(glob.glob(str(Path.home() / f".pyenv/versions/{version}.*/bin/python")))
    for exe in filter(None, candidates):
        out = subprocess.run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2], sys.executable)"],
            capture_output=True, text=True)
        found, _, executable = out.stdout.strip().partition(" ")
        if out.returncode == 0 and found == version:
            return executable  # o executável real, não o atalho (shim) do pyenv
    return None
