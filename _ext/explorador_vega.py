"""Exploradores vivos (scaling_utils/explorers): diz ao ``explorador.js`` de onde carregar o Vega.

Cada explorador chega no HTML do caderno (a especificação Vega-Lite com a grade e um pequeno
script). Aqui só pomos no ``<head>`` a lista ``window.LIVRO_VEGA``: as cópias de ``_vendor/vega``
(scripts/vendor_assets.sh), relativas à raiz do site, baixadas só quando um explorador se
aproxima da tela. Sem ``_vendor/`` (máquina sem npm), o script usa as CDNs fixadas no pacote.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

VEGA_LOCAL = ["_static/vega/vega.min.js", "_static/vega/vega-lite.min.js",
              "_static/vega/vega-embed.min.js"]


def _on_builder_inited(app: Sphinx) -> None:
    if (Path(app.confdir) / "_vendor" / "vega" / "vega-embed.min.js").is_file():
        app.add_js_file(None, body=f"window.LIVRO_VEGA = {json.dumps(VEGA_LOCAL)};")


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
