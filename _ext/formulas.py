"""Fórmulas compostas na construção (KaTeX), prontas na primeira pintura.

O sphinxcontrib-katex, com ``katex_prerender: true``, passa cada fórmula ao KaTeX rodando no
node durante a construção: o HTML já sai com a fórmula composta (HTML + MathML para leitores de
tela) e o leitor não baixa nenhum JavaScript de matemática. Aqui:

1. o node usa o KaTeX do npm (``node_modules/katex``, versão fixada em package-lock.json), o
   mesmo cujos CSS e fontes ``scripts/vendor_assets.sh`` copia para ``_vendor/katex/``;
2. as macros do livro (``livro_katex_macros`` no ``_config.yml``) valem na composição: o
   sphinxcontrib-katex não repassa ``katex_options`` ao node, só o dicionário
   ``KATEX_DEFAULT_OPTIONS``, que completamos aqui;
3. uma fórmula que o KaTeX não entende vira um aviso da construção (``-W``: falha), com o
   TeX e o erro; o KaTeX, sozinho (``throwOnError: false``), só a pintaria de vermelho;
4. o servidor do KaTeX (um processo node) cria o socket antes de escutar nele; numa máquina
   ocupada a primeira conexão pode ser recusada e derrubar a construção. Aqui ela é tentada
   de novo até o prazo de partida do sphinxcontrib-katex;
5. sem npm (sem ``node_modules/katex``), a composição usa o KaTeX embutido no
   sphinxcontrib-katex e o CSS vem da CDN, com um aviso: o site então não funciona offline.
"""

from __future__ import annotations

import shutil
import socket
import time
from pathlib import Path
from subprocess import PIPE, Popen

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

KATEX_NPM = Path("node_modules") / "katex" / "dist" / "katex.min.js"
KATEX_CSS_CDN = "https://cdn.jsdelivr.net/npm/katex@0.16.47/dist/katex.min.css"


def _configure(app: Sphinx, config) -> None:
    import sphinxcontrib.katex as katex_ext

    if not shutil.which(katex_ext.NODEJS_BINARY):
        raise RuntimeError("formulas: o node é necessário para compor as fórmulas (KaTeX) na "
                           "construção; instale o Node.js (ver README).")
    npm_copy = Path(app.confdir) / KATEX_NPM
    if npm_copy.is_file():
        config.katex_js_path = str(npm_copy)
    else:
        config.katex_css_path = KATEX_CSS_CDN
        logger.info("formulas: node_modules/katex ausente (npm não disponível?): o CSS e as "
                    "fontes do KaTeX virão da CDN; o site não funcionará offline.")
    katex_ext.STARTUP_TIMEOUT = max(katex_ext.STARTUP_TIMEOUT, 30.0)  # máquina ocupada
    katex_ext.KATEX_DEFAULT_OPTIONS.update({
        "macros": dict(config.livro_katex_macros or {}),
        "output": "htmlAndMathml",  # MathML para leitores de tela
    })
    if not getattr(katex_ext.render_latex, "livro", False):
        katex_ext.render_latex = _strict(katex_ext.render_latex, katex_ext.KaTeXError)
        katex_ext.KaTeXServer.start_server_process = classmethod(_start_server_process)


def _start_server_process(cls, rundir, timeout):
    """``KaTeXServer.start_server_process`` do sphinxcontrib-katex 0.9.11, com novas tentativas
    de conexão enquanto o node ainda não escuta no socket."""
    socket_path = rundir / "katex.sock"
    process = Popen(cls.build_command(socket=socket_path), stdin=PIPE, stdout=PIPE, cwd=rundir)
    deadline = time.monotonic() + timeout
    while True:
        if socket_path.is_socket():
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.connect(str(socket_path))
                return process, sock
            except (ConnectionRefusedError, FileNotFoundError):
                sock.close()
        if time.monotonic() > deadline:
            process.kill()
            raise cls.timeout_error(timeout)
        time.sleep(0.01)


def _strict(render_latex, error):
    """Compõe com ``throwOnError``: um erro vira aviso (e a fórmula sai em vermelho)."""
    def render(latex, options=None):
        try:
            return render_latex(latex, {**(options or {}), "throwOnError": True})
        except error as exc:
            logger.warning("formulas: o KaTeX não compôs %r: %s", latex, exc,
                           type="livro", subtype="katex")
            return render_latex(latex, {**(options or {}), "throwOnError": False})

    render.livro = True
    return render


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinxcontrib.katex")
    app.add_config_value("livro_katex_macros", {}, "html")
    app.connect("config-inited", _configure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
