"""Utilidades comuns dos testes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHARED_DATA = ROOT.parent / "shared" / "data"


def require(condition: bool, reason: str) -> None:
    """Sem o pré-requisito: falha na CI (nada de verde falso), pula fora dela com o motivo."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"pré-requisito ausente na CI: {reason}")
    pytest.skip(reason)


def toc_files() -> list[str]:
    """Todos os arquivos do sumário (_toc.yml), na ordem, sem extensão."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Pasta com o CSV das corridas: $SCALING_UTILS_DATA_DIR ou ../shared/data."""
    env = os.environ.get("SCALING_UTILS_DATA_DIR")
    path = Path(env) if env else SHARED_DATA
    require((path / "svg_extracted_data.csv").is_file(),
            f"dados das corridas do Chinchilla ausentes em {path}")
    return path


@pytest.fixture(scope="session")
def runs(data_dir):
    from scaling_utils.data import load_chinchilla_runs

    return load_chinchilla_runs(data_dir)
