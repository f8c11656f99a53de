"""Primeira pintura rápida: nenhum script bloqueia o texto.

O Sphinx, os temas e as extensões põem no ``<head>`` uns doze ``<script src>`` síncronos; num
celular em 4G cada um segura a primeira pintura por uma ida e volta à rede. Aqui:

1. todo script com arquivo ganha ``defer``: é baixado em paralelo e roda, na mesma ordem, depois
   que o HTML foi lido (antes do ``DOMContentLoaded``, que é quando todos eles agem). Os
   scripts embutidos (configurações de uma linha) não dependem dos demais e ficam como estão.
   A página da busca fica como é: o tema carrega ali o ``searchindex.js`` síncrono, que precisa
   do ``searchtools.js`` já executado;
2. o estado dos widgets (``application/vnd.jupyter.widget-state+json``, 100–150 KB com os
   PNGs iniciais), que o myst-nb põe no ``<head>``, sai do HTML: vai para
   ``_static/estado-widgets/<página>.js`` e só é baixado com os scripts dos widgets, quando um
   widget se aproxima da tela (``_assets/livro.js`` o põe de volta no documento antes de
   carregar o ``embed-amd.js``, que o procura ao iniciar). Um arquivo ``.js`` (e não ``.json``
   com ``fetch``) para funcionar também aberto direto do disco (``file://``);
3. a busca embutida do pydata (``searchtools.js``, ``searchindex.js``) sai das páginas que
   não são a da busca: ver ``_templates/layout.html``.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _defer_scripts(app, pagename, templatename, context, doctree) -> None:
    files = context.get("script_files")
    if not files or pagename == "search":
        return
    scripts, states = [], []
    for js in files:
        if not isinstance(js, _JavaScript):
            scripts.append(js)
            continue
        attrs = dict(js.attributes)
        if attrs.get("type") == WIDGET_STATE:
            states.append(attrs.get("body", ""))
            continue
        if js.filename and not {"defer", "async"} & attrs.keys():
            js = _JavaScript(js.filename, priority=js.priority, **attrs, defer="defer")
        scripts.append(js)
    context["script_files"] = scripts
    if states and "body" in context:
        name = pagename.replace("/", "__") + ".js"
        out = Path(app.outdir) / "_static" / "estado-widgets" / name
        out.parent.mkdir(parents=True, exist_ok=True)
        merged = [json.loads(s) for s in states]
        out.write_text("window.LIVRO_ESTADO_WIDGETS = " + json.dumps(merged) + ";\n",
                       encoding="utf-8")
        url = json.dumps(f"_static/estado-widgets/{name}")
        context["body"] += f"<script>window.LIVRO_ESTADO_URL = {url};</script>"


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _defer_scripts, priority=999)  # depois do myst-nb
    return {"parallel_read_safe": True, "parallel_write_safe": True}
