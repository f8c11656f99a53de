#!/usr/bin/env python3
"""A roda (wheel) de ``scaling_utils`` que o JupyterLite do site instala com o piplite.

Um pacote só de Python não precisa de setuptools para virar roda: é um zip com os módulos e
três arquivos de metadados (PEP 427). Montá-la aqui, com datas fixas, dá sempre os mesmos bytes
para o mesmo código (o carimbo de _ext/lite.py depende disso) e não cria ``build/`` na raiz.
Os metadados (nome, versão, dependências) vêm de ``pyproject.toml``.

Uso: python scripts/roda_lite.py PASTA   (grava PASTA/scaling_utils-<versão>-py3-none-any.whl)
"""

from __future__ import annotations

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "scaling_utils"
DATE = (1980, 1, 1, 0, 0, 0)  # a menor data do zip: bytes iguais a cada construção


def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def package_files(root: Path = ROOT) -> list[Path]:
    """Os módulos do pacote (subpacotes incluídos), em ordem."""
    return sorted(p for p in (root / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


def _metadata(meta: dict) -> str:
    lines = ["Metadata-Version: 2.1", f"Name: {meta['name']}", f"Version: {meta['version']}",
             f"Summary: {meta['description']}",
             f"Requires-Python: {meta['requires-python']}"]
    lines += [f"Requires-Dist: {dep}" for dep in meta["dependencies"]]
    return "\n".join(lines) + "\n"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel_name(version: str | None = None) -> str:
    return f"{PACKAGE}-{version or project()['version']}-py3-none-any.whl"


def build(dest: Path, root: Path = ROOT) -> Path:
    """Grava a roda em ``dest`` e devolve o caminho dela."""
    meta = project()
    info = f"{PACKAGE}-{meta['version']}.dist-info"
    entries = [(p.relative_to(root).as_posix(), p.read_bytes()) for p in package_files(root)]
    entries += [
        (f"{info}/METADATA", _metadata(meta).encode()),
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: roda_lite\n"
                          b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
    ]
    record = "\n".join([*(_record_line(n, d) for n, d in entries), f"{info}/RECORD,,"]) + "\n"
    entries.append((f"{info}/RECORD", record.encode()))
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / wheel_name(meta["version"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, DATE), data, zipfile.ZIP_DEFLATED)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("uso: roda_lite.py PASTA")
    print(build(Path(sys.argv[1])))
