"""Capítulo 4 (a replicação): a largura das faixas de compute na Abordagem 2, refeita nas
execuções digitalizadas, como em figures.isoflop_bands."""

from __future__ import annotations

import numpy as np

from .. import chinchilla as ch
from .. import fmt
from ..figures import isoflop_bands_alt
from ._base import Explorer, bindings, color, current, grid, headline, log_axis, slider

__all__ = ["MAX_GROUPS", "isoflop", "isoflop_state"]

MAX_GROUPS = 6  # os grupos desenhados, como em figures.isoflop_parabolas


def isoflop_state(runs, bin_width: float) -> dict:
    """Corridas, parábolas e mínimos de até seis grupos IsoFLOP com faixas de ``bin_width``."""
    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=bin_width)
    logc = np.log10(runs.C)
    chosen = np.unique(np.linspace(0, len(iso.budgets) - 1, MAX_GROUPS).round().astype(int))
    out = {k: [] for k in ("pN", "pL", "pG", "cN", "cL", "cG", "sN", "sL", "sG")}
    for j in chosen:
        label = f"C ≈ {fmt.sci(float(iso.budgets[j]), 1)}"
        sel = np.abs(logc - np.log10(iso.budgets[j])) <= bin_width / 2
        out["pN"] += list(runs.N[sel])
        out["pL"] += list(runs.loss[sel])
        out["pG"] += [label] * int(sel.sum())
        x = np.linspace(np.log10(runs.N[sel].min()), np.log10(runs.N[sel].max()), 25)
        out["cN"] += list(10**x)
        out["cL"] += list(np.polyval(iso.coefs[j], x))
        out["cG"] += [label] * len(x)
        out["sN"].append(float(iso.N_opt[j]))
        out["sL"].append(float(np.polyval(iso.coefs[j], np.log10(iso.N_opt[j]))))
        out["sG"].append(label)
    out["resumo"] = (f"Faixas de {fmt.num(bin_width, 2)} década: Nₒₚₜ ∝ Cᵃ com "
                     f"a = {fmt.num(iso.a, 2)} "
                     f"({fmt.count(len(iso.budgets), 'faixa', 'faixas')})")
    return out


def isoflop(runs, bin_width: float = 0.1) -> Explorer:
    """Largura das faixas de compute → a Abordagem 2 refeita nas execuções digitalizadas."""
    import altair as alt

    controls = (slider("bin_width", "largura da faixa (décadas)", 0.05, 0.3, 0.05, bin_width, 2),)
    rows = grid(controls, lambda bin_width: isoflop_state(runs, bin_width))
    x_axis = alt.Axis(**log_axis("N (parâmetros)", 1e7, 1e11))
    def colour(field: str):
        return alt.Color(f"{field}:N", title="FLOPs", sort=None,
                         scale=alt.Scale(range=[color(i) for i in range(MAX_GROUPS)]))

    y = alt.Y(title="perda (nats/token)", scale=alt.Scale(zero=False))
    points = current(controls, "pN", "pL", "pG")
    curves = current(controls, "cN", "cL", "cG")
    stars = current(controls, "sN", "sL", "sG")
    chart = alt.vconcat(
        headline(controls, 560),
        alt.layer(
            points.mark_point(filled=True, size=25).encode(
                x=alt.X("pN:Q", scale=alt.Scale(type="log"), axis=x_axis),
                y=y.field("pL").type("quantitative"), color=colour("pG"),
            ).properties(name="corridas"),
            curves.mark_line(strokeWidth=1.5).encode(
                x="cN:Q", y="cL:Q", color=colour("cG"), detail="cG:N",
            ).properties(name="parabolas"),
            stars.mark_point(shape="M0,-1L0.24,-0.33L0.95,-0.31L0.39,0.12L0.59,0.81L0,0.4L-0.59,"
                                   "0.81L-0.39,0.12L-0.95,-0.31L-0.24,-0.33Z",
                             filled=True, size=180, stroke="black", strokeWidth=0.8).encode(
                x="sN:Q", y="sL:Q", color=colour("sG")).properties(name="minimos"),
        ).properties(title="Abordagem 2 nas execuções digitalizadas", width=560, height=320),
    ).add_params(*bindings(controls))
    start = controls[0].values[controls[0].start]
    return Explorer("isoflop", controls, rows, chart, isoflop_bands_alt(runs, start))
