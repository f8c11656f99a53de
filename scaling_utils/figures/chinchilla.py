"""Figuras do capítulo 3, "Chinchilla (2022)": curvas IsoFLOP da lei paramétrica e a alocação
ótima comparada com a de Kaplan. As contas ficam em ``chinchilla``."""

from __future__ import annotations

import numpy as np

from .. import _check, fmt, kaplan
from ..plotting import log_axes, new_figure, place_labels
from ._comum import _line, _params_name, _points


def _per_param(ratio: float) -> str:
    # Abaixo de 1, dois algarismos significativos: com uma casa fixa, 0,012 viraria "0,0".
    shown = fmt.num(ratio, 1) if ratio >= 1 else fmt.plain(ratio, 2)
    return fmt.unit(shown, "token/parâmetro", "tokens/parâmetro")


def _budget_title(c, nk, dk, nc, dc, loss) -> str:
    """O título da comparação de orçamento (figura e explorador): alocações e perda."""
    return (f"C = {fmt.sci(c, 2)} FLOPs\nKaplan: {fmt.sci(nk, 1)} parâmetros, "
            f"{_per_param(dk / nk)}\nChinchilla: {fmt.sci(nc, 1)} parâmetros, "
            f"{_per_param(dc / nc)}, perda {fmt.unit(fmt.num(loss, 3), 'nat/token', 'nats/token')}")


def isoflop_curves(params=None, budgets=(1e19, 1e20, 1e21, 1e22, 1e23)):
    """Curvas IsoFLOP da lei paramétrica: perda × N a orçamento fixo, mínimos e a fronteira."""
    from .. import chinchilla as ch

    p = ch.HOFFMANN_2022 if params is None else params
    budgets = np.atleast_1d(_check.positive("budgets", budgets))
    fig, ax = new_figure(width=7.0, height=4.4)
    for i, c in enumerate(budgets):
        n_opt, _ = ch.compute_optimal(c, p)
        N = n_opt * np.geomspace(1 / 30, 30, 200)
        ax.plot(N, ch.loss(N, c / (6 * N), p), **_line(i), label=f"C = {fmt.sci(c, 0)}")
        ax.plot([n_opt], [ch.optimal_loss(c, p)], **_points(i, markersize=8,
                                                            markeredgecolor="black"))
    C = np.geomspace(budgets.min(), budgets.max(), 100)
    n_front, _ = ch.compute_optimal(C, p)
    ax.plot(n_front, ch.optimal_loss(C, p), color="black", linewidth=1.2, linestyle=":",
            label="fronteira ótima")
    log_axes(ax, x=True, y=False)
    ax.set(xlabel="N (parâmetros)", ylabel="perda prevista (nats/token)",
           title=f"Curvas IsoFLOP ({_params_name(p)})")
    ax.legend(fontsize=8, title="FLOPs", title_fontsize=8, ncol=2)
    return fig


def _allocation_axes(ax_n, ax_d, C, kaplan_color=1, chin_color=0):
    from .. import chinchilla as ch

    n_k, d_k = kaplan.allocation_for_compute(C)
    n_c, d_c = ch.compute_optimal(C, ch.BESIROGLU_2024)
    ax_n.plot(C, n_k, **_line(kaplan_color), label="Kaplan (Tabela 6)")
    ax_n.plot(C, n_c, **_line(chin_color), label="Chinchilla (reajuste de 2024)")
    ax_d.plot(C, d_k, **_line(kaplan_color), label="Kaplan (Tabela 6)")
    ax_d.plot(C, d_c, **_line(chin_color), label="Chinchilla (reajuste de 2024)")
    for ax, what in ((ax_n, r"$N_\mathrm{opt}$ (parâmetros)"),
                     (ax_d, r"$D_\mathrm{opt}$ (tokens)")):
        log_axes(ax)
        ax.set(xlabel="C (FLOPs)", ylabel=what)


def allocation_comparison(model_list):
    """N_opt(C) e D_opt(C) de Kaplan e do Chinchilla, com modelos reais (C = 6·N·D)."""
    from ..compute import training_flops

    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.4)
    C = np.geomspace(1e18, 1e26, 200)
    _allocation_axes(ax_n, ax_d, C)
    for k, m in enumerate(model_list):
        c = training_flops(m.N, m.D)
        st = _points(2 + k % 5, markersize=7, markeredgecolor="black")
        ax_n.plot([c], [m.N], **st)
        ax_d.plot([c], [m.D], **st, label=m.name)
    ax_n.legend(fontsize=8, loc="upper left")
    ax_d.legend(fontsize=8, loc="upper left")
    place_labels(ax_n, [training_flops(m.N, m.D) for m in model_list],
                 [m.N for m in model_list], [m.name for m in model_list], fontsize=8)
    return fig


def budget_comparison(C_flops: float = 5.76e23, params=None):
    """Um orçamento: alocações de Kaplan e do Chinchilla, perdas previstas e tokens/parâmetro."""
    from .. import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    c = _check.in_range("C_flops", C_flops, 1e18, 1e27)
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.0)
    C = np.geomspace(1e18, 1e27, 120)
    n_k, d_k = kaplan.allocation_for_compute(C)
    n_c, d_c = ch.compute_optimal(C, p)
    for ax, yk, yc, what in ((ax_n, n_k, n_c, r"$N_\mathrm{opt}$ (parâmetros)"),
                             (ax_d, d_k, d_c, r"$D_\mathrm{opt}$ (tokens)")):
        ax.plot(C, yk, **_line(1), label="Kaplan (Tabela 6)")
        ax.plot(C, yc, **_line(0), label=f"Chinchilla ({_params_name(p)})")
        ax.axvline(c, **_line(6, linewidth=1.0, linestyle=":"))
        log_axes(ax)
        ax.set(xlabel="C (FLOPs)", ylabel=what)
    nk, dk = kaplan.allocation_for_compute(c)
    nc, dc = ch.compute_optimal(c, p)
    for ax, (yk, yc) in ((ax_n, (nk, nc)), (ax_d, (dk, dc))):
        ax.plot([c], [yk], **_points(1, markersize=8, markeredgecolor="black"))
        ax.plot([c], [yc], **_points(0, markersize=8, markeredgecolor="black"))
    ax_n.legend(fontsize=8, loc="upper left")
    fig.suptitle(_budget_title(c, nk, dk, nc, dc, float(ch.loss(nc, dc, p))),
                 fontsize=9)
    return fig


def budget_comparison_alt(C_flops: float, params=None) -> str:
    from .. import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    nk, dk = kaplan.allocation_for_compute(C_flops)
    nc, dc = ch.compute_optimal(C_flops, p)
    return (f"Dois gráficos log-log em função do compute, com as retas de Kaplan e do Chinchilla "
            f"para parâmetros (esquerda) e tokens (direita). No orçamento de "
            f"{fmt.sci(C_flops, 2)} FLOPs, Kaplan recomenda {fmt.sci(nk, 1)} parâmetros e "
            f"{fmt.sci(dk, 1)} tokens; o Chinchilla, {fmt.sci(nc, 1)} parâmetros e "
            f"{fmt.sci(dc, 1)} tokens.")
