"""O que todas as figuras têm em comum: o estilo de linhas e pontos (sobre ``plotting.style``)
e um só nome para cada conjunto de parâmetros publicado."""

from __future__ import annotations

from ..plotting import style


def _line(i: int, **extra) -> dict:
    """Estilo de uma curva (sem marcadores)."""
    return {**style(i), "marker": None, **extra}


def _points(i: int, **extra) -> dict:
    """Estilo de pontos (sem linha)."""
    return {**style(i), "linestyle": "none", **extra}


def _params_name(params) -> str:
    from .. import chinchilla as ch

    names = {id(ch.HOFFMANN_2022): "2022, valores publicados",
             id(ch.HOFFMANN_2022_FULL): "2022, fonte TeX",
             id(ch.BESIROGLU_2024): "reajuste de 2024"}
    return names.get(id(params), "parâmetros dados")
