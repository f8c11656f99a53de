"""Executar no navegador: o JupyterLite dos capítulos (jupyterlite-sphinx), em ``_build/html/lite``.

- Os cadernos de ``notebooks/`` vão para o JupyterLite, e ``scaling_utils`` vai como roda
  (scripts/roda_lite.py), que a célula de preparação instala com o piplite.
- Cada capítulo ganha o botão "No navegador (JupyterLite)" no menu de foguete
  (``launch_buttons.jupyterlite_url`` do sphinx-book-theme). O ``_config.yml`` dá o caminho a
  partir da raiz do site; aqui ele vira um link relativo a cada página, que funciona em qualquer
  pasta de publicação (``/`` no make serve, ``/<repositório>/`` no GitHub Pages).
- O jupyterlite-sphinx reconstrói o JupyterLite a cada construção (≈ 10 s, fora do cache do
  Sphinx). Aqui ele só roda quando as entradas mudam: um carimbo com o SHA-256 dos cadernos, do
  pacote, da configuração e das versões instaladas fica em ``lite/.entradas``.
- Só o site principal: a versão da turma (LIVRO_TURMA=1) e o PDF não levam o JupyterLite (os
  cadernos trazem as soluções).
- O jupyterlite-sphinx põe em toda página um CSS do Google Fonts e o CSS/JS das suas diretivas,
  que o livro não usa: saem (o site funciona offline e cada página tem orçamento de peso).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
OUT = "lite"  # jupyterlite_sphinx.JUPYTERLITE_DIR
STAMP = ".entradas"
CONFIG_DIR = "jupyterlite"  # jupyter_lite_config.json (no_sourcemaps) e overrides.json (pt_BR)
WHEELS = Path("_build") / "lite-roda"
CONTENT = Path("_build") / "lite-conteudo"  # área de montagem do jupyterlite-sphinx
VERSIONS = ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlite-sphinx",
            "jupyterlab_widgets", "jupyterlab-language-pack-pt-BR")
TOOLTIP = "Abrir no navegador, com o JupyterLite (Python no próprio navegador, sem servidor)"
TEXT = "No navegador (JupyterLite)"


def main_site(app: Sphinx) -> bool:
    return app.builder.name == "html" and os.environ.get("LIVRO_TURMA") != "1"


def inputs_digest(root: Path = ROOT) -> str:
    """SHA-256 de tudo o que muda o JupyterLite construído."""
    sys.path.insert(0, str(root / "scripts"))
    import roda_lite

    h = hashlib.sha256()
    files = [*sorted((root / "notebooks").glob("*.ipynb")), *roda_lite.package_files(root),
             root / "pyproject.toml", *sorted((root / CONFIG_DIR).glob("*.json")),
             root / "scripts" / "roda_lite.py"]
    for path in files:
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    h.update(Path(__file__).read_bytes())  # esta extensão
    for name in VERSIONS:
        h.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
    return h.hexdigest()


def _configure(app: Sphinx, config) -> None:
    # Tira o construtor do jupyterlite-sphinx (roda sempre); o nosso, abaixo, usa o carimbo.
    for event, listeners in app.events.listeners.items():
        app.events.listeners[event] = [
            lst for lst in listeners
            if getattr(lst.handler, "__name__", "") != "jupyterlite_build"]
    config.jupyterlite_contents = None  # os cadernos: copiados em _build, abaixo
    config.jupyterlite_dir = str(ROOT / CONFIG_DIR)
    config.jupyterlite_config = str(ROOT / CONFIG_DIR / "jupyter_lite_config.json")
    config.jupyterlite_overrides = f"{CONFIG_DIR}/overrides.json"
    config.jupyterlite_content_dir = str(CONTENT)
    config.jupyterlite_bind_ipynb_suffix = False


def _build(app: Sphinx, error) -> None:
    if error is not None or not main_site(app):
        return
    import jupyterlite_sphinx.jupyterlite_sphinx as jls
    import roda_lite

    out = Path(app.outdir) / OUT
    digest = inputs_digest()
    stamp = out / STAMP
    if stamp.is_file() and stamp.read_text() == digest:
        LOGGER.info("JupyterLite em dia (entradas sem mudança): %s", out)
        return
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(ROOT / WHEELS, ignore_errors=True)
    wheel = roda_lite.build(ROOT / WHEELS)
    app.config.jupyterlite_build_command_options = {"piplite-wheels": str(wheel)}
    # Os cadernos em lite/…/notebooks/, o mesmo caminho do repositório (o do botão).
    staged = ROOT / CONTENT / "notebooks"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir(parents=True)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy2(nb, staged / nb.name)
    jls.jupyterlite_build(app, None)
    stamp.write_text(digest)


def _launch_url(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Antes do sphinx-book-theme: o caminho da raiz do site vira relativo a esta página."""
    buttons = app.config.html_theme_options.get("launch_buttons", {})
    root_path = buttons.setdefault("_jupyterlite_from_root", buttons.get("jupyterlite_url", ""))
    if not root_path:
        return
    if not main_site(app):
        buttons["jupyterlite_url"] = ""
        return
    depth = pagename.count("/")
    buttons["jupyterlite_url"] = "../" * depth + root_path.lstrip("/")


def _translate_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Depois do sphinx-book-theme: o botão em português (o tema o escreve em inglês)."""
    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                if item.get("text") == "JupyterLite":
                    item["text"], item["tooltip"] = TEXT, TOOLTIP
                walk(item.get("buttons"))

    walk(context.get("header_buttons"))


def setup(app: Sphinx) -> dict:
    sys.path.insert(0, str(ROOT / "scripts"))
    app.setup_extension("jupyterlite_sphinx")
    # O livro não usa as diretivas do jupyterlite-sphinx: nada dele em cada página.
    registry = app.registry
    registry.css_files = [(f, kw) for f, kw in registry.css_files
                          if "googleapis" not in f and "jupyterlite_sphinx" not in f]
    registry.js_files = [(f, kw) for f, kw in registry.js_files
                         if "jupyterlite_sphinx" not in str(f)]
    app.connect("config-inited", _configure, priority=400)  # antes do jupyterlite-sphinx
    app.connect("build-finished", _build)
    app.connect("html-page-context", _launch_url, priority=400)
    app.connect("html-page-context", _translate_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
