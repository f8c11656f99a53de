"""O ramo ``alunos`` (scripts/ramo_alunos.py), que os botões Binder e Colab da turma abrem.

O script roda num clone temporário do repositório: o ramo sai só com o que os alunos precisam,
sem ``notebooks/`` nem ``book/`` e sem o texto de nenhuma solução, resposta do teste rápido,
chave de aula ou questão da prova (os mesmos fragmentos do teste de vazamento,
tests/test_alunos.py); a cópia de trabalho do clone não muda. E os botões da versão da turma
apontam para esse ramo, sem botão para o repositório principal.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, notebooks, require
from test_alunos import (
    TURMA,
    _assessment_answers,
    _leaks,
    _lesson_keys,
    _outputs,
    _text,
    squash,
    student_corpus,
)

sys.path.insert(0, str(ROOT / "scripts"))
import ramo_alunos

SCRIPT = ROOT / "scripts" / "ramo_alunos.py"


def _git(repo, *args) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


def _run(repo) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--repo", str(repo)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    repo = tmp_path_factory.mktemp("clone")
    subprocess.run(["git", "clone", "-q", str(ROOT), str(repo)], check=True)
    _git(repo, "config", "user.email", "livro@example.org")
    _git(repo, "config", "user.name", "Livro")
    before = (_git(repo, "rev-parse", "HEAD"), _git(repo, "symbolic-ref", "HEAD"))
    out = _run(repo)
    assert out.returncode == 0, out.stderr
    assert f"git push origin {ramo_alunos.BRANCH}" in out.stdout
    assert (_git(repo, "rev-parse", "HEAD"), _git(repo, "symbolic-ref", "HEAD")) == before
    assert _git(repo, "status", "--porcelain") == "", "a cópia de trabalho mudou"
    return repo


def _files(repo) -> dict[str, str]:
    names = _git(repo, "ls-tree", "-r", "--name-only", ramo_alunos.BRANCH).splitlines()
    return {n: subprocess.run(["git", "show", f"{ramo_alunos.BRANCH}:{n}"], cwd=repo,
                              capture_output=True, text=True, errors="replace").stdout
            for n in names}


def test_branch_has_only_what_students_need(clone):
    files = _files(clone)
    top = {name.split("/")[0] for name in files}
    assert top == {*ramo_alunos.PATHS, "README.md"}, top
    assert not any(n.startswith(("notebooks/", "book/")) for n in files)
    assert "binder/requirements.txt" in files and "scaling_utils/__init__.py" in files
    students = sorted(n for n in files if n.startswith("alunos/"))
    assert students == [f"alunos/{p.name}" for p in notebooks()]
    for name in students:  # os cadernos do commit, sem mudança nenhuma
        assert files[name].strip() == _git(clone, "show", f"HEAD:{name}"), name


def test_branch_has_no_answers(clone):
    """Nenhum arquivo do ramo traz uma solução, uma resposta do teste rápido, uma chave de aula
    ou a prova do guia (os cadernos são lidos célula a célula, como em tests/test_alunos.py).
    Da prova, contam os trechos que o material legítimo dos alunos não tem (frases gerais como
    "numa lei de potência" estão nos capítulos)."""
    exam = [p for pieces in _assessment_answers() for p in pieces
            if squash(p) not in student_corpus()]
    assert exam, "nenhum trecho próprio da prova: o teste não a veria"
    keys = _lesson_keys() + exam
    leaks = []
    for name, raw in _files(clone).items():
        text = raw
        if name.endswith(".ipynb"):
            cells = json.loads(raw)["cells"]
            text = "\n".join(_text(c) + "\n" + _outputs(c) for c in cells)
            assert "solution-start" not in raw and "<summary>Resposta" not in raw, name
        leaks += _leaks(name, text)
        leaks += [f"{name}: «{k}»" for k in keys if squash(k) in squash(text)]
    assert leaks == [], "\n".join(leaks[:20])


def test_branch_is_updated_only_when_the_students_tree_changes(clone):
    tip = _git(clone, "rev-parse", ramo_alunos.BRANCH)
    out = _run(clone)
    assert out.returncode == 0 and "já está atualizado" in out.stdout
    assert _git(clone, "rev-parse", ramo_alunos.BRANCH) == tip
    # Uma mudança fora do ramo (um capítulo) não cria commit; uma em alunos/ cria, sobre o antigo.
    (clone / "notebooks" / "extra.md").write_text("x\n")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "-m", "capítulo")
    assert "já está atualizado" in _run(clone).stdout
    (clone / "alunos" / "extra.md").write_text("x\n")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "-m", "alunos")
    assert _run(clone).returncode == 0
    assert _git(clone, "rev-parse", f"{ramo_alunos.BRANCH}^") == tip
    assert "alunos/extra.md" in _files(clone)


def _repository_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


def test_class_launch_buttons_open_the_students_branch():
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    org_repo = "/".join(_repository_url().split("/")[-2:])
    branch = ramo_alunos.BRANCH
    for path in notebooks():
        page = (TURMA / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        binder = re.findall(r'href="(https://mybinder[^"]*)"', page)
        colab = re.findall(r'href="(https://colab[^"]*)"', page)
        assert binder and colab, path.stem
        for url in binder:
            assert f"/v2/gh/{org_repo}/{branch}?" in url, url
        for url in colab:
            assert f"/github/{org_repo}/blob/{branch}/alunos/{path.name}" in url, url
    for page in sorted(TURMA.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert _repository_url() not in text, f"{page.name}: link para o repositório principal"
        assert "issues/new" not in text, f"{page.name}: botão de abrir issue"
