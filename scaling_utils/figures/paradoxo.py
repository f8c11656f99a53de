"""Figuras do capítulo 5, "O paradoxo": a perda cai suave, o acerto exato parece saltar, e a
"miragem" depende da métrica e da resolução. As contas ficam em ``emergence``."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter

from .. import _check, fmt
from ..plotting import log_axes, new_figure
from ._comum import _line, _points

_N_RANGE_CH4 = (1e7, 1e12)


def _task(task):
    from ..emergence import ILLUSTRATIVE_TASK, TaskLoss

    task = ILLUSTRATIVE_TASK if task is None else task
    if not isinstance(task, TaskLoss):
        raise TypeError(f"task deve ser um TaskLoss; recebido {task!r}.")
    return task


def loss_and_ability(task=None, length: int = 10):
    """Os dois diagramas da memória: a perda cai suave; o acerto exato parece saltar."""
    from ..emergence import exact_match, per_token_accuracy

    t = _task(task)
    k = _check.positive_int("length", length)
    N = np.geomspace(*_N_RANGE_CH4, 200)
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=3.8)
    left.plot(N, t(N), **_line(0), label="perda por token")
    log_axes(left, x=True, y=False)
    left.set(xlabel="N (parâmetros)", ylabel="perda (nats/token)", title="A perda: previsível")
    right.plot(N, exact_match(per_token_accuracy(t(N)), k), **_line(1),
               label=f"acerto exato, {fmt.count(k, 'token', 'tokens')}")
    log_axes(right, x=True, y=False)
    right.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: fmt.pct(v, 0)))
    right.set(xlabel="N (parâmetros)", ylabel="acerto exato", title="A capacidade: um salto?")
    for ax in (left, right):
        ax.legend(fontsize=9)
    return fig


def mirage_grid(task=None, lengths=(1, 2, 5, 10)):
    """Pequenos múltiplos: acerto exato (p^k) e distância de edição (k·(1−p)) para vários k."""
    from ..emergence import exact_match, per_token_accuracy, token_edit_distance

    t = _task(task)
    ks = np.atleast_1d(_check.positive_int("lengths", lengths))
    N = np.geomspace(*_N_RANGE_CH4, 200)
    p = per_token_accuracy(t(N))
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=3.8)
    for i, k in enumerate(ks):
        left.plot(N, exact_match(p, int(k)), **_line(i), label=f"k = {int(k)}")
        right.plot(N, token_edit_distance(p, int(k)), **_line(i), label=f"k = {int(k)}")
    left.set(title=r"Acerto exato: $p^{k}$", ylabel="acerto exato")
    right.set(title=r"Distância de edição: $k\,(1 - p)$", ylabel="tokens errados (menos é melhor)")
    for ax in (left, right):
        log_axes(ax, x=True, y=False)
        ax.set_xlabel("N (parâmetros)")
        ax.legend(fontsize=8, title="tokens na resposta", title_fontsize=8)
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: fmt.pct(v, 0)))
    return fig


def mirage(metric: str = "exact_match", length: int = 5, n_questions: int = 100,
           seed: int = 0, task=None):
    """Uma métrica sobre N: a curva esperada e a medida num benchmark de ``n_questions``
    questões."""
    from ..emergence import METRIC_LABELS, sample_accuracy, score

    t = _task(task)
    k = _check.positive_int("length", length)
    q = _check.positive_int("n_questions", n_questions)
    s = _check.positive_int("seed", seed, minimum=0)
    N = np.geomspace(*_N_RANGE_CH4, 200)
    expected = score(t(N), metric, k)
    fig, ax = new_figure(width=6.8, height=4.0)
    ax.plot(N, expected, **_line(0), label="valor esperado")
    if metric != "edit_distance":
        n_pts = np.geomspace(*_N_RANGE_CH4, 16)
        measured = sample_accuracy(score(t(n_pts), metric, k), q, s)
        ax.plot(n_pts, measured, **_points(1, markersize=7, markeredgecolor="black"),
                label=f"medido com {fmt.count(q, 'questão', 'questões')}")
    log_axes(ax, x=True, y=False)
    if metric != "edit_distance":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: fmt.pct(v, 0)))
    ax.set(xlabel="N (parâmetros)", ylabel=METRIC_LABELS[metric],
           title=f"{METRIC_LABELS[metric].capitalize()}, respostas de "
                 f"{fmt.count(k, 'token', 'tokens')}")
    ax.legend(fontsize=9)
    return fig


def mirage_alt(metric: str, length: int, n_questions: int, seed: int = 0, task=None) -> str:
    from ..emergence import METRIC_LABELS

    k = _check.positive_int("length", length)
    questions = fmt.count(_check.positive_int("n_questions", n_questions), "questão", "questões")
    shape = {"exact_match": "fica perto de zero e depois sobe de repente",
             "edit_distance": "cai de forma suave",
             "per_token": "sobe de forma suave"}[metric]
    if metric == "exact_match" and k == 1:  # p¹ = p: o acerto exato é a acurácia por token
        shape = ("sobe de forma suave (com 1 token, o acerto exato é a probabilidade de acerto "
                 "por token)")
    extra = {"exact_match": f"; os pontos medidos com {questions} seguem a curva com degraus, e "
                            "os modelos pequenos tiram exatamente zero quando a chance de acerto "
                            "é pequena",
             "edit_distance": "",
             "per_token": f"; os pontos medidos com {questions} oscilam em torno da curva"}
    if k == 1:
        extra["exact_match"] = f"; os pontos medidos com {questions} oscilam em torno da curva"
    return (f"Gráfico de {METRIC_LABELS[metric]} em função do número de parâmetros, "
            "em escala log, "
            f"para respostas de {fmt.count(k, 'token', 'tokens')}: a curva {shape}"
            f"{extra[metric]}.")


def resolution(task=None, length: int = 10, sizes=(10, 100, 1000), seed: int = 0):
    """O efeito do tamanho do benchmark: acerto exato medido com 10, 100 e 1.000 questões."""
    from ..emergence import exact_match, per_token_accuracy, sample_accuracy

    t = _task(task)
    k = _check.positive_int("length", length)
    qs = np.atleast_1d(_check.positive_int("sizes", sizes))
    s = _check.positive_int("seed", seed, minimum=0)
    N = np.geomspace(*_N_RANGE_CH4, 200)
    n_pts = np.geomspace(*_N_RANGE_CH4, 16)
    fig, axes = new_figure(ncols=len(qs), width=min(7.2, 2.6 * len(qs)), height=3.4)
    for i, (ax, q) in enumerate(zip(np.atleast_1d(axes), qs, strict=True)):
        ax.plot(N, exact_match(per_token_accuracy(t(N)), k), **_line(0), label="esperado")
        ax.plot(n_pts, sample_accuracy(exact_match(per_token_accuracy(t(n_pts)), k), int(q),
                                       s + i), **_points(1, markersize=6), label="medido")
        log_axes(ax, x=True, y=False)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: fmt.pct(v, 0)))
        ax.set(title=fmt.count(int(q), "questão", "questões"), xlabel="N (parâmetros)")
    np.atleast_1d(axes)[0].set_ylabel(f"acerto exato ({fmt.count(k, 'token', 'tokens')})")
    np.atleast_1d(axes)[0].legend(fontsize=8)
    return fig
