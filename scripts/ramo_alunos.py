#!/usr/bin/env python3
"""Cria ou atualiza o ramo ``alunos``: só o que os alunos precisam, sem nenhuma resposta.

Os botões Binder e Colab da versão da turma (``_ext/turma.py``) abrem os cadernos dos alunos
neste ramo, e não no ramo principal: o JupyterLab do Binder mostra a árvore inteira do ramo, e
no principal ela tem ``notebooks/`` (com as soluções) e o guia do professor. O ramo leva só:

- ``alunos/*.ipynb`` (os cadernos sem soluções, ``scripts/alunos.py``);
- ``scaling_utils/`` e ``pyproject.toml`` (a biblioteca, que o Binder instala com ``-e .``);
- ``binder/`` e ``requirements/`` (o ambiente), ``LICENSE``;
- um ``README.md`` curto, escrito aqui.

O commit é montado com a "plumbing" do git (um índice temporário, ``write-tree``,
``commit-tree`` e ``update-ref``), a partir do commit pedido (``HEAD``): a cópia de trabalho, o
índice e o ramo atual do usuário não mudam. Se a árvore é a mesma da ponta do ramo, nada muda.
``make publicar`` chama este script; ``tests/test_ramo_alunos.py`` o roda num clone temporário.

Uso: python scripts/ramo_alunos.py [--repo PASTA] [--de COMMIT]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: O ramo que os botões Binder e Colab da versão da turma abrem.
BRANCH = "alunos"
#: O que vai para o ramo, tirado do commit de origem.
PATHS = ("alunos", "scaling_utils", "pyproject.toml", "binder", "requirements", "LICENSE")

README = """# As Leis de Escala: cadernos dos alunos

Este ramo traz só o que a turma usa para executar os capítulos do livro "As Leis de Escala": os cadernos da pasta `alunos/` (sem as soluções dos exercícios nem as respostas dos testes rápidos) e a biblioteca `scaling_utils` que eles usam.
Ele é gerado automaticamente (`scripts/ramo_alunos.py`, no ramo principal); não o edite à mão.

- **Binder** ou **Colab**: use os botões de foguete do site da turma; eles abrem estes cadernos.
- **No computador**, com Python 3.11:

  ```bash
  python3 -m venv .venv
  .venv/bin/pip install -r binder/requirements.txt
  .venv/bin/jupyter lab alunos/
  ```

Licença: ver `LICENSE`.
"""  # noqa: E501 (Markdown: uma frase por linha)


def _git(repo: Path, *args: str, env: dict | None = None, stdin: str | None = None) -> str:
    out = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, input=stdin,
                         env=None if env is None else {**os.environ, **env})
    if out.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} falhou: {out.stderr.strip()}")
    return out.stdout.strip()


def _tip(repo: Path, branch: str) -> str | None:
    out = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                         cwd=repo, capture_output=True, text=True)
    return out.stdout.strip() or None


def student_tree(repo: Path, source: str = "HEAD") -> str:
    """O id da árvore do ramo: ``PATHS`` como estão em ``source``, mais o README."""
    missing = [p for p in PATHS
               if subprocess.run(["git", "cat-file", "-e", f"{source}:{p}"], cwd=repo,
                                 capture_output=True).returncode != 0]
    if missing:
        raise SystemExit(f"ramo_alunos: faltam em {source}: {', '.join(missing)}")
    listing = _git(repo, "ls-tree", "-r", "--full-tree", source, "--", *PATHS)
    readme = _git(repo, "hash-object", "-w", "--stdin", stdin=README)
    entries = listing + f"\n100644 blob {readme}\tREADME.md\n"
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git(repo, "update-index", "--add", "--index-info", env=env, stdin=entries)
        return _git(repo, "write-tree", env=env)


def update_branch(repo: Path = ROOT, source: str = "HEAD", branch: str = BRANCH) -> str:
    """Cria ou avança ``branch`` com a árvore dos alunos de ``source``; devolve o que houve."""
    tree = student_tree(repo, source)
    tip = _tip(repo, branch)
    if tip is not None and _git(repo, "rev-parse", f"{tip}^{{tree}}") == tree:
        return f"O ramo {branch} já está atualizado ({tip[:7]})."
    origin = _git(repo, "rev-parse", "--short", source)
    parents = ["-p", tip] if tip else []
    commit = _git(repo, "commit-tree", tree, *parents,
                  "-m", f"Cadernos dos alunos, gerados de {origin} (scripts/ramo_alunos.py)")
    _git(repo, "update-ref", f"refs/heads/{branch}", commit, *([tip] if tip else []))
    return f"Ramo {branch} no commit {commit[:7]}. Envie-o: git push origin {branch}"


def main(args: list[str]) -> int:
    repo, source = ROOT, "HEAD"
    while args:
        flag, value, *args = args
        if flag == "--repo":
            repo = Path(value)
        elif flag == "--de":
            source = value
        else:
            raise SystemExit(f"ramo_alunos: opção desconhecida; recebido {flag!r}")
    dirty = _git(repo, "status", "--porcelain", "--", *PATHS)
    if dirty:
        print("Aviso: há mudanças não commitadas em "
              f"{', '.join(PATHS)}; o ramo usa o que está commitado.", file=sys.stderr)
    print(update_branch(repo, source))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
