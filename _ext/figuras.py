"""Figuras dos cadernos no tamanho certo, nítidas e legíveis em qualquer tela.

``scaling_utils.plotting.png_bytes`` grava os PNGs com o dobro da resolução (telas HiDPI) e
anota no próprio arquivo o tamanho do seu menor texto. Aqui cada ``<img>`` dessas figuras
ganha a largura natural em px de CSS (``width``), o atributo ``data-menor-texto`` (lido pelos
testes) e uma largura mínima: numa tela estreita a figura não encolhe a ponto de o texto
ficar com menos de 11 px; ela rola para o lado dentro da sua caixa (``_assets/livro.css``).
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx


def _layout(path: Path) -> dict:
    from scaling_utils.plotting import png_layout

    return png_layout(path.read_bytes()) if path.suffix == ".png" and path.is_file() else {}


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
        attrs = (f' width="{size["width"]}" data-menor-texto="{size["smallest_px"]:.1f}"'
                 f' style="min-width: {size["min_width"]}px; height: auto"')
        pattern = re.compile(r'(<img\b[^>]*\bsrc="[^"]*_images/' + re.escape(target) + r'")')
        body = pattern.sub(lambda m, extra=attrs: m.group(1) + extra, body)
    context["body"] = body


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", _annotate)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
