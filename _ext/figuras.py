"""Figuras dos cadernos no tamanho certo, nítidas e legíveis em qualquer tela.

``scaling_utils.plotting.png_bytes`` grava os PNGs com o dobro da resolução (telas HiDPI) e
anota no próprio arquivo o tamanho do seu menor texto. Aqui cada ``<img>`` dessas figuras
ganha a largura natural em px de CSS (``width``), o atributo ``data-menor-texto`` (lido pelos
testes) e uma largura mínima: numa tela estreita a figura não encolhe a ponto de o texto
ficar com menos de 11 px; ela rola para o lado dentro da sua caixa (``_assets/livro.css``).

Peso e estabilidade da página: cada figura também ganha ``height`` (o navegador reserva o espaço
antes de a imagem chegar: nada pula) e ``decoding="async"``; as que ficam abaixo da primeira
tela ganham ``loading="lazy"`` e só são baixadas quando o leitor se aproxima delas.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

#: Texto (caracteres) antes de uma figura que ainda cabe na primeira tela de um celular: uma
#: figura com menos texto que isso antes dela pode ser o maior elemento da primeira tela (LCP)
#: e é baixada logo; as demais esperam o leitor chegar perto (loading="lazy").
FIRST_SCREEN_CHARS = 600
TAGS = re.compile(r"<[^>]+>")


def _layout(path: Path) -> dict:
    from PIL import Image

    from scaling_utils.plotting import png_layout

    if path.suffix != ".png" or not path.is_file():
        return {}
    layout = png_layout(path.read_bytes())
    if layout:
        with Image.open(path) as image:
            layout["height"] = round(image.height * layout["width"] / image.width)
    return layout


def _text_before(body: str, pos: int) -> int:
    return len(" ".join(TAGS.sub(" ", body[:pos]).split()))


def _lazy(body: str) -> str:
    """``decoding="async"`` em toda figura de ``_images/``; ``loading="lazy"`` nas que estão
    longe do topo (as primeiras, perto do título, carregam logo)."""
    def add(m):
        tag = m.group(0)
        extra = ' decoding="async"'
        if _text_before(body, m.start()) >= FIRST_SCREEN_CHARS:
            extra += ' loading="lazy"'
        return tag[:4] + extra + tag[4:]

    return re.sub(r'<img\b(?![^>]*\bloading=)[^>]*\bsrc="[^"]*_images/[^"]*"[^>]*>', add, body)


def _annotate(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if doctree is None or "body" not in context:
        return
    body = context["body"]
    for image in doctree.findall(nodes.image):
        # Na escrita, o "uri" já aponta para _images/; o caminho original fica em candidates.
        source = image.get("candidates", {}).get("*", "")
        target = app.builder.images.get(source)
        if not target:
            continue
        size = _layout(Path(app.srcdir) / source)
        if not size:
            continue
        attrs = (f' width="{size["width"]}" height="{size["height"]}"'
                 f' data-menor-texto="{size["smallest_px"]:.1f}"'
                 f' style="min-width: {size["min_width"]}px; height: auto"')
        pattern = re.compile(r'(<img\b[^>]*\bsrc="[^"]*_images/' + re.escape(target) + r'")')
        body = pattern.sub(lambda m, extra=attrs: m.group(1) + extra, body)
    context["body"] = _lazy(body)


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _annotate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
