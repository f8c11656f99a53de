"""Interface do tema em português e ativos locais (MathJax, widgets) — ou das CDNs, sem npm.

1. O catálogo ``pt`` do sphinx-book-theme é incompleto e é registrado antes do nosso; aqui o
   catálogo do projeto (``locales/pt_BR/LC_MESSAGES/booktheme.po``) é compilado com o Babel e
   posto na frente.
2. Sem ``_vendor/`` (máquina sem npm), o livro usa MathJax e os scripts dos widgets das CDNs
   e avisa que o site não funcionará offline. Os testes sempre usam as cópias locais.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import translators
from sphinx.util import logging

logger = logging.getLogger(__name__)

MATHJAX_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3.2.2/es5/tex-mml-chtml.js"
WIDGETS_CDN = {
    "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.7/require.min.js": {},
    "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed-amd.js": {
        "data-jupyter-widgets-cdn": "https://cdn.jsdelivr.net/npm/",
    },
}


def _compile_catalog(po: Path) -> Path:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale="pt_BR")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
    return mo


def _put_project_catalog_first(app: Sphinx, config) -> None:
    import gettext

    po = Path(app.confdir) / "locales" / "pt_BR" / "LC_MESSAGES" / "booktheme.po"
    mo = _compile_catalog(po)
    with mo.open("rb") as fh:
        ours = gettext.GNUTranslations(fh)
    key = ("general", "booktheme")  # (namespace, catálogo) em sphinx.locale
    theirs = translators.get(key)
    if theirs is not None and theirs is not ours:
        ours.add_fallback(theirs)
    translators[key] = ours


def _use_cdn_without_vendor(app: Sphinx, config) -> None:
    vendor = Path(app.confdir) / "_vendor"
    if (vendor / "mathjax" / "tex-mml-chtml.js").is_file():
        return
    config.mathjax_path = MATHJAX_CDN
    config.nb_ipywidgets_js = WIDGETS_CDN
    config.html_static_path = [p for p in config.html_static_path if p != "_vendor"]
    logger.info(
        "pt_br_ui: _vendor/ ausente (npm não disponível?): MathJax e widgets virão das CDNs; "
        "o site não funcionará offline."
    )


def _on_builder_inited(app: Sphinx) -> None:
    _put_project_catalog_first(app, app.config)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _use_cdn_without_vendor, priority=100)
    app.connect("builder-inited", _on_builder_inited, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
