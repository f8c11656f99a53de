"""Rótulos do sphinx-exercise em pt-BR: "Solução do Exercício 1.1", não "Solução para".

O catálogo português do sphinx-exercise traduz "Solution to" por "Solução para"; aqui um
catálogo nosso responde antes e repassa o resto ao dele.
"""

from __future__ import annotations

import gettext

from sphinx.application import Sphinx
from sphinx.locale import translators

OURS = {"Solution to": "Solução do"}


class _Rotulos(gettext.NullTranslations):
    def gettext(self, message):
        if message in OURS:
            return OURS[message]
        return super().gettext(message)


def _install(app: Sphinx, config) -> None:
    key = ("general", "exercise")  # (namespace, catálogo) em sphinx.locale
    ours = _Rotulos()
    theirs = translators.get(key)
    if theirs is not None:
        ours.add_fallback(theirs)
    translators[key] = ours


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _install)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
