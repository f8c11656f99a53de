"""Figuras do capítulo 4, "A replicação": as execuções do Chinchilla, as parábolas IsoFLOP
(Abordagem 2) e as faixas de orçamento. As contas ficam em ``chinchilla`` e ``data``."""

from __future__ import annotations

import numpy as np

from .. import _check, fmt
from ..plotting import decimal_formatter, log_axes, new_figure
from ._comum import _line, _params_name, _points


def chinchilla_runs(runs, params=None):
    """Figura 4 (esquerda) de Hoffmann et al. (2022) refeita: execuções por compute e tamanho,
    coloridas pela perda, com a fronteira compute-ótima da lei ``params``."""
    from .. import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    fig, ax = new_figure(width=7.2, height=4.6)
    sc = ax.scatter(runs.C, runs.N, c=runs.loss, cmap="viridis_r", s=22,
                    edgecolors="black", linewidths=0.3, marker="o")
    bar = fig.colorbar(sc, ax=ax)
    bar.set_label("perda (nats/token)")
    bar.ax.yaxis.set_major_formatter(decimal_formatter())
    C = np.geomspace(runs.C.min(), 1e24, 100)
    ax.plot(C, ch.compute_optimal(C, p)[0], **_line(1),
            label=r"$N_\mathrm{opt}$" f" ({_params_name(p)})")
    log_axes(ax)
    ax.set(xlabel="C (FLOPs)", ylabel="N (parâmetros)")
    ax.legend(fontsize=8, loc="upper left")
    return fig


def isoflop_parabolas(runs, iso, max_groups: int = 6, half_width: float = 0.05):
    """Abordagem 2 nas execuções reais: perda × N por grupo de FLOPs, com as parábolas.

    Mostra as execuções a até ``half_width`` décadas do compute de cada grupo.
    """
    max_groups = _check.positive_int("max_groups", max_groups)
    half_width = _check.positive("half_width", half_width)
    fig, ax = new_figure(width=7.0, height=4.4)
    logc = np.log10(runs.C)
    chosen = np.unique(np.linspace(0, len(iso.budgets) - 1, max_groups).round().astype(int))
    for k, j in enumerate(chosen):
        c = iso.budgets[j]
        sel = np.abs(logc - np.log10(c)) <= half_width
        ax.plot(runs.N[sel], runs.loss[sel], **_points(k, markersize=5))
        x = np.linspace(np.log10(runs.N[sel].min()), np.log10(runs.N[sel].max()), 100)
        ax.plot(10**x, np.polyval(iso.coefs[j], x), **_line(k, linewidth=1.5),
                label=f"C ≈ {fmt.sci(c, 1)}")
        ax.plot([iso.N_opt[j]], [np.polyval(iso.coefs[j], np.log10(iso.N_opt[j]))],
                **_points(k, marker="*", markersize=12, markeredgecolor="black"))
    log_axes(ax, x=True, y=False)
    ax.set(xlabel="N (parâmetros)", ylabel="perda (nats/token)",
           title="Abordagem 2 nas execuções digitalizadas")
    ax.legend(fontsize=8, title="FLOPs", title_fontsize=8)
    return fig


def isoflop_bands(runs, bin_width: float = 0.1):
    """Abordagem 2 nas execuções com faixas de compute de ``bin_width`` décadas (explorador)."""
    from .. import chinchilla as ch

    width = _check.in_range("bin_width", bin_width, 0.05, 0.5)
    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=width)
    fig = isoflop_parabolas(runs, iso, half_width=width / 2)
    fig.axes[0].set_title(f"Faixas de {fmt.num(width, 2)} década: "
                          r"$N_\mathrm{opt} \propto C^{" f"{fmt.num(iso.a, 2)}" "}$ "
                          f"({len(iso.budgets)} faixas)")
    return fig


def isoflop_bands_alt(runs, bin_width: float = 0.1) -> str:
    from .. import chinchilla as ch

    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=bin_width)
    return (f"Grupos de execuções com a perda em função do número de parâmetros, cada um com uma "
            f"parábola e uma estrela no mínimo. Com faixas de {fmt.num(bin_width, 2)} década, "
            f"há {len(iso.budgets)} faixas utilizáveis e o expoente ajustado do tamanho ótimo é "
            f"{fmt.num(iso.a, 2)}.")
