"""Figuras do capítulo 2, "Kaplan et al. (2020)": as três leis, as curvas L(N, D), a eficiência
amostral e a alocação de um orçamento. As contas ficam em ``kaplan``."""

from __future__ import annotations

import numpy as np

from .. import _check, fmt, kaplan
from ..compute import GPT3_TABLE_D1_FLOPS
from ..plotting import log_axes, new_figure
from ._comum import _line, _points


def _inside_outside(ax, x, y, lo, hi, i, label):
    inside = (x >= lo) & (x <= hi)
    ax.plot(x[inside], y[inside], **_line(i, linestyle="-"), label=f"{label} (medido)")
    ax.plot(x[x <= lo], y[x <= lo], **_line(i, linestyle="--"))
    ax.plot(x[x >= hi], y[x >= hi], **_line(i, linestyle="--"), label=f"{label} (extrapolado)")


def kaplan_laws():
    """L(N), L(D) e L(C_min) de Kaplan et al. (2020): sólidas na faixa medida, tracejadas fora."""
    fig, axes = new_figure(ncols=3, width=7.2, height=3.8)
    N = np.geomspace(1e2, 1e13, 300)
    D = np.geomspace(1e6, 1e14, 300)
    C = np.geomspace(1e-10, 1e6, 300)
    c_lo, c_hi = kaplan.compute_range_pf_days()
    panels = [
        (N, kaplan.loss_n(N), kaplan.N_RANGE, "N (parâmetros sem embedding)", r"$L(N)$"),
        (D, kaplan.loss_d(D), kaplan.D_RANGE, "D (tokens)", r"$L(D)$"),
        (C, kaplan.loss_c(C), (c_lo, c_hi), r"$C_\mathrm{min}$ (PF-dias)", r"$L(C_\mathrm{min})$"),
    ]
    for i, (ax, (x, y, (lo, hi), xlabel, label)) in enumerate(zip(axes, panels, strict=True)):
        _inside_outside(ax, x, y, lo, hi, i, label)
        log_axes(ax, x=True, y=False)
        ax.set(xlabel=xlabel, title=label)
        ax.legend(fontsize=8, loc="lower left")
    axes[0].set_ylabel("perda (nats/token)")
    return fig


def kaplan_nd_curves(N_values=(1e6, 1e7, 1e8, 1e9, 1e10)):
    """L(N, D) (Eq. 1.5): perda × tokens para vários tamanhos de modelo."""
    N_values = np.atleast_1d(_check.positive("N_values", N_values))
    D = np.geomspace(1e7, 1e13, 300)
    fig, ax = new_figure(width=6.8, height=4.2)
    for i, n in enumerate(N_values):
        ax.plot(D, kaplan.loss_nd(n, D), **_line(i), label=f"N = {fmt.sci(n, 0)}")
    log_axes(ax, x=True, y=False)
    ax.set(xlabel="D (tokens)", ylabel="perda (nats/token)")
    ax.legend(fontsize=9, title="parâmetros sem embedding", title_fontsize=9)
    return fig


def sample_efficiency(L_targets=(4.0, 3.5, 3.0)):
    """Tokens necessários para atingir cada perda-alvo, em função de N (Eq. 1.5 invertida)."""
    L_targets = np.atleast_1d(_check.positive("L_targets", L_targets))
    N = np.geomspace(1e6, 1e11, 300)
    fig, ax = new_figure(width=6.8, height=4.2)
    for i, lt in enumerate(L_targets):
        d = kaplan.tokens_for_loss(N, lt)
        ok = np.isfinite(d)
        ax.plot(N[ok], d[ok], **_line(i), label=f"L = {fmt.num(lt, 1)}")
    log_axes(ax)
    ax.set(xlabel="N (parâmetros sem embedding)", ylabel="tokens para atingir a perda")
    ax.legend(fontsize=9, title="perda-alvo (nats/token)", title_fontsize=9)
    return fig


def kaplan_allocation(C_flops: float = GPT3_TABLE_D1_FLOPS):
    """Alocação ótima de Kaplan (Tabela 6) × compute, com o GPT-3 e o orçamento escolhido."""
    from ..models import by_name

    c_sel = _check.in_range("C_flops", C_flops, 1e17, 1e27)
    C = np.geomspace(1e17, 1e27, 200)
    n_opt, d_opt = kaplan.allocation_for_compute(C)
    gpt3 = by_name("GPT-3")
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=4.0)
    left.plot(C, n_opt, **_line(0), label=r"$N_\mathrm{opt}$ (parâmetros)")
    left.plot(C, d_opt, **_line(1), label=r"$D_\mathrm{opt}$ (tokens)")
    left.plot([GPT3_TABLE_D1_FLOPS], [gpt3.N], **_points(0, marker="*", markersize=12),
              label="GPT-3: parâmetros")
    left.plot([GPT3_TABLE_D1_FLOPS], [gpt3.D], **_points(1, marker="*", markersize=12),
              label="GPT-3: tokens")
    left.axvline(c_sel, **_line(6, linewidth=1.0, linestyle=":"), label="orçamento escolhido")
    log_axes(left)
    left.set(xlabel="C (FLOPs)", title="Alocação de Kaplan (Tabela 6)")
    left.legend(fontsize=8)
    right.plot(C, kaplan.loss_for_compute(C), **_line(2),
               label=r"$L(C_\mathrm{min})$, $C_\mathrm{min} = C/1{,}81$")
    right.plot([c_sel], [kaplan.loss_for_compute(c_sel)], **_points(6, markersize=9),
               label="orçamento escolhido")
    log_axes(right, x=True, y=False)
    right.set(xlabel="C (FLOPs)", ylabel="perda prevista (nats/token)", title="Perda prevista")
    right.legend(fontsize=8)
    n, d = kaplan.allocation_for_compute(c_sel)
    fig.suptitle(f"C = {fmt.sci(c_sel, 2)} FLOPs (" r"$C_\mathrm{min}$ = "
                 f"{fmt.unit(fmt.sci(kaplan.c_min_for_compute(c_sel), 2), 'PF-dia', 'PF-dias')})\n"
                 r"$N_\mathrm{opt}$" f" = {fmt.sci(n, 1)}; "
                 r"$D_\mathrm{opt}$" f" = {fmt.sci(d, 1)}", fontsize=10)
    return fig


def kaplan_allocation_alt(C_flops: float) -> str:
    n, d = kaplan.allocation_for_compute(C_flops)
    return (f"Dois gráficos log-log em função do compute. À esquerda, as retas do tamanho ótimo e "
            f"dos dados ótimos "
            f"de Kaplan, com o GPT-3 marcado por estrelas; no orçamento escolhido, "
            f"{fmt.sci(C_flops, 2)} FLOPs, o tamanho ótimo é {fmt.sci(n, 1)} parâmetros e "
            f"os dados ótimos, "
            f"{fmt.sci(d, 1)} tokens. À direita, a perda prevista L(Cₘᵢₙ), que cai devagar, e o "
            f"ponto do orçamento, "
            f"{fmt.unit(fmt.num(float(kaplan.loss_for_compute(C_flops)), 2), 'nat', 'nats')} "
            "por token.")
