"""Capítulo 7 (o laboratório): uma varredura pequena com outro espectro γ ou outro ruído σ², e a
lei ajustada, como em figures.lab_sweep.

Cada posição custa uma varredura e um ajuste (``lab.sweep``: cerca de 0,4 s de CPU), feitos
quando o caderno executa. Por isso a grade é grossa: γ nas pontas do *widget* (1,1 e 3,0), no
padrão (1,5) e em 2,0; σ² nas pontas (0,05 e 1,0) e no padrão (0,25). São 12 varreduras,
uns 5 s a mais no caderno; o *widget*, num kernel, continua contínuo.
"""

from __future__ import annotations

import json

import numpy as np

from .. import fmt
from .. import lab as lab_mod
from ..chinchilla import loss as law
from ..figures import lab_sweep_alt
from ._base import DASHES, SHAPES, Explorer, bindings, color, current, grid, headline, steps

__all__ = ["LAW_D", "NOISES", "N_CURVE", "SPECTRA", "lab_controls", "lab_state", "varredura"]

SPECTRA = (1.1, 1.5, 2.0, 3.0)
NOISES = (0.05, 0.25, 1.0)
LAW_D = 2048.0  # a lei ajustada desenhada com o maior D, como na figura
N_CURVE = tuple(np.geomspace(8, 256, 50))  # os da figura
WIDTH, HEIGHT = 300, 230
LAW_NAME = f"lei ajustada (D = {fmt.plain(LAW_D)})"


def lab_controls(spectrum: float = 1.5, noise: float = 0.25) -> tuple:
    """Os dois controles (espectro γ e ruído σ²) e as suas posições."""
    return (steps("spectrum", "espectro γ (λᵢ = i⁻ᵞ)", SPECTRA, spectrum, 1),
            steps("noise", "ruído σ²", NOISES, noise, 2))


def lab_state(spectrum: float, noise: float) -> dict:
    """A varredura de ``lab.sweep`` (execuções e lei ajustada) e o título da figura."""
    runs, p = lab_mod.sweep(spectrum, noise)
    return {"N": runs.N, "D": runs.D, "L": runs.loss,
            "gD": [f"D = {fmt.plain(d)}" for d in runs.D],
            "gN": [f"N = {fmt.plain(n)}" for n in runs.N],
            "lei": law(np.array(N_CURVE), LAW_D, p), "ruido": float(noise),
            "resumo": f"espectro γ = {fmt.num(spectrum, 2)}, ruído σ² = {fmt.num(noise, 2)}\n"
                      f"ajuste: E = {fmt.num(p.E, 3)}, α = {fmt.num(p.alpha, 2)}, "
                      f"β = {fmt.num(p.beta, 2)}"}


def _names(prefix: str, values) -> list[str]:
    return [f"{prefix} = {fmt.plain(v)}" for v in values]


def varredura(spectrum: float = 1.5, noise: float = 0.25) -> Explorer:
    """Laboratório: espectro γ e ruído σ² → a varredura medida e a lei ajustada."""
    import altair as alt

    controls = lab_controls(spectrum, noise)
    rows = grid(controls, lab_state)
    d_names, n_names = _names("D", lab_mod.SWEEP_DS), _names("N", lab_mod.SWEEP_NS)
    left_names = [*d_names, LAW_NAME]
    y = alt.Y("L:Q", title="perda de teste", scale=alt.Scale(type="log"),
              axis=alt.Axis(grid=True))

    def styled(field, names, black_last=False):
        """Cor, traço e marcador por série, como ``plotting.style`` nas figuras (a cor nunca
        é a única pista); a lei ajustada, por último, em preto e pontilhada."""
        n = len(names) - black_last
        kw = {"title": None, "sort": names}
        return {"color": alt.Color(f"{field}:N", scale=alt.Scale(domain=names, range=[
                    color(i) for i in range(n)] + (["#000000"] if black_last else [])),
                    legend=alt.Legend(columns=3), **kw),
                "strokeDash": alt.StrokeDash(f"{field}:N", scale=alt.Scale(domain=names, range=[
                    DASHES[i % len(DASHES)] for i in range(n)] + ([[1, 3]] if black_last else [])),
                    legend=None, **kw),
                "shape": alt.Shape(f"{field}:N", scale=alt.Scale(domain=names, range=[
                    SHAPES[i % len(SHAPES)] for i in range(len(names))]), legend=None, **kw)}

    runs = current(controls, "N", "D", "L", "gD", "gN")
    noise_rule = current(controls).mark_rule(color="#777777", strokeWidth=1).encode(
        y="ruido:Q").properties(name="ruido")
    x_n = alt.X("N:Q", title="N (features)", scale=alt.Scale(type="log", nice=False),
                axis=alt.Axis(values=list(lab_mod.SWEEP_NS), format="d", grid=True))
    x_d = alt.X("D:Q", title="D (exemplos)", scale=alt.Scale(type="log", nice=False),
                axis=alt.Axis(values=list(lab_mod.SWEEP_DS[:-1]), format=",d", grid=True))
    s_d, s_n = styled("gD", left_names, black_last=True), styled("gN", n_names)
    left = alt.layer(
        runs.mark_line(point=True, strokeWidth=1.5).encode(x=x_n, y=y, **s_d)
        .properties(name="por_n"),
        current(controls, "lei", axis="xl").transform_calculate(gD=json.dumps(LAW_NAME))
        .mark_line(strokeWidth=1.2).encode(
            x=alt.X("xl:Q"), y="lei:Q", color=s_d["color"], strokeDash=s_d["strokeDash"])
        .properties(name="lei"),
        noise_rule,
    ).properties(width=WIDTH, height=HEIGHT)
    right = alt.layer(
        runs.mark_line(point=True, strokeWidth=1.5).encode(x=x_d, y=y, **s_n)
        .properties(name="por_d"),
        noise_rule,
    ).properties(width=WIDTH, height=HEIGHT)
    chart = alt.vconcat(
        headline(controls, 2 * WIDTH + 60, lines=2),
        alt.hconcat(left, right).resolve_scale(color="independent"),
    ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("varredura", controls, rows, chart, lab_sweep_alt(**first),
                    axes={"xl": N_CURVE})
