"""A célula de preparação (scripts/execute_notebooks.py, SETUP_TEMPLATE) em cada ramo, executada
com um ``google.colab`` falso e um pip falso, e no JupyterLite com ``piplite`` e ``pyodide``
falsos; e a etiqueta v<versão> que ela instala
(scripts/publicar.py), num repositório git temporário."""

from __future__ import annotations

import ast
import asyncio
import hashlib
import subprocess
import sys
import types

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import publicar
from execute_notebooks import book_version, ipywidgets_version, repository_url, setup_source

import scaling_utils
from scaling_utils import data

SOURCE = setup_source()
SPEC = f"scaling-utils @ git+{repository_url()}@v{book_version()}"
OFFLINE_STDERR = ("  error: subprocess-exited-with-error\n  × git clone --filter=blob:none --quiet "
                  f"{repository_url()} did not run successfully.\n  fatal: unable to access "
                  f"'{repository_url()}/': Could not resolve host: github.com\n")
OTHER_STDERR = ("ERROR: Could not find a version that satisfies the requirement numpy>=1.24\n"
                "ERROR: No matching distribution found for numpy>=1.24\n")


class FakePip:
    """subprocess.run falso: registra a chamada e, se der certo, "instala" o pacote."""

    def __init__(self, monkeypatch, returncode=0, stderr=""):
        self.calls, self.returncode, self.stderr = [], returncode, stderr
        self.monkeypatch = monkeypatch

    def __call__(self, args, **kwargs):
        self.calls.append(args)
        if self.returncode == 0:  # o pacote passa a ser importável
            self.monkeypatch.delitem(sys.modules, "scaling_utils")
        return subprocess.CompletedProcess(args, self.returncode, "", self.stderr)


@pytest.fixture
def cell(monkeypatch):
    """Monta o cenário (Colab ou não, pacote instalado ou não, pip falso) e roda a célula."""
    state = {"widget_manager": 0, "setup": 0}
    monkeypatch.setattr(scaling_utils.plotting, "setup_notebook",
                        lambda: state.__setitem__("setup", state["setup"] + 1))

    def colab():
        google = types.ModuleType("google")
        colab_pkg = types.ModuleType("google.colab")
        output = types.ModuleType("google.colab.output")
        output.enable_custom_widget_manager = lambda: state.__setitem__(
            "widget_manager", state["widget_manager"] + 1)
        colab_pkg.output, google.colab = output, colab_pkg
        for name, mod in (("google", google), ("google.colab", colab_pkg),
                          ("google.colab.output", output)):
            monkeypatch.setitem(sys.modules, name, mod)

    def not_colab():
        monkeypatch.setitem(sys.modules, "google.colab", None)  # import google.colab falha

    def missing():
        monkeypatch.setitem(sys.modules, "scaling_utils", None)  # import scaling_utils falha

    def pip(returncode=0, stderr=""):
        fake = FakePip(monkeypatch, returncode, stderr)
        monkeypatch.setattr(subprocess, "run", fake)
        return fake

    def not_lite():
        monkeypatch.setitem(sys.modules, "piplite", None)  # import piplite falha

    def lite(fetch_body=None, fetch_error=None, status=200):
        """piplite e pyodide.http falsos, como no kernel Pyodide do JupyterLite."""
        state["installed"], state["fetched"] = [], []
        piplite = types.ModuleType("piplite")

        async def install(reqs):
            state["installed"].append(reqs)
            monkeypatch.delitem(sys.modules, "scaling_utils")  # passa a ser importável

        piplite.install = install
        pyodide = types.ModuleType("pyodide")
        http = types.ModuleType("pyodide.http")

        class Response:
            ok, bytes_ = 200 <= status < 300, fetch_body

            async def bytes(self):
                return fetch_body

        Response.status = status

        async def pyfetch(url):
            state["fetched"].append(url)
            if fetch_error is not None:
                raise fetch_error
            return Response()

        http.pyfetch, pyodide.http = pyfetch, http
        for name, mod in (("piplite", piplite), ("pyodide", pyodide), ("pyodide.http", http)):
            monkeypatch.setitem(sys.modules, name, mod)

    def run():
        # Como o IPython: "await" no nível da célula (só o ramo do JupyterLite o usa).
        code = compile(SOURCE, "<célula de preparação>", "exec",
                       flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        result = eval(code, {"__name__": "__main__"})
        if asyncio.iscoroutine(result):
            asyncio.run(result)

    not_lite()  # por padrão, fora do JupyterLite
    return types.SimpleNamespace(state=state, colab=colab, not_colab=not_colab,
                                 missing=missing, pip=pip, run=run, lite=lite)


def test_template_is_plain_python_and_short():
    ast.parse(SOURCE)  # sem %pip: dá para testar com exec
    assert "%pip" not in SOURCE.replace("%pip install '", "")  # só no texto da mensagem
    assert len(SOURCE.splitlines()) <= 55
    assert max(len(line) for line in SOURCE.splitlines()) <= 100
    assert f'PACOTE = "{SPEC}"' in SOURCE


def test_already_installed_outside_colab(cell, capsys):
    cell.not_colab()
    fake = cell.pip()
    cell.run()
    assert fake.calls == [] and cell.state == {"widget_manager": 0, "setup": 1}
    assert capsys.readouterr().out == f"scaling_utils {scaling_utils.__version__}\n"


def test_already_installed_on_colab_still_enables_the_widget_manager(cell, capsys):
    cell.colab()
    fake = cell.pip()
    cell.run()
    assert fake.calls == [] and cell.state == {"widget_manager": 1, "setup": 1}
    assert capsys.readouterr().out == f"scaling_utils {scaling_utils.__version__}\n"


def test_colab_installs_the_release_tag(cell, capsys):
    cell.colab()
    cell.missing()
    fake = cell.pip()
    cell.run()
    assert fake.calls == [[sys.executable, "-m", "pip", "install", "--quiet", SPEC]]
    assert cell.state == {"widget_manager": 1, "setup": 1}
    assert capsys.readouterr().out == f"scaling_utils {scaling_utils.__version__}\n"


def test_colab_offline_explains_in_portuguese(cell, capsys):
    cell.colab()
    cell.missing()
    cell.pip(returncode=1, stderr=OFFLINE_STDERR)
    with pytest.raises(RuntimeError, match="scaling_utils não foi instalado; veja a mensagem"):
        cell.run()
    out = capsys.readouterr().out
    assert out.startswith("Sem internet: o Colab não conseguiu baixar o pacote do livro.")
    assert "rode esta célula de novo" in out
    assert "fatal" not in out and "error" not in out  # nada do inglês do pip
    assert cell.state["setup"] == 0


def test_colab_other_failure_says_what_to_do_and_shows_pip(cell, capsys):
    cell.colab()
    cell.missing()
    cell.pip(returncode=1, stderr=OTHER_STDERR)
    with pytest.raises(RuntimeError, match="scaling_utils não foi instalado"):
        cell.run()
    out = capsys.readouterr().out
    assert out.startswith("A instalação do pacote do livro falhou. Rode esta célula de novo;")
    assert "Desconectar e excluir ambiente de execução" in out
    assert "Final da saída do pip (em inglês):\n" + OTHER_STDERR in out


def test_outside_colab_without_the_package_does_not_install(cell, capsys):
    """Fora do Colab, nada de instalar às escondidas no Python de quem roda o Jupyter."""
    cell.not_colab()
    cell.missing()
    fake = cell.pip()
    with pytest.raises(RuntimeError, match="scaling_utils não está instalado"):
        cell.run()
    out = capsys.readouterr().out
    assert fake.calls == []
    assert out.startswith("Falta o pacote scaling_utils neste Python.")
    assert "make env" in out and f"%pip install '{SPEC}'" in out


def test_colab_with_ipywidgets_7_already_loaded_asks_for_a_restart(cell, capsys, monkeypatch):
    old = types.ModuleType("ipywidgets")
    old.__version__ = "7.7.1"
    monkeypatch.setitem(sys.modules, "ipywidgets", old)
    cell.colab()
    cell.missing()
    cell.pip()
    with pytest.raises(RuntimeError, match="reinicie a sessão"):
        cell.run()
    assert "Ambiente de execução ▸ Reiniciar sessão" in capsys.readouterr().out
    assert cell.state["setup"] == 0


# --- JupyterLite (Pyodide): a roda do site e os dados pelo fetch do navegador ----------------

@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "scaling_utils" / data.FILENAME


def test_lite_installs_the_site_wheel_and_fetches_the_data(cell, cache, capsys):
    body = b"dados verificados"
    cell.not_colab()
    cell.missing()
    cell.lite(fetch_body=body)
    fake = cell.pip()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(data, "SHA256", hashlib.sha256(body).hexdigest())
        cell.run()
    assert fake.calls == []  # nada de pip num subprocesso no navegador
    assert cell.state["installed"] == [[f"ipywidgets=={ipywidgets_version()}",
                                        f"scaling-utils=={book_version()}"]]
    assert cell.state["fetched"] == [data.URL]
    assert cache.read_bytes() == body  # onde load_chinchilla_runs procura
    assert cell.state["setup"] == 1
    assert capsys.readouterr().out == f"scaling_utils {scaling_utils.__version__}\n"


def test_lite_ipywidgets_pin_matches_the_widget_extension():
    """O ipywidgets que a célula instala é o par do jupyterlab_widgets do site (mesma versão
    do ambiente fixado, onde pip check confere o par)."""
    import importlib.metadata as md

    assert ipywidgets_version() == md.version("ipywidgets")
    assert any(r.startswith("jupyterlab_widgets") for r in md.requires("ipywidgets"))


def test_lite_data_already_cached_is_not_fetched_again(cell, cache, capsys):
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"x")
    cell.not_colab()
    cell.lite(fetch_error=AssertionError("não devia buscar"))
    cell.run()
    assert cell.state["installed"] == [] and cell.state["fetched"] == []  # pacote já havia
    assert capsys.readouterr().out == f"scaling_utils {scaling_utils.__version__}\n"


@pytest.mark.parametrize("problem", ["offline", "http404", "wrong_file"])
def test_lite_without_the_data_explains_in_portuguese_and_goes_on(cell, cache, capsys,
                                                                  problem):
    kwargs = {"offline": {"fetch_error": OSError("TypeError: Failed to fetch")},
              "http404": {"fetch_body": b"", "status": 404},
              "wrong_file": {"fetch_body": b"outro arquivo"}}[problem]
    cell.not_colab()
    cell.missing()
    cell.lite(**kwargs)
    cell.run()
    out = capsys.readouterr().out
    assert out.startswith("Não consegui baixar pelo navegador os dados das execuções do "
                          "Chinchilla (")
    assert "rode esta célula de novo" in out and data.URL in out
    assert {"offline": "Failed to fetch", "http404": "respondeu 404",
            "wrong_file": "SHA-256"}[problem] in out
    assert not cache.exists()
    assert cell.state["setup"] == 1  # o capítulo segue
    assert out.endswith(f"scaling_utils {scaling_utils.__version__}\n")


# --- A etiqueta v<versão> (scripts/publicar.py) --------------------------------------------

def _git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)


@pytest.fixture
def repo(tmp_path):
    """Um repositório mínimo: pyproject.toml, scaling_utils/ e notebooks/."""
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "livro@example.org")
    _git(tmp_path, "config", "user.name", "Livro")
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "1.2.3"\n')
    (tmp_path / "scaling_utils").mkdir()
    (tmp_path / "scaling_utils" / "__init__.py").write_text("x = 1\n")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01.ipynb").write_text("{}")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "livro")
    return tmp_path


def _no_notebook_problems(paths):
    return []


def test_publish_creates_the_tag_once_and_never_moves_it(repo):
    message = publicar.publish(repo, _no_notebook_problems)
    assert "Etiqueta v1.2.3" in message and "git push origin v1.2.3" in message
    tagged = _git(repo, "rev-parse", "v1.2.3^{commit}").stdout
    # Outra publicação sem mudar o pacote: a etiqueta fica onde estava.
    (repo / "README.md").write_text("prosa\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "prosa")
    publicar.publish(repo, _no_notebook_problems)
    assert _git(repo, "rev-parse", "v1.2.3^{commit}").stdout == tagged
    # O pacote mudou sem subir a versão: recusa (e não move a etiqueta).
    (repo / "scaling_utils" / "__init__.py").write_text("x = 2\n")
    _git(repo, "commit", "-q", "-am", "pacote")
    with pytest.raises(SystemExit, match=r"o pacote mudou desde a etiqueta v1\.2\.3"):
        publicar.publish(repo, _no_notebook_problems)
    assert _git(repo, "rev-parse", "v1.2.3^{commit}").stdout == tagged
    # Subindo a versão, etiqueta nova.
    (repo / "pyproject.toml").write_text('[project]\nversion = "1.2.4"\n')
    _git(repo, "commit", "-q", "-am", "versão")
    assert "v1.2.4" in publicar.publish(repo, _no_notebook_problems)
    assert _git(repo, "tag").stdout.split() == ["v1.2.3", "v1.2.4"]


def test_publish_refuses_a_dirty_tree_or_stale_notebooks(repo):
    (repo / "scaling_utils" / "__init__.py").write_text("x = 3\n")
    with pytest.raises(SystemExit, match="mudanças não commitadas"):
        publicar.publish(repo, _no_notebook_problems)
    _git(repo, "commit", "-q", "-am", "pacote")
    with pytest.raises(SystemExit, match=r"01\.ipynb: célula de preparação desatualizada"):
        publicar.publish(repo, lambda paths: [f"{p.name}: célula de preparação desatualizada"
                                              for p in paths])
    assert _git(repo, "tag").stdout == ""


def test_the_book_tag_if_present_has_the_current_package():
    """No repositório do livro: se v<versão> já existe, ela ainda tem o pacote de HEAD
    (senão o Colab instalaria outro código que o dos cadernos)."""
    assert publicar.release_tag() == f"v{book_version()}"
    assert publicar.tag_problems(ROOT) == []
