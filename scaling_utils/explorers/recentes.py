"""Capítulo 6 (depois do Chinchilla): demanda de inferência (Sardana et al. 2024) e épocas
repetidas com dados restritos (Muennighoff et al. 2023)."""

from __future__ import annotations

import numpy as np

from .. import chinchilla as ch
from .. import dados_restritos as dr
from .. import fmt
from ..figures import epochs_value_alt, inference_demand_alt
from ..inference import inference_aware_frontier, inference_aware_optimal
from ._base import Explorer, bindings, current, grid, headline, log_axis, series, slider

__all__ = [
    "epocas",
    "epochs_curves",
    "epochs_state",
    "inference_curves",
    "inference_state",
    "inferencia",
    "target_loss",
]

WIDTH, HEIGHT = 300, 230
D_INFERENCE = tuple(np.geomspace(1e9, 1e15, 25))  # os da figura de figures.inference_demand


def target_loss() -> float:
    """A perda-alvo da figura: a do ótimo do Chinchilla no orçamento do Gopher."""
    return float(ch.optimal_loss(ch.GOPHER_BUDGET, ch.BESIROGLU_2024))


def inference_curves() -> dict:
    """As curvas (as mesmas em toda posição): N ótimo e tokens por parâmetro × inferência."""
    p, lt = ch.BESIROGLU_2024, target_loss()
    n_opt, d_opt = inference_aware_frontier(lt, np.array(D_INFERENCE), p)
    base = inference_aware_optimal(lt, 0.0, p)
    return {"N": n_opt, "T": d_opt / n_opt, "bN": [base.N] * 2, "bT": [base.tokens_per_param] * 2,
            "bX": [D_INFERENCE[0], D_INFERENCE[-1]]}


def inference_state(log10_D_inference: float) -> dict:
    """Uma demanda de inferência: o ótimo de Sardana et al. contra o do Chinchilla."""
    p, lt = ch.BESIROGLU_2024, target_loss()
    d = 10.0**log10_D_inference
    o = inference_aware_optimal(lt, d, p)
    base = inference_aware_optimal(lt, 0.0, p)
    return {"d": d, "n": o.N, "t": o.tokens_per_param,
            "resumo": f"{fmt.sci(d, 1)} tokens de inferência: {fmt.sci(o.N, 2)} parâmetros, "
                      f"{fmt.num(o.tokens_per_param, 0)} tokens de treino por parâmetro\n"
                      f"(sem inferência: {fmt.sci(base.N, 2)} parâmetros, "
                      f"{fmt.num(base.tokens_per_param, 0)} tokens de treino por parâmetro)"}


def inferencia(log10_D_inference: float = 13.0) -> Explorer:
    """Demanda de inferência (log₁₀ tokens) → N e D de treino ótimos (Sardana et al. 2024)."""
    import altair as alt

    controls = (slider("log10_D_inference", "log₁₀ tokens de inferência", 9.0, 15.0, 0.25,
                       log10_D_inference, 2),)
    rows = grid(controls, inference_state)
    x = alt.X("Dinf:Q", scale=alt.Scale(type="log", nice=False), axis=alt.Axis(
        **log_axis("tokens de inferência na vida do modelo", 1e9, 1e15, every=2)))

    def panel(key: str, base: str, point: str, title: str, names, mark: str):
        style = (names, [0 if key == "N" else 2, 1], [0, 1])
        y = alt.Y(f"{key}:Q", scale=alt.Scale(type="log"),
                  axis=alt.Axis(**log_axis(title, 1e0, 1e14)))
        return alt.layer(
            series(current((), key, axis="Dinf", data="curvas").mark_line().encode(x=x, y=y),
                   names[0], *style, mark=mark),
            series(current((), "bX", base, data="curvas").mark_line(strokeWidth=1.2).encode(
                x="bX:Q", y=f"{base}:Q"), names[1], *style, mark=mark + "_chinchilla"),
            current(controls).mark_rule(strokeDash=[1, 3], color="#000000").encode(x="d:Q"),
            current(controls).mark_point(size=90, filled=True, color="#0072B2", stroke="black")
            .encode(x="d:Q", y=f"{point}:Q").properties(name=mark + "_ponto"),
        ).properties(width=WIDTH, height=HEIGHT)

    chart = alt.vconcat(
        headline(controls, 2 * WIDTH + 60, lines=2),
        alt.hconcat(
            panel("N", "bN", "n", "N (parâmetros)",
                  ["N ótimo com inferência", "N ótimo só do treino (Chinchilla)"], "n"),
            panel("T", "bT", "t", "Dₜᵣₑᵢₙₒ / N",
                  ["tokens de treino por parâmetro", "Chinchilla"], "t"),
        ).resolve_scale(color="independent", strokeDash="independent"),
    ).add_params(*bindings(controls))
    start = controls[0].values[controls[0].start]
    return Explorer("inferencia", controls, rows, chart, inference_demand_alt(start),
                    axes={"Dinf": D_INFERENCE}, tables={"curvas": grid((), inference_curves)})


EPOCHS = tuple(float(f"{v:.3g}") for v in np.geomspace(1.0, 60.0, 21))  # eixo comum


def epochs_curves(log10_U: float) -> dict:
    """Dados efetivos (em múltiplos de U_D) em função das épocas, como em figures.recentes."""
    U = 10.0**log10_U
    e = np.array(EPOCHS)
    return {"ef": dr.effective_data(e * U, U) / U, "novo": e}


def epochs_state(log10_U: float, log10_N: float) -> dict:
    """A perda prevista repetindo U_D tokens e com dados novos, nas mesmas épocas."""
    U, N = 10.0**log10_U, 10.0**log10_N
    D = np.array(EPOCHS) * U
    l4, l4_new = float(dr.loss(N, 4 * U, U)), float(dr.loss(N, 4 * U, 4 * U))
    return {"rep": dr.loss(N, D, U), "nov": dr.loss(N, D, D),
            "resumo": f"N = {fmt.sci(N, 1)}; {fmt.sci(U, 1)} tokens únicos\n"
                      f"com 4 épocas: perda {fmt.num(l4, 3)} repetindo, "
                      f"{fmt.num(l4_new, 3)} com dados novos"}


def epocas(log10_U: float = 10.0, log10_N: float = 9.0) -> Explorer:
    """Quantas épocas ainda valem a pena? Tokens únicos e tamanho → dados efetivos e perda."""
    import altair as alt

    controls = (slider("log10_U", "log₁₀ tokens únicos", 8.0, 13.0, 0.5, log10_U, 2),
                slider("log10_N", "log₁₀ parâmetros", 7.0, 12.0, 0.5, log10_N, 2))
    rows = grid(controls, epochs_state)
    x = alt.X("ep:Q", scale=alt.Scale(type="log", nice=False),
              axis=alt.Axis(**log_axis("épocas sobre os dados únicos", 1, 60)))
    left_names = ["se todos os tokens fossem novos", "tokens repetidos (dados efetivos / únicos)"]
    curves = current(controls[:1], "ef", "novo", axis="ep", data="curvas")
    left = alt.layer(
        series(curves.mark_line().encode(x=x, y=alt.Y("novo:Q", scale=alt.Scale(type="log"),
               axis=alt.Axis(**log_axis("dados efetivos (em múltiplos dos únicos)", 1, 100)))),
               left_names[0], left_names, [1, 0], [1, 0], mark="novos"),
        series(curves.mark_line().encode(x=x, y="ef:Q"), left_names[1], left_names, [1, 0],
               [1, 0], mark="efetivos"),
    ).properties(title="Quanto vale repetir", width=WIDTH, height=HEIGHT)
    right_names = ["repetindo os tokens únicos", "com dados novos"]
    losses = current(controls, "rep", "nov", axis="ep")
    right = alt.layer(
        series(losses.mark_line().encode(x=x, y=alt.Y(
            "rep:Q", title="perda prevista (nats/token)", scale=alt.Scale(zero=False),
            axis=alt.Axis(format=".2f"))), right_names[0], right_names, [0, 1], [0, 1],
            mark="repetindo"),
        series(losses.mark_line().encode(x=x, y="nov:Q"), right_names[1], right_names, [0, 1],
               [0, 1], mark="novos_perda"),
    ).properties(title="Perda prevista", width=WIDTH, height=HEIGHT)
    chart = alt.vconcat(headline(controls, 2 * WIDTH + 60, lines=2),
                        alt.hconcat(left, right).resolve_scale(
                            color="independent", strokeDash="independent"),
                        ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("epocas", controls, rows, chart, epochs_value_alt(**first),
                    axes={"ep": EPOCHS}, tables={"curvas": grid(controls[:1], epochs_curves)})
