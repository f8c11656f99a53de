"""Capítulo 1: a lei de potência (c, k, E) e o ajuste log-log sobre medidas ruidosas."""

from __future__ import annotations

import numpy as np

from .. import fmt
from ..figures import fit_demo_alt, power_law_panels_alt
from ..powerlaw import fit_loglog, power_law, sample_power_law
from ._base import Explorer, bindings, current, grid, headline, log_axis, series, slider

__all__ = ["ajuste", "fit_state", "lei_de_potencia", "power_law_state"]

# x da figura: 19 pontos de 1 a 1.000 em escala log, com três algarismos (JSON curto).
X_CURVE = tuple(float(f"{v:.3g}") for v in np.geomspace(1.0, 1e3, 19))
WIDTH, HEIGHT = 300, 220


def power_law_state(c: float, k: float, E: float) -> dict:
    """O que a figura mostra numa posição: y = E + c·x^k nos x da figura e os textos."""
    x = np.array(X_CURVE)
    y = E + power_law(x, c, k)
    law = (f"y = {fmt.num(c, 1)}·xᵏ" + (f" + {fmt.num(E, 2)}" if E else "")
           + f", com k = {fmt.num(k, 2)}")
    at_end = fmt.plain(float(y[-1]), 3)  # algarismos significativos: 4 casas fixas dariam 0,0000
    return {"y": y, "piso": [E, E] if E else [], "xp": [X_CURVE[0], X_CURVE[-1]] if E
            else [], "resumo": f"{law}; em x = 1.000, y = {at_end}"}


def lei_de_potencia(c: float = 1.0, k: float = -0.5, E: float = 0.0) -> Explorer:
    """y = E + c·x^k em eixos lineares e log-log; controles c, k (inclinação) e o piso E."""
    import altair as alt

    controls = (slider("c", "c (escala)", 0.5, 5.0, 0.5, c, 1),
                slider("k", "k (inclinação)", -2.0, 0.0, 0.1, k, 2),
                slider("E", "E (piso)", 0.0, 1.0, 0.25, E, 2))
    rows = grid(controls, power_law_state)
    style = (["y", "piso E"], [0, 1], [0, 1])

    def panel(title: str, log: bool, name: str):
        x_axis = (alt.X("x:Q", scale=alt.Scale(type="log"), axis=alt.Axis(
            **log_axis("x (escala log)", 1, 1e3))) if log else alt.X("x:Q", title="x"))
        y_scale = alt.Scale(type="log") if log else alt.Scale(zero=True)
        y_axis = (alt.Axis(**log_axis("y (escala log)", 1e-6, 1e6)) if log
                  else alt.Axis(title="y", format="~g"))
        curve = series(current(controls, "y", axis="x").mark_line(interpolate="monotone").encode(
            x=x_axis, y=alt.Y("y:Q", scale=y_scale, axis=y_axis)), "y", *style, mark=name)
        floor = series(current(controls, "xp", "piso").mark_line(strokeWidth=1.2).encode(
            x="xp:Q", y="piso:Q"), "piso E", *style, mark=name + "_piso")
        return alt.layer(curve, floor).properties(title=title, width=WIDTH, height=HEIGHT)

    chart = alt.vconcat(
        headline(controls, 2 * WIDTH + 40),
        alt.hconcat(panel("Escala linear", False, "linear"),
                    panel("Escala log-log", True, "loglog")),
    ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("lei_de_potencia", controls, rows, chart, power_law_panels_alt(**first),
                    axes={"x": X_CURVE})


# Os da figura do ajuste (figures.fit_demo) e do ajuste do texto do capítulo 1, que usa a semente 1.
# A mesma amostra, ampliada ou reduzida, serve a todas as posições: com a semente 0, o IC 95%
# deixava o valor verdadeiro de fora em todas elas (tests/test_explorers.py).
N_POINTS, TRUE_K, SEED = 15, -0.5, 1


def fit_state(noise: float, decades: float) -> dict:
    """Uma amostra semeada, a lei verdadeira e a reta ajustada, como em figures.fit_demo."""
    x, y = sample_power_law(1.0, TRUE_K, 1.0, 10**decades, N_POINTS, noise, SEED)
    fit = fit_loglog(x, y)
    lo, hi = fit.k_interval()
    text = (f"ajuste: k = {fmt.num(fit.k, 2)} (valor verdadeiro: {fmt.num(TRUE_K, 2)}); "
            f"IC 95%: {fmt.num(lo, 2)} a {fmt.num(hi, 2)}")
    return {"x": x, "y": y, "verdade": power_law(x, 1.0, TRUE_K), "ajuste": fit.predict(x),
            "resumo": text}


def ajuste(noise: float = 0.2, decades: float = 2.0) -> Explorer:
    """Ajuste você mesmo: ruído e alcance dos dados → expoente ajustado e o seu intervalo."""
    import altair as alt

    controls = (slider("noise", "ruído (desvio em log)", 0.0, 1.0, 0.05, noise, 2),
                slider("decades", "alcance (décadas de x)", 0.5, 4.0, 0.25, decades, 2))
    rows = grid(controls, fit_state)
    names = ["medidas", "lei verdadeira", "ajuste"]
    style = (names, [0, 2, 1], [0, 2, 1])
    x = alt.X("x:Q", scale=alt.Scale(type="log"), axis=alt.Axis(**log_axis("x", 1, 1e4)))
    y_scale = alt.Scale(type="log")
    base = current(controls, "x", "y", "verdade", "ajuste")
    points = series(base.mark_point(filled=True, size=40).encode(
        x=x, y=alt.Y("y:Q", scale=y_scale, axis=alt.Axis(**log_axis("y", 1e-3, 1e2)))),
        "medidas", names, [0, 2, 1], mark="medidas")
    truth = series(base.mark_line(strokeWidth=1.2).encode(x=x, y="verdade:Q"), "lei verdadeira",
                   *style, mark="verdade")
    fitted = series(base.mark_line().encode(x=x, y="ajuste:Q"), "ajuste", *style, mark="ajuste")
    chart = alt.vconcat(
        headline(controls, 480),
        alt.layer(points, truth, fitted).properties(width=480, height=300),
    ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("ajuste", controls, rows, chart, fit_demo_alt(**first))

