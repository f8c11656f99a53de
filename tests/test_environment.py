"""Ambientes e configuração: versões fixadas coerentes, CI e publicação válidas."""

from __future__ import annotations

import re

import tomllib
import yaml
from conftest import ROOT

import scaling_utils

PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)")


def _pins(path):
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line.strip())
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1).lower())] = m.group(2)
    return pins


def test_binder_pins_match_the_lock():
    lock = _pins(ROOT / "requirements" / "lock.txt")
    binder = _pins(ROOT / "binder" / "requirements.txt")
    assert {"numpy", "scipy", "matplotlib", "ipywidgets", "babel", "jupyterlab"} <= set(binder)
    for name, version in binder.items():
        assert lock.get(name) == version, f"{name}: binder {version}, lock {lock.get(name)}"


def test_binder_is_lean_and_installs_the_package():
    text = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines[-1] == "-e ."
    for tool in ("jupyter-book", "nbval", "pytest", "playwright", "sphinx"):
        assert not any(ln.lower().startswith(tool) for ln in lines), tool


def test_lock_pins_everything():
    lines = [ln for ln in (ROOT / "requirements" / "lock.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert all(PIN.match(ln) for ln in lines), [ln for ln in lines if not PIN.match(ln)]
    assert _pins(ROOT / "requirements" / "lock.txt")["jupyter-book"] == "1.0.4.post1"


def test_version_is_the_book_version():
    with open(ROOT / "pyproject.toml", "rb") as fh:
        assert scaling_utils.__version__ == tomllib.load(fh)["project"]["version"]


def test_publishing_workflow_is_valid_yaml():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "livro.yml").read_text())
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 lê "on" como True
    assert "push" in triggers and "schedule" in triggers
    steps = [s.get("run", "") for s in wf["jobs"]["test"]["steps"]]
    assert any("make test" in s for s in steps)
    assert "deploy-pages" in str(wf["jobs"]["deploy"])


def test_config_essentials():
    cfg = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert cfg["title"] == "As Leis de Escala"
    assert cfg["execute"]["execute_notebooks"] == "off"
    assert cfg["sphinx"]["config"]["language"] == "pt_BR"
    assert not (ROOT / "_static").exists(), "sem _static/ (ver README: o JB injetaria tudo)"


def test_chinchilla_data_is_not_in_the_repository():
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    assert "svg_extracted_data" not in tracked
