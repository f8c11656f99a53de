"""As figuras do capítulo do desafio: funções puras que devolvem uma Figure.

As que mostram os valores verdadeiros (``fronteira``, ``vies_abordagem2``) recebem um
``Verdade``, que só se obtém depois do envio ou no modo do professor.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .. import _check, fmt
from .. import chinchilla as ch
from ..figures import isoflop_parabolas
from ..figures._comum import _line, _points
from ..plotting import log_axes, new_figure
from .estrategias import Ajuste2, prever_abordagem3, razoes_vertice
from .nota import Verdade


def _verdade(verdade) -> Verdade:
    if not isinstance(verdade, Verdade):
        raise TypeError("verdade deve ser um Verdade (lab.verdade()); recebido um objeto de "
                        "outro tipo.")
    return verdade


def fatias(ajuste2: Ajuste2, N, D, L):
    """Abordagem 2 nas execuções do desafio: perda × N por fatia, parábolas e vértices."""
    if not isinstance(ajuste2, Ajuste2):
        raise TypeError(f"ajuste2 deve ser um Ajuste2; recebido {ajuste2!r}.")
    n, d, lv = (np.atleast_1d(_check.positive(k, v)) for k, v in (("N", N), ("D", D), ("L", L)))
    fig = isoflop_parabolas(SimpleNamespace(C=6 * n * d, N=n, loss=lv), ajuste2.isoflop)
    fig.axes[0].set_title("Abordagem 2: uma parábola por fatia de compute")
    return fig


def planos(corridas: dict, leis: dict, orcamento_alvo: float):
    """Onde cada estratégia pôs as execuções (C × N) e a fronteira N_opt(C) que o seu ajuste
    extrapola até o orçamento-alvo (estrela). ``corridas``: nome → (N, D); ``leis``: nome →
    LossParams ajustados."""
    alvo = _check.positive("orcamento_alvo", orcamento_alvo)
    fig, ax = new_figure(width=7.2, height=4.4)
    c_min = min(float(np.min(6 * n * d)) for n, d in corridas.values())
    C = np.geomspace(c_min, alvo, 100)
    for i, (nome, (n, d)) in enumerate(corridas.items()):
        ax.plot(6 * n * d, n, **_points(i, markersize=5, alpha=0.8),
                label=f"execuções da estratégia {nome}")
        if nome in leis:
            ax.plot(C, ch.compute_optimal(C, leis[nome])[0], **_line(i, linewidth=1.4),
                    label=rf"$N_\mathrm{{opt}}(C)$ ajustado (estratégia {nome})")
            ax.plot([alvo], [ch.compute_optimal(alvo, leis[nome])[0]],
                    **_points(i, marker="*", markersize=13, markeredgecolor="black"))
    ax.axvline(alvo, **_line(6, linewidth=1.0, linestyle=":"),
               label=f"orçamento-alvo ({fmt.sci(alvo, 1)} FLOPs)")
    log_axes(ax)
    ax.set(xlabel="C = 6·N·D (FLOPs)", ylabel="N (parâmetros)",
           title="As execuções e a extrapolação até o alvo")
    ax.legend(fontsize=8, loc="upper left")
    return fig


def fronteira(N, D, L, verdade, log10_N_minimo: float = 6.0):
    """Abordagem 3 com as execuções de N ≥ 10^``log10_N_minimo``: N_opt(C) e a perda ótima
    previstos comparados com os verdadeiros, das execuções até além do orçamento-alvo."""
    v = _verdade(verdade)
    piso = _check.in_range("log10_N_minimo", log10_N_minimo, 5.0, 9.0)
    aj = prever_abordagem3(N, D, L, v.orcamento_alvo, 10**piso)
    n = np.atleast_1d(_check.positive("N", N))
    d = np.atleast_1d(_check.positive("D", D))
    C = np.geomspace(float(np.min(6 * n * d)), 3 * v.orcamento_alvo, 100)
    fig, (ax_n, ax_l) = new_figure(ncols=2, width=7.2, height=4.0)
    for ax, prev, true in ((ax_n, ch.compute_optimal(C, aj.ajuste.params)[0],
                            ch.compute_optimal(C, v.lei)[0]),
                           (ax_l, ch.optimal_loss(C, aj.ajuste.params),
                            ch.optimal_loss(C, v.lei))):
        ax.plot(C, true, **_line(0), label="curva verdadeira")
        ax.plot(C, prev, **_line(1), label=f"ajuste (N ≥ {fmt.sci(10**piso, 1)})")
        ax.axvline(v.orcamento_alvo, **_line(6, linewidth=1.0, linestyle=":"), label="alvo")
        ax.axvspan(C[0], float(np.max(6 * n * d)), color="0.9", zorder=0,
                   label="faixa das execuções")
    log_axes(ax_n)
    log_axes(ax_l, x=True, y=False)
    ax_n.set(xlabel="C (FLOPs)", ylabel=r"$N_\mathrm{opt}$ (parâmetros)", title="Tamanho ótimo")
    ax_l.set(xlabel="C (FLOPs)", ylabel="perda ótima (nats/token)", title="Perda ótima")
    ax_n.legend(fontsize=8, loc="upper left")
    return fig


def fronteira_alt(N, D, L, verdade, log10_N_minimo: float = 6.0) -> str:
    v = _verdade(verdade)
    aj = prever_abordagem3(N, D, L, v.orcamento_alvo, 10**log10_N_minimo)
    erro = aj.previsao.perda / v.perda - 1
    return (f"Dois gráficos em função do compute C, das execuções até além do alvo: à esquerda o "
            f"tamanho ótimo, à direita a perda ótima, com a curva verdadeira e a do ajuste que "
            f"usa só as execuções com N de pelo menos {fmt.sci(10**log10_N_minimo, 1)}. No alvo, "
            f"a perda prevista fica {fmt.pct(abs(erro), 1)} "
            f"{'acima' if erro >= 0 else 'abaixo'} da verdadeira.")


def vies_abordagem2(ajuste2: Ajuste2, verdade, sem_ruido=None):
    """O vértice de cada parábola dividido pelo mínimo verdadeiro da sua fatia; com
    ``sem_ruido`` (um IsoflopFit das perdas verdadeiras nas mesmas execuções), também a razão
    sem ruído nenhum."""
    v = _verdade(verdade)
    if not isinstance(ajuste2, Ajuste2):
        raise TypeError(f"ajuste2 deve ser um Ajuste2; recebido {ajuste2!r}.")
    razao = razoes_vertice(ajuste2.isoflop, v)
    fig, ax = new_figure(width=6.8, height=4.0)
    ax.plot(ajuste2.isoflop.budgets, razao, **_line(0, marker="o", markersize=7),
            label="execuções com ruído")
    if sem_ruido is not None:
        ax.plot(sem_ruido.budgets, razoes_vertice(sem_ruido, v),
                **_line(1, marker="s", markersize=6), label="perdas verdadeiras, sem ruído")
    ax.axhline(1.0, **_line(6, linewidth=1.0, linestyle=":"), label="sem viés")
    log_axes(ax, x=True, y=False)
    ax.set(xlabel="C da fatia (FLOPs)", ylabel="vértice ÷ mínimo verdadeiro",
           title="O viés da Abordagem 2, fatia a fatia")
    lo, hi = ax.get_ylim()  # espaço livre no alto para a legenda, longe dos pontos e da linha 1
    ax.set_ylim(lo, hi + 0.5 * (hi - lo))
    ax.legend(fontsize=9, loc="upper left")
    return fig
