"""Executar no navegador (issue 15, parte 2): o JupyterLite dos capítulos (_ext/lite.py).

O que roda aqui: a roda de scaling_utils (instalável, bytes estáveis), o carimbo que evita
reconstruir o JupyterLite sem mudança, ``jupyter lite check`` numa construção com a mesma
configuração, e no site construído a roda, os cadernos, a extensão dos widgets, o idioma e os
botões de cada capítulo (o link resolve no servidor). O Pyodide e o numpy/scipy/matplotlib dele
vêm do CDN do Pyodide quando o leitor abre um caderno: nenhum pacote do índice os traz, então
essa parte não roda aqui (a célula de preparação é testada com módulos falsos em
tests/test_setup_cell.py).
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import json
import re
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import HTML, ROOT, require, toc_files

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "_ext"))
import lite
import roda_lite

LITE = HTML / lite.OUT
CHAPTERS = [f for f in toc_files() if f.startswith("notebooks/")]
WHEEL = roda_lite.wheel_name()
MAX_MB = 30  # com no_sourcemaps ≈ 25 MB (sem, ≈ 70 MB)


@pytest.fixture(scope="module")
def built():
    require((LITE / "index.html").is_file(), "JupyterLite não construído (rode make book)")
    return LITE


# --- A roda -------------------------------------------------------------------------------

def test_wheel_is_reproducible_complete_and_installable(tmp_path):
    a = roda_lite.build(tmp_path / "a")
    b = roda_lite.build(tmp_path / "b")
    assert a.name == WHEEL and a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        names = set(zf.namelist())
        info = f"scaling_utils-{roda_lite.project()['version']}.dist-info"
        meta = zf.read(f"{info}/METADATA").decode()
    modules = {p.relative_to(ROOT).as_posix() for p in roda_lite.package_files()}
    assert "scaling_utils/desafio/mundo.py" in modules and modules <= names
    for dep in roda_lite.project()["dependencies"]:
        assert f"Requires-Dist: {dep}\n" in meta
    # O pip confere o RECORD (hashes) ao instalar.
    target = tmp_path / "alvo"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index",
                    "--target", str(target), str(a)], check=True)
    out = subprocess.run([sys.executable, "-c", "import scaling_utils.navegador as n, "
                          "scaling_utils; print(scaling_utils.__file__)"],
                         cwd=tmp_path, env={"PYTHONPATH": str(target)}, capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith(str(target))


# --- O carimbo: só reconstrói quando as entradas mudam --------------------------------------

def _mini_book(root: Path) -> Path:
    for sub in ("notebooks", "scaling_utils", lite.CONFIG_DIR, "scripts"):
        (root / sub).mkdir(parents=True)
    (root / "notebooks" / "01.ipynb").write_text("{}")
    (root / "scaling_utils" / "__init__.py").write_text("x = 1\n")
    (root / "pyproject.toml").write_text("[project]\n")
    (root / lite.CONFIG_DIR / "jupyter_lite_config.json").write_text("{}")
    shutil.copy(ROOT / "scripts" / "roda_lite.py", root / "scripts")
    return root


@pytest.mark.parametrize("change", ["notebooks/01.ipynb", "scaling_utils/__init__.py",
                                    "pyproject.toml", "jupyterlite/jupyter_lite_config.json"])
def test_stamp_changes_with_every_input(tmp_path, change):
    root = _mini_book(tmp_path)
    before = lite.inputs_digest(root)
    assert lite.inputs_digest(root) == before
    (root / change).write_text((root / change).read_text() + " ")
    assert lite.inputs_digest(root) != before


def test_site_build_is_current(built):
    """O carimbo do site é o das entradas de agora: a construção não ficou para trás."""
    assert (built / lite.STAMP).read_text() == lite.inputs_digest()


# --- A construção e o jupyter lite check ----------------------------------------------------

def test_jupyter_lite_build_and_check(tmp_path):
    """Mesma configuração do site (sem sourcemaps, pt_BR, a roda), numa pasta temporária."""
    wheel = roda_lite.build(tmp_path / "roda")
    contents = tmp_path / "conteudo" / "notebooks"
    contents.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "01-leis-de-potencia.ipynb", contents)
    cfg = ROOT / lite.CONFIG_DIR
    out = tmp_path / "saida"
    proc = subprocess.run(
        [sys.executable, "-m", "jupyter", "lite", "check", "--lite-dir", str(cfg),
         "--config", str(cfg / "jupyter_lite_config.json"),
         "--settings-overrides", str(cfg / "overrides.json"), "--output-dir", str(out),
         "--contents", str(contents.parent), "--piplite-wheels", str(wheel),
         "--apps", "lab"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "check:lite:validate:jupyter-lite.json" in proc.stdout
    assert (out / "files" / "notebooks" / "01-leis-de-potencia.ipynb").is_file()
    assert not list(out.rglob("*.map"))


# --- O JupyterLite do site ------------------------------------------------------------------

def test_site_has_the_wheel_in_the_piplite_index(built):
    wheel = built / "pypi" / WHEEL
    assert wheel.is_file()
    with zipfile.ZipFile(wheel) as zf:
        assert "scaling_utils/navegador.py" in zf.namelist()
    index = json.loads((built / "pypi" / "all.json").read_text())
    release = index["scaling-utils"]["releases"][roda_lite.project()["version"]]
    assert release[0]["filename"] == WHEEL
    assert release[0]["digests"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    # O kernel Pyodide procura pacotes nesse índice antes do PyPI.
    config = json.loads((built / "jupyter-lite.json").read_text())["jupyter-config-data"]
    urls = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert any(u.startswith("./pypi/all.json") for u in urls["pipliteUrls"])


def test_site_has_every_chapter_notebook_unchanged(built):
    repo = sorted((ROOT / "notebooks").glob("*.ipynb"))
    assert repo
    for nb in repo:
        copy = built / "files" / "notebooks" / nb.name
        assert copy.read_bytes() == nb.read_bytes(), nb.name


def test_site_has_the_widget_extension_matching_ipywidgets(built):
    pkg = built / "extensions" / "@jupyter-widgets" / "jupyterlab-manager" / "package.json"
    assert pkg.is_file()
    ext = json.loads(pkg.read_text())["version"]
    # jupyterlab_widgets 3.0.x traz a extensão 5.0.x; o ipywidgets fixado pede esse par.
    assert md.version("jupyterlab_widgets").startswith("3.0.") and ext.startswith("5.0.")
    assert any(re.match(r"jupyterlab[_-]widgets\s*~=\s*3\.0", r)
               for r in md.requires("ipywidgets"))
    config = json.loads((built / "jupyter-lite.json").read_text())
    federated = config["jupyter-config-data"]["federated_extensions"]
    assert "@jupyter-widgets/jupyterlab-manager" in {e["name"] for e in federated}


def test_site_lite_is_portuguese_small_and_without_sourcemaps(built):
    assert (built / "api" / "translations" / "pt_BR.json").is_file()
    overrides = json.loads((built / "overrides.json").read_text())  # idioma padrão
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "pt_BR"
    assert not list(built.rglob("*.map"))
    size = sum(p.stat().st_size for p in built.rglob("*") if p.is_file())
    assert size <= MAX_MB * 2**20, f"{size / 2**20:.1f} MB"


def test_pages_carry_no_jupyterlite_sphinx_assets(built):
    for page in toc_files():
        html = (HTML / f"{page}.html").read_text(encoding="utf-8")
        assert "googleapis" not in html and "jupyterlite_sphinx" not in html, page


def _lite_link(page: str) -> str:
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*lite/lab/index\.html\?path=[^"]*)"[^>]*\n?\s*'
                       r'class="[^"]*"\s*title="([^"]*)"', html)
    assert len(links) == 1, (page, links)
    href, title = links[0]
    assert "navegador" in title and "Launch" not in html.split(href, 1)[1][:600]
    return href


def test_every_chapter_has_a_launch_link_that_resolves(built, server):
    assert CHAPTERS
    for page in CHAPTERS:
        href = _lite_link(page)
        url = urllib.request.urljoin(f"{server}/{page}.html", href)
        with urllib.request.urlopen(url) as r:  # a página do JupyterLab do site
            assert r.status == 200 and b"jupyter-config-data" in r.read()
        path = href.split("?path=", 1)[1]
        assert path == f"{page}.ipynb"
        with urllib.request.urlopen(urllib.request.urljoin(url, f"../files/{path}")) as r:
            assert json.loads(r.read())["nbformat"] == 4


def test_prose_pages_have_no_launch_link():
    for page in toc_files():
        if page not in CHAPTERS:
            assert "lite/lab/index.html" not in (HTML / f"{page}.html").read_text(), page
