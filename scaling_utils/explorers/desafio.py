"""Capítulo 8 (o desafio, depois do envio): a partir de que tamanho as execuções entram no
ajuste → a fronteira prevista pela Abordagem 3 contra a verdadeira, como em
desafio.figuras.fronteira.

Cada posição é um ajuste (``estrategias.prever_abordagem3``), feito quando o caderno executa;
as nove posições do *widget* (10⁶ a 10⁸, de 0,25 em 0,25 década) custam alguns segundos.
"""

from __future__ import annotations

import numpy as np

from .. import _check, fmt
from .. import chinchilla as ch
from ..desafio.estrategias import prever_abordagem3
from ..desafio.figuras import _verdade, fronteira_alt
from ._base import Explorer, bindings, current, grid, headline, log_axis, series, slider

__all__ = ["compute_axis", "fronteira", "frontier_state", "truth_curves"]

WIDTH, HEIGHT = 300, 230
NAMES = ["curva verdadeira", "ajuste"]


def compute_axis(N, D, verdade) -> np.ndarray:
    """O eixo de compute da figura: das execuções até três vezes o orçamento-alvo."""
    n = np.atleast_1d(_check.positive("N", N))
    d = np.atleast_1d(_check.positive("D", D))
    return np.geomspace(float(np.min(6 * n * d)), 3 * _verdade(verdade).orcamento_alvo, 100)


def truth_curves(N, D, verdade) -> dict:
    """As curvas verdadeiras (as mesmas em toda posição), o alvo e a faixa das execuções."""
    v, C = _verdade(verdade), compute_axis(N, D, verdade)
    n, d = np.atleast_1d(N), np.atleast_1d(D)
    return {"vN": ch.compute_optimal(C, v.lei)[0], "vL": ch.optimal_loss(C, v.lei),
            "alvo": v.orcamento_alvo, "f0": float(C[0]), "f1": float(np.max(6 * n * d))}


def frontier_state(N, D, L, verdade, log10_N_minimo: float) -> dict:
    """O ajuste com as execuções de N ≥ 10^``log10_N_minimo``: a fronteira prevista e o erro
    da perda prevista no alvo."""
    v, C = _verdade(verdade), compute_axis(N, D, verdade)
    aj = prever_abordagem3(N, D, L, v.orcamento_alvo, 10**log10_N_minimo)
    p = aj.ajuste.params
    erro = float(np.log(aj.previsao.perda / v.perda))  # como a nota do envio: ln(L/L*)
    usadas = int(np.sum(np.atleast_1d(N) >= 10**log10_N_minimo))
    return {"pN": ch.compute_optimal(C, p)[0], "pL": ch.optimal_loss(C, p),
            "resumo": f"ajuste com as execuções de N ≥ {fmt.sci(10**log10_N_minimo, 1)} "
                      f"({fmt.count(usadas, 'execução', 'execuções')})\n"
                      f"no alvo: perda prevista {fmt.num(aj.previsao.perda, 3)}, verdadeira "
                      f"{fmt.num(v.perda, 3)} ({fmt.pct(abs(erro), 2)} "
                      f"{'acima' if erro >= 0 else 'abaixo'})"}


def fronteira(N, D, L, verdade, log10_N_minimo: float = 6.0) -> Explorer:
    """Desafio (depois do envio): o menor N usado no ajuste → a fronteira prevista pela
    Abordagem 3 contra a verdadeira."""
    import altair as alt

    v = _verdade(verdade)
    C = compute_axis(N, D, v)
    controls = (slider("log10_N_minimo", "log₁₀ do menor N usado", 6.0, 8.0, 0.25,
                       log10_N_minimo, 2),)
    rows = grid(controls, lambda log10_N_minimo: frontier_state(N, D, L, v, log10_N_minimo))
    x = alt.X("C:Q", scale=alt.Scale(type="log", nice=False),
              axis=alt.Axis(**log_axis("C (FLOPs)", C[0], C[-1], every=2)))
    style = (NAMES, [0, 1], [0, 1])
    truth = current((), "vN", "vL", axis="C", data="curvas")
    fit = current(controls, "pN", "pL", axis="C")
    marks = current((), data="curvas")

    # As marcas de N_opt em 10ⁿ, como nas figuras (log_axis), entre o menor e o maior N_opt
    # desenhados em qualquer posição.
    n_opt = [v for r in rows for v in r["pN"]] + list(truth_curves(N, D, v)["vN"])
    n_axis = alt.Axis(**log_axis("Nₒₚₜ (parâmetros)", min(n_opt), max(n_opt)))

    def panel(true: str, pred: str, title: str, log_y: bool, name: str, heading: str):
        y = alt.Y(f"{true}:Q", title=title,
                  scale=alt.Scale(type="log") if log_y else alt.Scale(zero=False),
                  axis=n_axis if log_y else alt.Axis(format=".1f"))
        return alt.layer(
            marks.mark_rect(color="#e6e6e6").encode(x="f0:Q", x2="f1:Q"),
            marks.mark_rule(strokeDash=[1, 3], color="#000000").encode(x="alvo:Q")
            .properties(name=f"{name}_alvo"),
            series(truth.mark_line().encode(x=x, y=y), NAMES[0], *style, mark=f"{name}_v"),
            series(fit.mark_line().encode(x=x, y=f"{pred}:Q"), NAMES[1], *style,
                   mark=f"{name}_p"),
        ).properties(title=heading, width=WIDTH, height=HEIGHT)

    chart = alt.vconcat(
        headline(controls, 2 * WIDTH + 60, lines=2),
        alt.hconcat(panel("vN", "pN", "Nₒₚₜ (parâmetros)", True, "n", "Tamanho ótimo"),
                    panel("vL", "pL", "perda ótima (nats/token)", False, "l", "Perda ótima")),
    ).add_params(*bindings(controls))
    start = controls[0].values[controls[0].start]
    return Explorer("fronteira", controls, rows, chart, fronteira_alt(N, D, L, v, start),
                    axes={"C": C}, tables={"curvas": grid((), lambda: truth_curves(N, D, v))})
