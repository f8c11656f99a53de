"""Exploradores vivos no site (Vega-Lite, sem kernel e sem rede), um módulo por tópico.

A matemática fica na biblioteca: cada explorador calcula, quando o caderno executa, as curvas de
todas as posições dos seus controles (``_base.grid``); o navegador só escolhe entre elas. Os
*widgets* (``scaling_utils.widgets``) continuam nos cadernos, para quem tem um kernel.

Importações num só sentido: cadernos → ``explorers`` → módulos de ciência → ``_check``/``fmt``.
"""

from importlib import import_module

_FUNCTIONS = {
    "lei_de_potencia": "potencia", "ajuste": "potencia",
    "orcamento_kaplan": "orcamento", "orcamento_chinchilla": "orcamento",
    "isoflop": "replicacao", "miragem": "paradoxo", "inferencia": "recentes", "epocas": "recentes",
    "varredura": "laboratorio", "fronteira": "desafio",
}

__all__ = list(_FUNCTIONS)


def __getattr__(name):
    if name in _FUNCTIONS:
        return getattr(import_module(f"{__name__}.{_FUNCTIONS[name]}"), name)
    raise AttributeError(f"o módulo scaling_utils.explorers não tem o atributo {name!r}")
