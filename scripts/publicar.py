#!/usr/bin/env python3
"""Cria a etiqueta ``v<versão>`` que a célula de preparação instala no Colab (``make publicar``).

A célula instala ``scaling-utils @ git+<repositório>@v<versão>`` (versão de ``pyproject.toml``).
Uma etiqueta pode ser movida, por isso este script:

- só etiqueta uma árvore limpa (nada por commitar) cujos cadernos passam em
  ``scripts/check_notebooks.py`` (célula de preparação atual, saídas de ``make execute``);
- nunca move uma etiqueta: se ``v<versão>`` já existe com outro pacote (``scaling_utils/`` ou
  ``pyproject.toml`` diferentes), recusa e pede para subir a versão;
- cria uma etiqueta anotada e diz o comando para enviá-la (``git push origin v<versão>``).

``tests/test_setup_cell.py`` testa estas regras num repositório temporário e confere, no
repositório do livro, que uma etiqueta existente ainda tem o pacote atual.

Uso: python scripts/publicar.py [--repo PASTA]   (sai com 1 e explica se algo impedir)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
#: O que o pip instala da etiqueta: o pacote e as suas dependências.
PACKAGE_PATHS = ("scaling_utils", "pyproject.toml")


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def release_tag(repo: Path = ROOT) -> str:
    with open(repo / "pyproject.toml", "rb") as fh:
        return "v" + tomllib.load(fh)["project"]["version"]


def package_ids(repo: Path, rev: str) -> dict[str, str | None]:
    """Os ids do git de ``scaling_utils/`` e ``pyproject.toml`` em ``rev`` (None se faltarem)."""
    ids = {}
    for path in PACKAGE_PATHS:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}:{path}", check=False)
        ids[path] = out.stdout.strip() or None
    return ids


def tag_exists(repo: Path, tag: str) -> bool:
    return _git(repo, "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}",
                check=False).returncode == 0


def tag_problems(repo: Path = ROOT) -> list[str]:
    """Se ``v<versão>`` já existe, o pacote nela tem de ser o de HEAD."""
    tag = release_tag(repo)
    if not tag_exists(repo, tag):
        return []
    if package_ids(repo, f"{tag}^{{commit}}") != package_ids(repo, "HEAD"):
        return [f"o pacote mudou desde a etiqueta {tag}, que o Colab instala: suba a versão em "
                "pyproject.toml, rode make execute e publique de novo (a etiqueta não é movida)."]
    return []


def publish_problems(repo: Path = ROOT, check_notebooks=None) -> list[str]:
    """Tudo o que impede etiquetar agora (lista vazia: pode etiquetar)."""
    found = []
    if _git(repo, "status", "--porcelain").stdout.strip():
        found.append("há mudanças não commitadas: commite (ou descarte) antes de publicar.")
    if check_notebooks is not None:
        found += check_notebooks(sorted((repo / "notebooks").glob("*.ipynb")))
    return found + tag_problems(repo)


def _notebook_problems(paths) -> list[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_notebooks import problems

    return [f"{p.name}: {problem}" for p in paths for problem in problems(p)]


def publish(repo: Path = ROOT, check_notebooks=_notebook_problems) -> str:
    """Cria a etiqueta (se ainda não existe) e devolve o que fazer em seguida."""
    found = publish_problems(repo, check_notebooks)
    if found:
        raise SystemExit("Não publiquei:\n- " + "\n- ".join(found))
    tag = release_tag(repo)
    if not tag_exists(repo, tag):
        _git(repo, "tag", "-a", tag, "-m", f"As Leis de Escala {tag} (instalada pelo Colab)")
    commit = _git(repo, "rev-parse", "--short", f"{tag}^{{commit}}").stdout.strip()
    return f"Etiqueta {tag} no commit {commit}. Envie-a: git push origin {tag}"


if __name__ == "__main__":
    repo = Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--repo" else ROOT
    print(publish(repo))
