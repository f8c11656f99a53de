"""Ambientes e configuração: versões fixadas coerentes, CI e publicação válidas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
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
    assert {"numpy", "scipy", "matplotlib", "ipywidgets", "babel", "jupyterlab", "notebook",
            "jupyterlab-language-pack-pt-br"} <= set(binder)
    for name, version in binder.items():
        assert lock.get(name) == version, f"{name}: binder {version}, lock {lock.get(name)}"


def test_binder_jupyterlab_and_notebook_are_a_pair():
    """O Binder já traz notebook 7.4.7 (jupyterlab<4.5): o par fixado tem de se aceitar, senão
    o pip instala um jupyterlab que o notebook recusa (ver binder/requirements.txt)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    binder = _pins(ROOT / "binder" / "requirements.txt")
    wanted = [Requirement(r) for r in metadata.requires("notebook") or []]
    lab = [r for r in wanted if r.name == "jupyterlab" and not r.marker]
    assert metadata.version("notebook") == binder["notebook"]
    assert lab and lab[0].specifier.contains(binder["jupyterlab"]), lab
    # O pacote de idioma acompanha a série 4 do JupyterLab (não há um por versão de correção).
    pack = binder["jupyterlab-language-pack-pt-br"]
    assert pack.split(".")[0] == binder["jupyterlab"].split(".")[0]
    assert metadata.entry_points(group="jupyterlab.languagepack").select(name="pt_BR")


def test_binder_runtime_is_the_python_of_the_lock():
    """runtime.txt existe, tem o formato do repo2docker e as versões fixadas instalam nele."""
    from binder_runtime import check_runtime

    version = check_runtime()
    header = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines()[0]
    assert f"Python {version}." in header, header


@pytest.mark.parametrize(("content", "problem"), [
    (None, "não existe"), ("3.11", "python-3.X"), ("python3.11", "python-3.X"),
    ("python-3", "python-3.X"), ("", "python-3.X"), ("python-3.11.7", "python-3.X"),
    ("r-4.3", "python-3.X"), ("python-3.10", "numpy==2.4.6"), ("python-3.9", "scipy==1.17.1"),
])
def test_binder_runtime_problems_are_caught(tmp_path, content, problem):
    """Sem runtime.txt, malformado ou com um Python velho demais: erro (o teste lento falha)."""
    from binder_runtime import RuntimeProblem, check_runtime

    path = tmp_path / "runtime.txt"
    if content is not None:
        path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(RuntimeProblem, match=re.escape(problem)):
        check_runtime(path)


def test_binder_runtime_accepts_newer_pythons(tmp_path):
    from binder_runtime import check_runtime

    path = tmp_path / "runtime.txt"
    for version in ("3.11", "3.12", "3.13"):
        path.write_text(f"python-{version}\n", encoding="utf-8")
        assert check_runtime(path) == version


POSTBUILD = ROOT / "binder" / "postBuild"


def _run_postbuild(prefix):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NB_PYTHON_PREFIX": str(prefix),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([str(POSTBUILD)], env=env, capture_output=True, text=True, check=True)


def test_postbuild_is_an_executable_bash_script():
    import os
    import subprocess

    assert os.access(POSTBUILD, os.X_OK), "binder/postBuild precisa ser executável"
    text = POSTBUILD.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in text
    subprocess.run(["bash", "-n", str(POSTBUILD)], check=True)
    tracked = subprocess.run(["git", "ls-files", "-s", "binder/postBuild"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert tracked.startswith("100755"), "o git precisa guardar o bit de execução"


def test_postbuild_sets_portuguese_as_the_default(tmp_path):
    import json

    out = _run_postbuild(tmp_path)
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert str(path) in out.stdout
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"@jupyterlab/translation-extension:plugin": {"locale": "pt_BR"}}
    # Idempotente, e preserva o que já havia em overrides.json.
    data["@jupyterlab/apputils-extension:themes"] = {"theme": "JupyterLab Dark"}
    data["@jupyterlab/translation-extension:plugin"] = {"locale": "en"}
    path.write_text(json.dumps(data), encoding="utf-8")
    _run_postbuild(tmp_path)
    _run_postbuild(tmp_path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["@jupyterlab/translation-extension:plugin"] == {"locale": "pt_BR"}
    assert again["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}


def test_postbuild_defaults_to_the_running_python_prefix(tmp_path):
    """Sem NB_PYTHON_PREFIX, usa o sys.prefix do python do PATH (um venv temporário aqui)."""
    import json
    import os
    import subprocess

    venv = tmp_path / "venv"
    subprocess.run(["python3", "-m", "venv", "--without-pip", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "NB_PYTHON_PREFIX"}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    subprocess.run([str(POSTBUILD)], env=env, capture_output=True, check=True)
    path = venv / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(path.read_text(encoding="utf-8"))[
        "@jupyterlab/translation-extension:plugin"] == {"locale": "pt_BR"}


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


def test_every_subpackage_goes_into_the_wheel():
    """O Colab instala o pacote do git: uma pasta de scaling_utils fora da roda quebra os
    capítulos lá (o subpacote desafio já ficou de fora assim)."""
    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(str(ROOT), include=include))
    on_disk = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
               for p in (ROOT / "scaling_utils").rglob("__init__.py")}
    assert on_disk <= found, on_disk - found
    assert {"scaling_utils", "scaling_utils.desafio", "scaling_utils.explorers"} <= found
    assert not {p for p in found if not p.startswith("scaling_utils")}, found
