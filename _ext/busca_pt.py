"""Busca em português sem acentos: "potencia" acha "potência".

O índice da busca do Sphinx guarda as palavras reduzidas pelo radicalizador (stemmer) do
português; aqui os acentos saem *antes* da redução, no índice (Python) e na consulta
(JavaScript, ``_assets/livro.js`` envolve o ``Stemmer`` com a mesma regra). Remover antes de
reduzir dá o mesmo radical às duas grafias; remover depois não ("potênc" × "potenc").
"""

from __future__ import annotations

import unicodedata

from sphinx.application import Sphinx
from sphinx.search import languages
from sphinx.search.pt import SearchPortuguese


def sem_acentos(word: str) -> str:
    """``"Potência"`` → ``"Potencia"``: tira as marcas combinantes (NFD), mantém o resto."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class SearchPortugueseSemAcentos(SearchPortuguese):
    def stem(self, word: str) -> str:
        return super().stem(sem_acentos(word.lower()))


def setup(app: Sphinx) -> dict:
    languages["pt"] = SearchPortugueseSemAcentos
    return {"parallel_read_safe": True, "parallel_write_safe": True}
