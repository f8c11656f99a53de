"""Sem Thebe: o Jupyter Book 1 sempre carrega o sphinx-thebe, mesmo com
``launch_buttons.thebe: false``, e cada página levava o seu script (duas vezes, com erro de
console), o CSS e a configuração. O Thebe precisa de CDN (offline fica em "Loading thebe
from CDN..." para sempre) e não funciona com ipywidgets; quem quer executar usa Binder, Colab
ou o próprio computador. Aqui tiramos os ouvintes do sphinx-thebe e os seus arquivos.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def _is_thebe(listener) -> bool:
    return getattr(listener.handler, "__module__", "").startswith("sphinx_thebe")


def _drop_listeners(app: Sphinx, config) -> None:
    for event, listeners in app.events.listeners.items():
        app.events.listeners[event] = [lst for lst in listeners if not _is_thebe(lst)]


def _drop_assets(app, pagename, templatename, context, doctree) -> None:
    for key in ("script_files", "css_files"):
        files = context.get(key)
        if files:
            context[key] = [f for f in files if "thebe" not in str(getattr(f, "filename", f))]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _drop_listeners, priority=900)
    app.connect("html-page-context", _drop_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
