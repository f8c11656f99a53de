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
   não são a da busca: ver ``_templates/layout.html``;
4. o script do pydata-sphinx-theme perde uma única chamada, a de
   ``addTabStopsToScrollableElements``: ela mede toda caixa da página no evento ``load`` e de
   novo a cada mudança no DOM, o que obriga o navegador a montar o layout da página inteira
   (centenas de milissegundos num celular). O ``_assets/livro.js`` faz o mesmo serviço (caixas
   que rolam ficam focáveis pelo teclado) seção por seção, quando cada uma chega perto da tela.
   Se o tema mudar e a chamada não for achada, a construção para com um erro;
5. a grade de cada explorador Vega (a especificação JSON, até 270 KB, 80 KB com gzip no
   capítulo 1) sai do HTML, como o estado dos widgets: vai para
   ``_static/exploradores/<página>-<n>.js``, e o explorador fica em espera
   (``data-pronto="espera"``, que o ``explorador.js`` respeita). O ``_assets/livro.js`` baixa a
   grade quando o explorador se aproxima da tela, põe-na de volta no lugar e chama
   ``LivroVega.draw``. O HTML do capítulo chega antes, e a primeira pintura com ele.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
EXPLORER = '<div class="explorador-vega" '
SPEC = re.compile(r'<script type="application/json" class="explorador-spec">(.*?)</script>', re.S)


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
    if "body" in context:
        context["body"] = _explorer_specs_apart(app, pagename, context["body"])


def _explorer_specs_apart(app, pagename: str, body: str) -> str:
    """As grades dos exploradores em arquivos à parte (ver item 5)."""
    specs = SPEC.findall(body)
    if not specs or len(specs) != body.count(EXPLORER):
        return body
    folder = Path(app.outdir) / "_static" / "exploradores"
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for k, spec in enumerate(specs, 1):
        src = f"_static/exploradores/{pagename.replace('/', '__')}-{k}.js"
        (Path(app.outdir) / src).write_text(
            f"(window.LIVRO_SPECS = window.LIVRO_SPECS || {{}})[{json.dumps(src)}] = "
            f"{json.dumps(spec, ensure_ascii=False)};\n", encoding="utf-8")
        sources.append(src)
    it = iter(sources)
    body = SPEC.sub(lambda m: '<script type="application/json" class="explorador-spec" '
                              f'data-src="{next(it)}"></script>', body)
    return body.replace(EXPLORER, EXPLORER + 'data-pronto="espera" ')


# O fim do pydata-sphinx-theme.js 0.17.1 (minificado): ``"complete"===document.readyState?I():
# window.addEventListener("load",I)``, em que I é addTabStopsToScrollableElements.
TAB_STOPS_CALL = re.compile(
    r'"complete"===document\.readyState\?(\w+)\(\):window\.addEventListener\("load",\1\)')
TAB_STOPS_MARK = "void 0/* livro: sem addTabStopsToScrollableElements (_ext/carga.py) */"


def without_tab_stops(js: str) -> str:
    """O script do tema sem a chamada de addTabStopsToScrollableElements (ver item 4)."""
    if TAB_STOPS_MARK in js:
        return js
    calls = [m for m in TAB_STOPS_CALL.finditer(js)
             if re.search(r"function " + m.group(1) + r"\(\)\{[^}]*scrollWidth", js)]
    if len(calls) != 1:
        raise RuntimeError("_ext/carga.py: a chamada de addTabStopsToScrollableElements não foi "
                           f"achada no pydata-sphinx-theme.js ({len(calls)} candidatas); o tema "
                           "mudou? Atualize TAB_STOPS_CALL.")
    return js[:calls[0].start()] + TAB_STOPS_MARK + js[calls[0].end():]


def _patch_theme_script(app: Sphinx, exception) -> None:
    if exception or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if script.is_file():
        script.write_text(without_tab_stops(script.read_text(encoding="utf-8")),
                          encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _defer_scripts, priority=999)  # depois do myst-nb
    app.connect("build-finished", _patch_theme_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
