"""A apostila só com alguns capítulos (``make apostila CAPITULOS="01 06"``, scripts/print_pdf.py).

Imprime a página única da turma com dois capítulos num PDF temporário: as figuras desses
capítulos estão lá, as dos outros não, e o PDF é menor que a apostila inteira.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, notebooks, require

sys.path.insert(0, str(ROOT / "scripts"))
import print_pdf

APOSTILA = ROOT / "_build" / "apostila.pdf"
SINGLE = ROOT / "_build" / "pdf-turma" / "_build" / "singlehtml"


def test_chapter_list_is_parsed_or_refused_clearly():
    assert print_pdf.chapters_arg("01 2,06") == ["01", "02", "06"]
    for bad in ("", "um", "01 x"):
        with pytest.raises(SystemExit, match="--capitulos espera números de capítulo"):
            print_pdf.chapters_arg(bad)


def _captions(path: Path) -> list[str]:
    """O começo (até a primeira fórmula) da legenda de cada figura de um capítulo."""
    out = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
        if caption:
            out.append(re.split(r"[$`{*]", caption)[0].strip()[:35])
    return [c for c in out if len(c) >= 12]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def test_apostila_with_only_some_chapters(tmp_path):
    require((SINGLE / "index.html").is_file() and APOSTILA.is_file(),
            "apostila não gerada (make pdf; precisa do Chromium)")
    require(Path(print_pdf.CHROMIUM).is_file(), "Chromium ausente")
    from pypdf import PdfReader

    out = tmp_path / "apostila-01-06.pdf"
    # Num processo à parte, como no make (o Playwright síncrono não roda dentro de outro, e os
    # testes do site já têm um navegador aberto).
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "print_pdf.py"), "--capitulos",
                          "01,06", str(SINGLE), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    reader = PdfReader(out)
    text = _squash(" ".join(p.extract_text() for p in reader.pages))
    chapters = {p.name[:2]: _captions(p) for p in notebooks()}
    assert chapters["01"] and chapters["06"] and chapters["02"]
    for number, captions in chapters.items():
        found = [c for c in captions if _squash(c) in text]
        if number in {"01", "06"}:
            assert found == captions, (number, set(captions) - set(found))
        else:
            assert found == [], (number, found)
    assert len(reader.pages) < len(PdfReader(APOSTILA).pages)
