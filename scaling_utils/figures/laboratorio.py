"""Figuras do capítulo 7, "O laboratório": leis medidas num modelo que cabe no notebook.
As contas ficam em ``lab``."""

from __future__ import annotations

import numpy as np

from .. import _check, fmt
from ..plotting import log_axes, new_figure, style
from ._comum import _line, _points


def lab_scaling(runs, params, noise: float):
    """L × N (com o maior D) e L × D (com o maior N): medidas, lei ajustada e o piso σ²."""
    from ..chinchilla import LossParams
    from ..chinchilla import loss as law
    from ..lab import LabRuns

    if not isinstance(runs, LabRuns):
        raise TypeError(f"runs deve ser um LabRuns; recebido {runs!r}.")
    if not isinstance(params, LossParams):
        raise TypeError(f"params deve ser um LossParams; recebido {params!r}.")
    r, p = runs, params
    noise = _check.positive("noise", noise)
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.0)
    for ax, x_all, fixed, other, name in ((ax_n, r.N, r.D, r.D.max(), "N (features)"),
                                          (ax_d, r.D, r.N, r.N.max(), "D (exemplos)")):
        sel = fixed == other
        x = x_all[sel]
        ax.plot(x, r.loss[sel], **_points(0, markersize=7, markeredgecolor="black"),
                label="medido")
        xs = np.geomspace(x.min(), x.max(), 100)
        ys = law(xs, other, p) if ax is ax_n else law(other, xs, p)
        ax.plot(xs, ys, **_line(1), label="lei ajustada")
        ax.axhline(noise, **_line(2, linewidth=1.2), label=f"ruído σ² = {fmt.num(noise, 2)}")
        log_axes(ax)
        ax.set(xlabel=name, ylabel="perda de teste")
        ax.legend(fontsize=8)
    ax_n.set_title(f"D = {fmt.count(int(r.D.max()), 'exemplo', 'exemplos')}")
    ax_d.set_title(f"N = {fmt.count(int(r.N.max()), 'feature', 'features')}")
    return fig


def lab_isoflop(iso, predicted_exponent: float):
    """Curvas IsoFLOP do laboratório (C = N·D) e N_opt × C, medido contra o previsto."""
    from ..lab import IsoflopResult

    if not isinstance(iso, IsoflopResult):
        raise TypeError(f"iso deve ser um IsoflopResult; recebido {iso!r}.")
    pred = _check.positive("predicted_exponent", predicted_exponent)
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=4.0)
    cost = iso.runs.N * iso.runs.D
    for i, c in enumerate(iso.budgets):
        sel = np.abs(np.log(cost / c)) < 0.05
        left.plot(iso.runs.N[sel], iso.runs.loss[sel], **_line(i % 7, marker=style(i % 7)["marker"],
                                                                markersize=4),
                  label=f"$C = 2^{{{round(np.log2(c))}}}$")
    log_axes(left)
    left.set(xlabel="N (features)", ylabel="perda de teste", title="Curvas IsoFLOP (C = N·D)")
    left.legend(fontsize=8, ncol=2)
    right.plot(iso.budgets, iso.N_opt, **_points(0, markersize=8, markeredgecolor="black"),
               label=f"medido: expoente {fmt.num(iso.exponent, 3)}")
    # reta de inclinação prevista, na altura que melhor passa pelos pontos (média em log)
    anchor = np.exp(np.mean(np.log(iso.N_opt) - pred * np.log(iso.budgets)))
    right.plot(iso.budgets, anchor * iso.budgets**pred, **_line(1),
               label=f"previsto pela lei: β/(α+β) = {fmt.num(pred, 3)}")
    log_axes(right)
    right.set(xlabel="C = N·D", ylabel=r"$N_\mathrm{opt}$",
              title="O tamanho ótimo cresce com o orçamento")
    right.legend(fontsize=8)
    return fig


def lab_double_descent(D: int = 128, setup=None):
    """O pico de interpolação: perda × N com D fixo, sem regularização e com a ridge ajustada."""
    from ..lab import LabSetup, measure

    setup = LabSetup(seeds=4) if setup is None else setup
    d = _check.positive_int("D", D, minimum=8)
    Ns = np.unique(np.geomspace(4, setup.max_features, 24).astype(int))
    Ds = np.full(Ns.size, d)
    plain = measure(Ns, Ds, setup, ridgeless=True)
    tuned = measure(Ns, Ds, setup)
    fig, ax = new_figure(width=6.8, height=4.0)
    ax.plot(Ns, plain.loss, **_line(1, marker="o", markersize=4), label="sem regularização")
    ax.plot(Ns, tuned.loss, **_line(0, marker="s", markersize=4),
            label="regularização ridge ajustada")
    ax.axvline(d, **_line(6, linewidth=1.0, linestyle=":"), label=f"N = D = {fmt.num(d, 0)}")
    log_axes(ax)
    ax.set(xlabel="N (features)", ylabel="perda de teste",
           title=f"D = {fmt.count(d, 'exemplo', 'exemplos')}")
    ax.legend(fontsize=9)
    return fig


def lab_sweep(spectrum: float = 1.5, noise: float = 0.25):
    """Para o widget: uma varredura pequena (2 sementes) com outro espectro ou outro ruído."""
    from ..chinchilla import loss as law
    from ..lab import SWEEP_DS as Ds
    from ..lab import SWEEP_NS as Ns
    from ..lab import sweep

    runs, p = sweep(spectrum, noise)
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.6)
    for i, d in enumerate(Ds):
        sel = runs.D == d
        ax_n.plot(runs.N[sel], runs.loss[sel], **_line(i, marker=style(i)["marker"],
                                                         markersize=4),
                  label=f"D = {fmt.num(d, 0)}")
    for i, n in enumerate(Ns):
        sel = runs.N == n
        ax_d.plot(runs.D[sel], runs.loss[sel], **_line(i, marker=style(i)["marker"],
                                                         markersize=4),
                  label=f"N = {fmt.num(n, 0)}")
    xs = np.geomspace(8, 256, 50)
    ax_n.plot(xs, law(xs, 2048.0, p), color="black", linewidth=1.0, linestyle=":",
              label=f"lei ajustada (D = {fmt.num(2048, 0)})")
    for ax, name in ((ax_n, "N (features)"), (ax_d, "D (exemplos)")):
        ax.axhline(noise, color="#777777", linewidth=1.0)
        log_axes(ax)
        ax.set(xlabel=name, ylabel="perda de teste")
        # abaixo do gráfico: dentro, a legenda cobria as curvas
        ax.legend(fontsize=8, ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    fig.suptitle(f"espectro γ = {fmt.num(spectrum, 2)}, ruído σ² = {fmt.num(noise, 2)}\n"
                 f"ajuste: E = {fmt.num(p.E, 3)}, α = {fmt.num(p.alpha, 2)}, "
                 f"β = {fmt.num(p.beta, 2)}", fontsize=10)
    return fig


def lab_sweep_alt(spectrum: float, noise: float) -> str:
    return (f"Dois gráficos log-log da perda de teste do laboratório, com espectro "
            f"{fmt.num(spectrum, 2)} e ruído {fmt.num(noise, 2)}: à esquerda, em função do "
            "número de features, uma curva por tamanho de dados; à direita, em função do número "
            "de exemplos, uma curva por tamanho de modelo. Todas descem e se achatam perto da "
            "linha cinza do ruído; o título dá os parâmetros ajustados.")
