"""Capítulo 5 (o paradoxo): a mesma perda vista por três métricas, num benchmark finito (a
"miragem" de Schaeffer et al. 2023), como em figures.mirage."""

from __future__ import annotations

import numpy as np

from .. import emergence as em
from .. import fmt
from ..figures import mirage_alt
from ._base import Explorer, bindings, choice, current, grid, headline, log_axis, series, steps

__all__ = ["N_CURVE", "N_POINTS", "SEED", "mirage_curve", "mirage_state", "miragem"]

N_RANGE = (1e7, 1e12)  # o de figures.mirage
N_CURVE = tuple(np.geomspace(*N_RANGE, 41))
N_POINTS = tuple(np.geomspace(*N_RANGE, 16))  # os modelos "medidos" da figura
SEED = 0
QUESTIONS = (10, 20, 50, 100, 200, 500, 1000)
METRICS = {em.METRIC_LABELS[m]: m for m in em.METRICS}


def mirage_curve(metric: str, length: int) -> dict:
    """O valor esperado da métrica sobre N (a curva da figura)."""
    task = em.ILLUSTRATIVE_TASK
    return {"esperado": em.score(task(np.array(N_CURVE)), metric, int(length))}


def mirage_state(metric: str, length: int, n_questions: int) -> dict:
    """Os pontos medidos num benchmark de ``n_questions`` questões (nenhum na distância de
    edição)."""
    task, k, q = em.ILLUSTRATIVE_TASK, int(length), int(n_questions)
    measured = ([] if metric == "edit_distance" else
                em.sample_accuracy(em.score(task(np.array(N_POINTS)), metric, k), q, SEED))
    label = em.METRIC_LABELS[metric]
    text = f"{label.capitalize()}, respostas de {fmt.count(k, 'token', 'tokens')}"
    if metric != "edit_distance":
        zeros = int(np.sum(np.asarray(measured) == 0))
        tiram = ("nenhum modelo tira" if zeros == 0 else
                 fmt.count(zeros, "modelo tira", "modelos tiram"))
        text += f"\nnum benchmark de {fmt.count(q, 'questão', 'questões')}: {tiram} exatamente zero"
    return {"medido": measured, "resumo": text}


def miragem(metric: str = "exact_match", length: int = 5, n_questions: int = 100) -> Explorer:
    """Métrica, tamanho da resposta e tamanho do benchmark → as curvas sobre N (a "miragem")."""
    import altair as alt

    controls = (choice("metric", "métrica", METRICS, metric),
                steps("length", "tokens na resposta", range(1, 21), length),
                steps("n_questions", "questões no benchmark", QUESTIONS, n_questions))
    rows = grid(controls, mirage_state)
    x = alt.X("N:Q", scale=alt.Scale(type="log", nice=False),
              axis=alt.Axis(**log_axis("N (parâmetros)", *N_RANGE)))
    # Acurácias em %, distância de edição em tokens: o Vega só escolhe o formato pelo índice.
    edit = list(METRICS.values()).index("edit_distance")
    y_axis = alt.Axis(title="valor da métrica", labelExpr=(
        f"p_metric == {edit} ? format(datum.value, '.1f') : format(datum.value, '.0%')"))
    names = ["valor esperado", "medido no benchmark"]
    style = (names, [0, 1], [0, 0])
    chart = alt.vconcat(
        headline(controls, 520, lines=2),
        alt.layer(
            series(current(controls[:2], "esperado", axis="N", data="curvas").mark_line()
                   .encode(x=x, y=alt.Y("esperado:Q", axis=y_axis)), names[0], *style,
                   mark="esperado"),
            series(current(controls, "medido", axis="Nm").mark_point(
                filled=True, size=60, stroke="black", strokeWidth=0.8).encode(
                x=alt.X("Nm:Q"), y="medido:Q"), names[1], *style, mark="medido"),
        ).properties(width=520, height=300),
    ).add_params(*bindings(controls))
    first = {c.name: c.values[c.start] for c in controls}
    return Explorer("miragem", controls, rows, chart,
                    mirage_alt(first["metric"], int(first["length"]), int(first["n_questions"])),
                    axes={"N": N_CURVE, "Nm": N_POINTS},
                    tables={"curvas": grid(controls[:2], mirage_curve)})
