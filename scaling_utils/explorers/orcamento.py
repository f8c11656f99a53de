"""Capítulos 2 e 3: o orçamento de compute → alocações de Kaplan e do Chinchilla."""

from __future__ import annotations

import math

import numpy as np

from .. import chinchilla as ch
from .. import fmt, kaplan
from ..compute import GPT3_TABLE_D1_FLOPS
from ..figures import budget_comparison_alt, kaplan_allocation_alt
from ..figures._comum import _params_name
from ..figures.chinchilla import _budget_title
from ..models import by_name
from ._base import Explorer, bindings, choice, current, grid, headline, log_axis, series, slider

__all__ = [
    "LOG10_GOPHER",
    "LOG10_GPT3",
    "PARAMS",
    "chinchilla_state",
    "kaplan_state",
    "orcamento_chinchilla",
    "orcamento_kaplan",
]

WIDTH, HEIGHT = 300, 230
C_KAPLAN = tuple(np.geomspace(1e17, 1e27, 41))  # os orçamentos das curvas (eixo comum)
C_CHINCHILLA = tuple(np.geomspace(1e18, 1e27, 37))


def _log_x(lo: float, hi: float):
    import altair as alt

    return alt.X("C:Q", scale=alt.Scale(type="log", domain=[lo, hi], nice=False),
                 axis=alt.Axis(**log_axis("C (FLOPs)", lo, hi, every=2)))


def kaplan_curves() -> dict:
    """As curvas de figures.kaplan_allocation (as mesmas em todo orçamento)."""
    C = np.array(C_KAPLAN)
    n_opt, d_opt = kaplan.allocation_for_compute(C)
    gpt3 = by_name("GPT-3")
    return {"N": n_opt, "D": d_opt, "L": kaplan.loss_for_compute(C),
            "gC": [GPT3_TABLE_D1_FLOPS] * 2, "gY": [gpt3.N, gpt3.D]}


def kaplan_state(log10_C: float) -> dict:
    """O orçamento C = 10^log10_C FLOPs na figura de figures.kaplan_allocation."""
    c = 10.0**log10_C
    n, d = kaplan.allocation_for_compute(c)
    loss = float(kaplan.loss_for_compute(c))
    c_min = fmt.sci(float(kaplan.c_min_for_compute(c)), 2)
    return {"c": c, "l": loss,
            "resumo": f"C = {fmt.sci(c, 2)} FLOPs (Cₘᵢₙ = {fmt.unit(c_min, 'PF-dia', 'PF-dias')})"
                      f"\nNₒₚₜ = {fmt.sci(float(n), 1)}; Dₒₚₜ = {fmt.sci(float(d), 1)}; "
                      f"perda prevista {fmt.unit(fmt.num(loss, 2), 'nat/token', 'nats/token')}"}


#: O orçamento do GPT-3 (Tabela D.1) e o do Gopher, em log₁₀ FLOPs: posições exatas da grade,
#: para que os exploradores mostrem os mesmos números que o texto dos capítulos 2 e 3.
LOG10_GPT3 = math.log10(GPT3_TABLE_D1_FLOPS)
LOG10_GOPHER = math.log10(ch.GOPHER_BUDGET)


def orcamento_kaplan(log10_C: float = LOG10_GPT3) -> Explorer:
    """Orçamento de compute (log₁₀ FLOPs) → Nₒₚₜ, Dₒₚₜ e perda prevista de Kaplan."""
    import altair as alt

    controls = (slider("log10_C", "log₁₀ C (FLOPs)", 18.0, 26.0, 0.25, log10_C, 2,
                       exact=(LOG10_GPT3,)),)
    rows = grid(controls, kaplan_state)
    x = _log_x(1e17, 1e27)
    names = ["Nₒₚₜ (parâmetros)", "Dₒₚₜ (tokens)", "GPT-3", "orçamento escolhido"]
    style = (names, [0, 1, 0, 6], [0, 1, 0, 3])
    alloc = current((), "N", "D", axis="C", data="curvas")
    y = alt.Y("N:Q", scale=alt.Scale(type="log"), axis=alt.Axis(**log_axis("", 1e5, 1e14)))
    left = alt.layer(
        series(alloc.mark_line().encode(x=x, y=y), names[0], *style, mark="n_opt"),
        series(alloc.mark_line().encode(x=x, y="D:Q"), names[1], *style, mark="d_opt"),
        series(current((), "gC", "gY", data="curvas")
               .mark_point(shape="diamond", size=90, filled=True)
               .encode(x="gC:Q", y="gY:Q"), names[2], *style),
        series(current(controls).mark_rule(strokeWidth=1).encode(x="c:Q"), names[3], *style,
               mark="escolha"),
    ).properties(title="Alocação de Kaplan (Tabela 6)", width=WIDTH, height=HEIGHT)
    right = alt.layer(
        current((), "L", axis="C", data="curvas").mark_line(color="#009E73").encode(
            x=x, y=alt.Y("L:Q", title="perda prevista (nats/token)",
                         scale=alt.Scale(zero=False))).properties(name="perda"),
        current(controls).mark_point(size=90, filled=True, color="#000000").encode(
            x="c:Q", y="l:Q").properties(name="ponto"),
    ).properties(title="Perda prevista", width=WIDTH, height=HEIGHT)
    chart = alt.vconcat(headline(controls, 2 * WIDTH + 60, lines=2),
                        alt.hconcat(left, right)).add_params(*bindings(controls))
    return Explorer("orcamento_kaplan", controls, rows, chart,
                    kaplan_allocation_alt(10.0**controls[0].values[controls[0].start]),
                    axes={"C": C_KAPLAN}, tables={"curvas": grid((), kaplan_curves)})


_BY_KEY = {"besiroglu_2024": ch.BESIROGLU_2024, "hoffmann_2022": ch.HOFFMANN_2022,
           "hoffmann_2022_full": ch.HOFFMANN_2022_FULL}
#: Os três conjuntos de parâmetros do capítulo 3 (ver chinchilla.py para as fontes), com os
#: nomes das legendas das figuras (CONTRIBUTING.md: um só nome em tabelas, legendas e menus).
PARAMS = {_params_name(p): key for key, p in _BY_KEY.items()}


def chinchilla_curves(params: str) -> dict:
    """As retas de figures.budget_comparison para um conjunto de parâmetros."""
    C = np.array(C_CHINCHILLA)
    n_k, d_k = kaplan.allocation_for_compute(C)
    n_c, d_c = ch.compute_optimal(C, _BY_KEY[params])
    return {"Nk": n_k, "Dk": d_k, "Nc": n_c, "Dc": d_c}


def chinchilla_state(log10_C: float, params: str) -> dict:
    """Um orçamento e um conjunto de parâmetros na figura de figures.budget_comparison."""
    p = _BY_KEY[params]
    c = 10.0**log10_C
    nk, dk = (float(v) for v in kaplan.allocation_for_compute(c))
    nc, dc = (float(v) for v in ch.compute_optimal(c, p))
    return {"c": c, "nk": nk, "dk": dk, "nc": nc, "dc": dc,
            "resumo": _budget_title(c, nk, dk, nc, dc, float(ch.loss(nc, dc, p)))}


def orcamento_chinchilla(log10_C: float = LOG10_GOPHER,
                         params: str = "besiroglu_2024") -> Explorer:
    """Orçamento e conjunto de parâmetros → alocações de Kaplan e do Chinchilla."""
    import altair as alt

    controls = (slider("log10_C", "log₁₀ C (FLOPs)", 18.0, 27.0, 0.25, log10_C, 2,
                       exact=(LOG10_GOPHER,)),
                choice("params", "parâmetros da lei", PARAMS, params))
    rows = grid(controls, chinchilla_state)
    x = _log_x(1e18, 1e27)
    names = ["Kaplan (Tabela 6)", "Chinchilla"]
    style = (names, [1, 0], [1, 0])

    def panel(what: str, k: str, title: str):
        base = current(controls[1:], k + "k", k + "c", axis="C", data="curvas")
        y = alt.Y(f"{k}k:Q", scale=alt.Scale(type="log"),
                  axis=alt.Axis(**log_axis(title, 1e5, 1e15)))
        return alt.layer(
            series(base.mark_line().encode(x=x, y=y), names[0], *style, mark=f"{what}_kaplan"),
            series(base.mark_line().encode(x=x, y=f"{k}c:Q"), names[1], *style,
                   mark=f"{what}_chinchilla"),
            current(controls).mark_rule(strokeDash=[1, 3], color="#000000").encode(x="c:Q"),
            series(current(controls).mark_point(size=80, filled=True, stroke="black")
                   .encode(x="c:Q", y=f"{k.lower()}k:Q"), names[0], *style),
            series(current(controls).mark_point(size=80, filled=True, stroke="black")
                   .encode(x="c:Q", y=f"{k.lower()}c:Q"), names[1], *style),
        ).properties(width=WIDTH, height=HEIGHT)

    chart = alt.vconcat(
        headline(controls, 2 * WIDTH + 60, lines=3),
        alt.hconcat(panel("n", "N", "Nₒₚₜ (parâmetros)"), panel("d", "D", "Dₒₚₜ (tokens)")),
    ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("orcamento_chinchilla", controls, rows, chart,
                    budget_comparison_alt(10.0**first["log10_C"], _BY_KEY[first["params"]]),
                    axes={"C": C_CHINCHILLA},
                    tables={"curvas": grid(controls[1:], chinchilla_curves)})
