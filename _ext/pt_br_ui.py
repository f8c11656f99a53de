"""Interface do tema em português e ativos do site (widgets, _assets/).

1. O catálogo ``pt`` do sphinx-book-theme é incompleto e é registrado antes do nosso; aqui o
   catálogo do projeto (``locales/pt_BR/LC_MESSAGES/booktheme.po``) é compilado com o Babel e
   posto na frente.
2. Os scripts dos widgets são carregados sob demanda (``_assets/livro.js``), a partir de
   ``window.LIVRO_WIDGETS``. Sem ``_vendor/`` (máquina sem npm), os widgets vêm das
   CDNs, com um aviso de que o site não funcionará offline. Os testes usam as cópias locais.
3. Numa construção incremental, as cópias desatualizadas de ``_assets/`` são renovadas.
4. O sphinx-copybutton não tem mensagens em português (cai no inglês com lang="pt-BR"):
   acrescentamos a entrada ``pt-BR`` ao seu script no fim da construção.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import translators
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Scripts dos widgets, na ordem de carga: locais (relativos à raiz do site) ou das CDNs.
WIDGETS_LOCAL = ["_static/widgets/require.js", "_static/widgets/embed-amd.js"]
WIDGETS_CDN = ["https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.7/require.min.js",
               "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.6/dist/embed-amd.js"]


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
    app.livro_widgets = WIDGETS_LOCAL
    vendor = Path(app.confdir) / "_vendor"
    if (vendor / "widgets" / "embed-amd.js").is_file():
        return
    app.livro_widgets = WIDGETS_CDN
    config.html_static_path = [p for p in config.html_static_path if p != "_vendor"]
    logger.info(
        "pt_br_ui: _vendor/ ausente (npm não disponível?): os widgets virão das CDNs; "
        "o site não funcionará offline."
    )


def _refresh_assets(app: Sphinx, config=None) -> None:
    """Numa construção incremental sem documento alterado, o Sphinx 7.4 nem copia os arquivos
    estáticos; e, quando copia, não sobrescreve os que já existem. Então uma mudança em
    _assets/ não chegaria ao site: aqui copiamos por cima as cópias desatualizadas."""
    import filecmp
    import shutil

    src = Path(app.confdir) / "_assets"
    out = Path(app.outdir) / "_static"
    for path in src.glob("*"):
        copy = out / path.name
        if copy.is_file() and not filecmp.cmp(path, copy, shallow=False):
            shutil.copyfile(path, copy)


def _on_builder_inited(app: Sphinx) -> None:
    import json

    _put_project_catalog_first(app, app.config)
    # Configuração do carregador sob demanda dos widgets (_assets/livro.js).
    app.add_js_file(None, body=f"window.LIVRO_WIDGETS = {json.dumps(app.livro_widgets)};")


COPYBUTTON_PT = """  'pt-BR': {
    'copy': 'Copiar',
    'copy_to_clipboard': 'Copiar para a área de transferência',
    'copy_success': 'Copiado!',
    'copy_failure': 'Não foi possível copiar',
  },
"""


def _copybutton_in_portuguese(app: Sphinx, exception) -> None:
    script = Path(app.outdir) / "_static" / "copybutton.js"
    if exception is not None or not script.is_file():
        return
    text = script.read_text(encoding="utf-8")
    anchor = "const messages = {\n"
    if "'pt-BR'" in text:
        return
    if anchor not in text:  # outra versão do sphinx-copybutton: falhar é melhor que inglês
        raise RuntimeError("pt_br_ui: copybutton.js mudou; atualize _copybutton_in_portuguese")
    script.write_text(text.replace(anchor, anchor + COPYBUTTON_PT, 1), encoding="utf-8")


ISSUE_TEXT = {
    "Issue%20on%20page%20": "Problema%20na%20p%C3%A1gina%20",
    "Your%20issue%20content%20here.": "Descreva%20o%20problema%20aqui.",
}


def _translate_issue_link(node) -> None:
    """O botão "Relatar um problema" (uma issue do GitHub) vem com título e texto em inglês."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                for en, pt in ISSUE_TEXT.items():
                    value = value.replace(en, pt)
                node[key] = value
            else:
                _translate_issue_link(value)
    elif isinstance(node, list):
        for item in node:
            _translate_issue_link(item)


def _on_page_context(app, pagename, templatename, context, doctree) -> None:
    _translate_issue_link(context.get("header_buttons", []))


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _on_page_context, priority=900)  # depois dos botões
    app.connect("config-inited", _use_cdn_without_vendor, priority=100)
    app.connect("config-inited", _refresh_assets)
    app.connect("builder-inited", _on_builder_inited, priority=900)
    app.connect("build-finished", _copybutton_in_portuguese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
