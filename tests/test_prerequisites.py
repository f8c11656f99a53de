"""Sem o Chromium, o make test explica numa frase o que falta (fora da CI) e a CI falha."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location("print_pdf", ROOT / "scripts" / "print_pdf.py")
print_pdf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(print_pdf)


@pytest.fixture
def no_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(print_pdf, "CHROMIUM", str(tmp_path / "chromium-ausente"))


def test_optional_pdf_is_skipped_outside_ci_with_one_sentence(no_chromium, monkeypatch, capsys):
    monkeypatch.delenv("CI", raising=False)
    assert print_pdf.main(["--opcional", "site", "livro.pdf"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.count("\n") == 0 and out.endswith(".")
    assert "apt-get install chromium" in out and "pulados" in out
    assert "Traceback" not in out


def test_missing_chromium_fails_in_ci(no_chromium, monkeypatch, capsys):
    monkeypatch.setenv("CI", "true")
    assert print_pdf.main(["--opcional", "site", "livro.pdf"]) == 1
    assert "apt-get install chromium" in capsys.readouterr().err


def test_make_pdf_without_chromium_fails(no_chromium, monkeypatch, capsys):
    monkeypatch.delenv("CI", raising=False)
    assert print_pdf.main(["site", "livro.pdf"]) == 1
    assert "sem ele não há PDF" in capsys.readouterr().err


def test_usage_error():
    assert print_pdf.main(["só-um-argumento"]) == 2
