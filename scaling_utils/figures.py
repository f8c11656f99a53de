"""As figuras do livro: funções puras que recebem parâmetros e devolvem uma Figure.

Os widgets (``widgets``) e os cadernos chamam estas funções; os testes as exercitam sem
navegador. Cada figura usa o estilo de ``plotting`` (pt-BR, fundo branco, Okabe–Ito com
marcadores e traços). As funções ``*_alt`` descrevem a figura para o texto alternativo.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from . import _check, fmt, kaplan
from .plotting import decimal_formatter, linear_axes, log_axes, new_figure, place_labels, style
from .powerlaw import (
    fit_ignoring_floor,
    fit_loglog,
    floored_power_law,
    power_law,
    sample_power_law,
)


def _line(i: int, **extra) -> dict:
    """Estilo de uma curva (sem marcadores)."""
    return {**style(i), "marker": None, **extra}


def _points(i: int, **extra) -> dict:
    """Estilo de pontos (sem linha)."""
    return {**style(i), "linestyle": "none", **extra}


# --- Capítulo 1 ---------------------------------------------------------------------------

def power_law_panels(a: float = 1.0, alpha: float = -0.5, E: float = 0.0,
                     x_min: float = 1.0, x_max: float = 1e3):
    """A mesma lei y = E + a·x^α em eixos lineares (esquerda) e log-log (direita)."""
    E = _check.nonnegative("E", E)
    lo = _check.positive("x_min", x_min)
    hi = _check.positive("x_max", x_max)
    if hi <= lo:
        raise ValueError(f"x_max deve ser maior que x_min; recebido x_min = {x_min!r}, "
                         f"x_max = {x_max!r}.")
    x = np.geomspace(lo, hi, 200)
    y = E + power_law(x, a, alpha)
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=3.6)
    for ax in (left, right):
        ax.plot(x, y, **_line(0), label="y")
        if E > 0:
            ax.axhline(E, **_line(1, linewidth=1.2), label=f"piso E = {fmt.num(E, 2)}")
    left.set(title="Escala linear", xlabel="x", ylabel="y")
    linear_axes(left)
    right.set(title="Escala log-log", xlabel="x (escala log)", ylabel="y (escala log)")
    log_axes(right)
    if E > 0:
        right.legend()
    fig.suptitle(f"$y = {fmt.num(a, 2)}\\cdot x^{{{fmt.num(alpha, 2)}}}$"
                 + (f" + {fmt.num(E, 2)}" if E > 0 else ""))
    return fig


def power_law_panels_alt(a: float, alpha: float, E: float) -> str:
    floor = (f" com piso E = {fmt.num(E, 2)}: no log-log a curva se achata ao se aproximar do "
             "piso" if E > 0 else ": no log-log, uma reta")
    return (f"Dois gráficos da lei y = {fmt.num(a, 1)}·x elevado a {fmt.num(alpha, 2)}, "
            f"em eixos lineares e log-log{floor}.")


def _decades_word(decades: float) -> str:
    """Plural de verdade: "1,0 década", "3,0 décadas" (abaixo de 2, singular)."""
    return "década" if abs(decades) < 2 else "décadas"


def _fit_panel(ax, noise: float, decades: float, seed: int, n: int = 15,
               alpha: float = -0.5) -> None:
    x, y = sample_power_law(1.0, alpha, 1.0, 10**decades, n, noise, seed)
    fit = fit_loglog(x, y)
    lo, hi = fit.alpha_interval()
    ax.plot(x, y, **_points(0), label="medidas")
    ax.plot(x, power_law(x, 1.0, alpha), **_line(2, linewidth=1.2), label=f"verdade: α = "
            f"{fmt.num(alpha, 2)}")
    ax.plot(x, fit.predict(x), **_line(1), label=f"ajuste: α = {fmt.num(fit.alpha, 2)}")
    ax.set_title(f"ruído {fmt.num(noise, 2)}; {fmt.num(decades, 1)} {_decades_word(decades)}\n"
                 f"IC 95%: {fmt.num(lo, 2)} a {fmt.num(hi, 2)}", fontsize=10)
    log_axes(ax)


def fit_demo(noise: float = 0.2, decades: float = 2.0, seed: int = 0):
    """Um ajuste log-log sobre medidas ruidosas: a verdade, as medidas e a reta ajustada."""
    noise = _check.in_range("noise", noise, 0.0, 2.0)
    decades = _check.in_range("decades", decades, 0.2, 6.0)
    seed = _check.positive_int("seed", seed, minimum=0)
    fig, ax = new_figure(width=6.4, height=4.2)
    _fit_panel(ax, noise, decades, seed)
    ax.set(xlabel="x", ylabel="y")
    ax.legend(fontsize=9, loc="lower left")
    return fig


def fit_demo_alt(noise: float, decades: float, seed: int = 0) -> str:
    return (f"Gráfico log-log de 15 medidas ruidosas (ruído {fmt.num(noise, 2)}) de uma lei "
            f"com expoente −0,5 ao longo de {fmt.num(decades, 1)} {_decades_word(decades)}, "
            "com a lei "
            "verdadeira e a reta ajustada; o título dá o intervalo de confiança do expoente.")


def fit_demo_grid(noises=(0.05, 0.4), decades=(1.0, 3.0), seed: int = 0):
    """Pequenos múltiplos: ruído (linhas) × alcance em décadas (colunas)."""
    noises = np.atleast_1d(_check.nonnegative("noises", noises))
    decades = np.atleast_1d(_check.positive("decades", decades))
    seed = _check.positive_int("seed", seed, minimum=0)
    fig, axes = new_figure(ncols=len(decades), nrows=len(noises), width=7.2, height=5.6)
    axes = np.atleast_2d(axes)
    for i, noise in enumerate(noises):
        for j, dec in enumerate(decades):
            _fit_panel(axes[i, j], noise, dec, seed)
            if i == len(noises) - 1:
                axes[i, j].set_xlabel("x (escala log)")
            if j == 0:
                axes[i, j].set_ylabel("y (escala log)")
    axes[0, 0].legend(fontsize=8, loc="lower left")
    return fig


def extrapolation(E: float = 0.5, A: float = 2.0, alpha: float = 0.5,
                  fit_decades: float = 2.0, extra_decades: float = 3.0):
    """Ajusta uma lei pura a dados que seguem E + A·x^(−α) e estende a reta além dos dados."""
    E = _check.nonnegative("E", E)
    A = _check.positive("A", A)
    alpha = _check.positive("alpha", alpha)
    fit_decades = _check.in_range("fit_decades", fit_decades, 0.5, 10.0)
    extra_decades = _check.in_range("extra_decades", extra_decades, 0.5, 10.0)
    x_fit = np.geomspace(1.0, 10**fit_decades, 20)

    def truth(x):
        return floored_power_law(x, E, A, alpha)

    fit = fit_ignoring_floor(E, A, alpha, 1.0, 10**fit_decades, n=x_fit.size)
    x_all = np.geomspace(1.0, 10 ** (fit_decades + extra_decades), 300)
    fig, ax = new_figure(width=6.8, height=4.2)
    ax.plot(x_all, truth(x_all), **_line(0), label=f"verdade: {fmt.num(E, 1)} + "
            f"${fmt.num(A, 1)}\\cdot x^{{−{fmt.num(alpha, 1)}}}$")
    ax.plot(x_fit, truth(x_fit), **_points(0), label="dados do ajuste")
    ax.plot(x_all, fit.predict(x_all), **_line(1), label=f"reta ajustada (α = "
            f"{fmt.num(fit.alpha, 3)})")
    ax.axhline(E, **_line(2, linewidth=1.0), label=f"piso E = {fmt.num(E, 1)}")
    ax.axvspan(10**fit_decades, x_all[-1], color="#000000", alpha=0.06, label="extrapolação")
    log_axes(ax)
    ax.set(xlabel="x (escala log)", ylabel="y (escala log)")
    ax.legend(fontsize=9, loc="lower left")
    return fig


# --- Capítulo 2: Kaplan -------------------------------------------------------------------

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
        (N, kaplan.loss_n(N), kaplan.N_RANGE, "N (parâmetros sem embedding)", "L(N)"),
        (D, kaplan.loss_d(D), kaplan.D_RANGE, "D (tokens)", "L(D)"),
        (C, kaplan.loss_c(C), (c_lo, c_hi), r"$C_\mathrm{min}$ (PF-dias)", "L(C)"),
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


def kaplan_allocation(C_flops: float = 3.14e23):
    """Alocação ótima de Kaplan (Tabela 6) × compute, com o GPT-3 e o orçamento escolhido."""
    from .models import by_name

    c_sel = _check.in_range("C_flops", C_flops, 1e17, 1e27)
    C = np.geomspace(1e17, 1e27, 200)
    n_opt, d_opt = kaplan.allocation_for_compute(C)
    gpt3 = by_name("GPT-3")
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=4.0)
    left.plot(C, n_opt, **_line(0), label=r"$N_\mathrm{opt}$ (parâmetros)")
    left.plot(C, d_opt, **_line(1), label=r"$D_\mathrm{opt}$ (tokens)")
    left.plot([3.14e23], [gpt3.N], **_points(0, marker="*", markersize=12),
              label="GPT-3: parâmetros")
    left.plot([3.14e23], [gpt3.D], **_points(1, marker="*", markersize=12),
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
                 f"{fmt.sci(kaplan.c_min_for_compute(c_sel), 2)} PF-dias)\n"
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
            f"{fmt.sci(d, 1)} tokens. À direita, a perda prevista L(C), que cai devagar, e o "
            f"ponto do orçamento, {fmt.num(float(kaplan.loss_for_compute(C_flops)), 2)} "
            "nats por token.")


def kepler(planets):
    """Terceira lei de Kepler em log-log: período × semieixo maior, com a reta ajustada."""
    from .planets import Planet

    if (planets is None or isinstance(planets, (str, bytes))
            or not all(isinstance(p, Planet) for p in planets)):
        raise TypeError(f"planets deve ser uma sequência de Planet; recebido {planets!r}.")
    if len(planets) < 3:
        raise ValueError(f"planets precisa de pelo menos 3 planetas; recebido {len(planets)}.")
    a = np.array([p.semi_major_axis_km for p in planets])
    t = np.array([p.period_days for p in planets])
    fit = fit_loglog(a, t)
    fig, ax = new_figure(width=6.4, height=4.2)
    ax.plot(a, t, **_points(0), label="planetas")
    ax.plot(a, fit.predict(a), **_line(1), label=f"ajuste: inclinação {fmt.num(fit.alpha, 3)}")
    for p in planets:
        ax.annotate(p.name, (p.semi_major_axis_km, p.period_days), textcoords="offset points",
                    xytext=(6, -10), fontsize=9)
    log_axes(ax)
    ax.set(xlabel="semieixo maior (km)", ylabel="período orbital (dias)")
    ax.legend(loc="upper left")
    return fig


# --- Capítulo 3: Chinchilla ---------------------------------------------------------------

def _params_name(params) -> str:
    from . import chinchilla as ch

    names = {id(ch.HOFFMANN_2022): "Hoffmann et al. 2022 (publicados)",
             id(ch.HOFFMANN_2022_FULL): "Hoffmann et al. 2022 (fonte TeX)",
             id(ch.BESIROGLU_2024): "Besiroglu et al. 2024"}
    return names.get(id(params), "parâmetros dados")


def isoflop_curves(params=None, budgets=(1e19, 1e20, 1e21, 1e22, 1e23)):
    """Curvas IsoFLOP da lei paramétrica: perda × N a orçamento fixo, mínimos e a fronteira."""
    from . import chinchilla as ch

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
           title=f"Curvas IsoFLOP — {_params_name(p)}")
    ax.legend(fontsize=8, title="FLOPs", title_fontsize=8, ncol=2)
    return fig


def _allocation_axes(ax_n, ax_d, C, kaplan_color=1, chin_color=0):
    from . import chinchilla as ch

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
    from .compute import training_flops

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


def chinchilla_runs(runs, params=None):
    """Figura 4 (esquerda) de Hoffmann et al. (2022) refeita: execuções por compute e tamanho,
    coloridas pela perda, com a fronteira compute-ótima da lei ``params``."""
    from . import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    fig, ax = new_figure(width=7.2, height=4.6)
    sc = ax.scatter(runs.C, runs.N, c=runs.loss, cmap="viridis_r", s=22,
                    edgecolors="black", linewidths=0.3, marker="o")
    bar = fig.colorbar(sc, ax=ax)
    bar.set_label("perda (nats/token)")
    bar.ax.yaxis.set_major_formatter(decimal_formatter())
    C = np.geomspace(runs.C.min(), 1e24, 100)
    ax.plot(C, ch.compute_optimal(C, p)[0], **_line(1),
            label=r"$N_\mathrm{opt}$" f": {_params_name(p)}")
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
    from . import chinchilla as ch

    width = _check.in_range("bin_width", bin_width, 0.05, 0.5)
    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=width)
    fig = isoflop_parabolas(runs, iso, half_width=width / 2)
    fig.axes[0].set_title(f"Faixas de {fmt.num(width, 2)} década: "
                          r"$N_\mathrm{opt} \propto C^{" f"{fmt.num(iso.a, 2)}" "}$ "
                          f"({len(iso.budgets)} faixas)")
    return fig


def isoflop_bands_alt(runs, bin_width: float = 0.1) -> str:
    from . import chinchilla as ch

    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=bin_width)
    return (f"Grupos de execuções com a perda em função do número de parâmetros, cada um com uma "
            f"parábola e uma estrela no mínimo. Com faixas de {fmt.num(bin_width, 2)} década, "
            f"há {len(iso.budgets)} faixas utilizáveis e o expoente ajustado do tamanho ótimo é "
            f"{fmt.num(iso.a, 2)}.")


def tokens_per_param_history(model_list, rule: float = 20.0):
    """Tokens por parâmetro de modelos reais ao longo dos anos, contra a regra de 20×."""
    rule = _check.positive("rule", rule)
    fig, ax = new_figure(width=7.2, height=4.6)
    for k, m in enumerate(model_list):
        jitter = 0.12 * ((k % 5) - 2)
        ax.plot([m.year + jitter], [m.tokens_per_param],
                **_points(k % 7, markersize=7, markeredgecolor="black"))
    ax.axhline(rule, **_line(1, linewidth=1.5), label=f"{fmt.num(rule, 0)} tokens por parâmetro")
    log_axes(ax, x=False, y=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos=None: f"{v:.0f}"))
    ax.set(xlabel="ano", ylabel="tokens por parâmetro (D/N)")
    ax.legend(fontsize=9, loc="upper left")
    ax.set_xlim(ax.get_xlim()[0] - 0.3, ax.get_xlim()[1] + 0.3)
    place_labels(ax, [m.year + 0.12 * ((k % 5) - 2) for k, m in enumerate(model_list)],
                 [m.tokens_per_param for m in model_list], [m.name for m in model_list],
                 fontsize=8)
    return fig


def budget_comparison(C_flops: float = 5.76e23, params=None):
    """Um orçamento: alocações de Kaplan e do Chinchilla, perdas previstas e tokens/parâmetro."""
    from . import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    c = _check.in_range("C_flops", C_flops, 1e18, 1e27)
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.0)
    C = np.geomspace(1e18, 1e27, 120)
    n_k, d_k = kaplan.allocation_for_compute(C)
    n_c, d_c = ch.compute_optimal(C, p)
    for ax, yk, yc, what in ((ax_n, n_k, n_c, r"$N_\mathrm{opt}$ (parâmetros)"),
                             (ax_d, d_k, d_c, r"$D_\mathrm{opt}$ (tokens)")):
        ax.plot(C, yk, **_line(1), label="Kaplan (Tabela 6)")
        ax.plot(C, yc, **_line(0), label=f"Chinchilla: {_params_name(p)}")
        ax.axvline(c, **_line(6, linewidth=1.0, linestyle=":"))
        log_axes(ax)
        ax.set(xlabel="C (FLOPs)", ylabel=what)
    nk, dk = kaplan.allocation_for_compute(c)
    nc, dc = ch.compute_optimal(c, p)
    for ax, (yk, yc) in ((ax_n, (nk, nc)), (ax_d, (dk, dc))):
        ax.plot([c], [yk], **_points(1, markersize=8, markeredgecolor="black"))
        ax.plot([c], [yc], **_points(0, markersize=8, markeredgecolor="black"))
    ax_n.legend(fontsize=8, loc="upper left")
    fig.suptitle(
        f"C = {fmt.sci(c, 2)} FLOPs\nKaplan: {fmt.sci(nk, 1)} parâmetros, "
        f"{fmt.num(dk / nk, 1)} tokens/parâmetro\nChinchilla: {fmt.sci(nc, 1)} parâmetros, "
        f"{fmt.num(dc / nc, 1)} tokens/parâmetro, perda {fmt.num(ch.loss(nc, dc, p), 3)}",
        fontsize=9)
    return fig


def budget_comparison_alt(C_flops: float, params=None) -> str:
    from . import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    nk, dk = kaplan.allocation_for_compute(C_flops)
    nc, dc = ch.compute_optimal(C_flops, p)
    return (f"Dois gráficos log-log em função do compute, com as retas de Kaplan e do Chinchilla "
            f"para parâmetros (esquerda) e tokens (direita). No orçamento de "
            f"{fmt.sci(C_flops, 2)} FLOPs, Kaplan recomenda {fmt.sci(nk, 1)} parâmetros e "
            f"{fmt.sci(dk, 1)} tokens; o Chinchilla, {fmt.sci(nc, 1)} parâmetros e "
            f"{fmt.sci(dc, 1)} tokens.")


def inference_aware(L_target: float, D_inference_values=None, params=None):
    """N e D de treino ótimos (Sardana et al. 2024) em função da demanda de inferência."""
    from . import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    lt = _check.positive("L_target", L_target)
    d_inf = (np.geomspace(1e9, 1e15, 40) if D_inference_values is None
             else np.atleast_1d(_check.nonnegative("D_inference_values", D_inference_values)))
    n_opt, d_opt = ch.inference_aware_frontier(lt, d_inf, p)
    base = ch.inference_aware_optimal(lt, 0.0, p)
    fig, (ax_n, ax_t) = new_figure(ncols=2, width=7.0, height=4.0)
    ax_n.plot(d_inf, n_opt, **_line(0), label="N ótimo com inferência")
    ax_n.axhline(base.N, **_line(1, linewidth=1.2), label="N ótimo só do treino (Chinchilla)")
    ax_t.plot(d_inf, d_opt / n_opt, **_line(2), label="tokens de treino por parâmetro")
    ax_t.axhline(base.tokens_per_param, **_line(1, linewidth=1.2), label="Chinchilla")
    for ax, what in ((ax_n, "N (parâmetros)"), (ax_t, r"$D_\mathrm{treino}/N$")):
        log_axes(ax)
        ax.set(xlabel="tokens de inferência na vida do modelo", ylabel=what)
        ax.legend(fontsize=8)
    fig.suptitle(f"Mesma perda ({fmt.num(lt, 3)} nats/token), custo total mínimo\n"
                 f"{_params_name(p)}", fontsize=10)
    return fig


def inference_demand(log10_D_inference: float = 13.0, L_target: float | None = None):
    """Para o widget: uma demanda de inferência → N e D ótimos contra o Chinchilla-ótimo."""
    from . import chinchilla as ch

    x = _check.in_range("log10_D_inference", log10_D_inference, 9.0, 15.0)
    p = ch.BESIROGLU_2024
    lt = float(ch.optimal_loss(ch.GOPHER_BUDGET, p)) if L_target is None else L_target
    fig = inference_aware(lt, np.geomspace(1e9, 1e15, 25), p)
    o = ch.inference_aware_optimal(lt, 10**x, p)
    for ax, y in zip(fig.axes, (o.N, o.tokens_per_param), strict=True):
        ax.axvline(10**x, **_line(6, linewidth=1.0, linestyle=":"))
        ax.plot([10**x], [y], **_points(0, markersize=9, markeredgecolor="black"))
    return fig


def inference_demand_alt(log10_D_inference: float, L_target: float | None = None) -> str:
    from . import chinchilla as ch

    p = ch.BESIROGLU_2024
    lt = float(ch.optimal_loss(ch.GOPHER_BUDGET, p)) if L_target is None else L_target
    o = ch.inference_aware_optimal(lt, 10**log10_D_inference, p)
    base = ch.inference_aware_optimal(lt, 0.0, p)
    return (f"Dois gráficos: o número ótimo de parâmetros cai, e os tokens de treino por "
            f"parâmetro sobem, à medida que cresce a demanda de inferência. Com "
            f"{fmt.sci(10**log10_D_inference, 1)} tokens de inferência, o ótimo é "
            f"{fmt.sci(o.N, 2)} parâmetros ({fmt.num(o.tokens_per_param, 0)} tokens por "
            f"parâmetro), contra {fmt.sci(base.N, 2)} sem inferência.")


# --- Capítulo 5: o paradoxo ---------------------------------------------------------------

_N_RANGE_CH4 = (1e7, 1e12)


def _task(task):
    from .emergence import ILLUSTRATIVE_TASK, TaskLoss

    task = ILLUSTRATIVE_TASK if task is None else task
    if not isinstance(task, TaskLoss):
        raise TypeError(f"task deve ser um TaskLoss; recebido {task!r}.")
    return task


def loss_and_ability(task=None, length: int = 10):
    """Os dois diagramas da memória: a perda cai suave; o acerto exato parece saltar."""
    from .emergence import exact_match, per_token_accuracy

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
    right.set(xlabel="N (parâmetros)", ylabel="acurácia", title="A capacidade: um salto?")
    for ax in (left, right):
        ax.legend(fontsize=9)
    return fig


def mirage_grid(task=None, lengths=(1, 2, 5, 10)):
    """Pequenos múltiplos: acerto exato (p^k) e distância de edição (k·(1−p)) para vários k."""
    from .emergence import exact_match, per_token_accuracy, token_edit_distance

    t = _task(task)
    ks = np.atleast_1d(_check.positive_int("lengths", lengths))
    N = np.geomspace(*_N_RANGE_CH4, 200)
    p = per_token_accuracy(t(N))
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=3.8)
    for i, k in enumerate(ks):
        left.plot(N, exact_match(p, int(k)), **_line(i), label=f"k = {int(k)}")
        right.plot(N, token_edit_distance(p, int(k)), **_line(i), label=f"k = {int(k)}")
    left.set(title=r"Acerto exato: $p^{k}$", ylabel="acurácia")
    right.set(title="Distância de edição: k·(1 − p)", ylabel="tokens errados (menos é melhor)")
    for ax in (left, right):
        log_axes(ax, x=True, y=False)
        ax.set_xlabel("N (parâmetros)")
        ax.legend(fontsize=8, title="tokens na resposta", title_fontsize=8)
    left.yaxis.set_major_formatter(FuncFormatter(lambda v, _p=None: fmt.pct(v, 0)))
    return fig


def mirage(metric: str = "exact_match", length: int = 5, n_questions: int = 100,
           seed: int = 0, task=None):
    """Uma métrica sobre N: a curva esperada e a medida num teste de ``n_questions`` questões."""
    from .emergence import METRIC_LABELS, sample_accuracy, score

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
    from .emergence import METRIC_LABELS

    k = _check.positive_int("length", length)
    questions = fmt.count(_check.positive_int("n_questions", n_questions), "questão", "questões")
    shape = {"exact_match": "fica perto de zero e depois sobe de repente",
             "edit_distance": "cai de forma suave",
             "per_token": "sobe de forma suave"}[metric]
    if metric == "exact_match" and k == 1:  # p¹ = p: o acerto exato é a acurácia por token
        shape = "sobe de forma suave (com 1 token, o acerto exato é a acurácia por token)"
    extra = {"exact_match": f"; os pontos medidos com {questions} seguem a curva com degraus, e "
                            "os modelos pequenos tiram exatamente zero quando a chance de acerto "
                            "é pequena",
             "edit_distance": "",
             "per_token": f"; os pontos medidos com {questions} oscilam em torno da curva"}
    if k == 1:
        extra["exact_match"] = f"; os pontos medidos com {questions} oscilam em torno da curva"
    return (f"Gráfico de {METRIC_LABELS[metric]} contra o número de parâmetros, em escala log, "
            f"para respostas de {fmt.count(k, 'token', 'tokens')}: a curva {shape}"
            f"{extra[metric]}.")


def resolution(task=None, length: int = 10, sizes=(10, 100, 1000), seed: int = 0):
    """O efeito do tamanho do teste: acerto exato medido com 10, 100 e 1.000 questões."""
    from .emergence import exact_match, per_token_accuracy, sample_accuracy

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


# --- Capítulo 7: o laboratório ------------------------------------------------------------

def lab_scaling(runs, params, noise: float):
    """L × N (com o maior D) e L × D (com o maior N): medidas, lei ajustada e o piso σ²."""
    from .chinchilla import LossParams
    from .chinchilla import loss as law
    from .lab import LabRuns

    if not isinstance(runs, LabRuns):
        raise TypeError(f"runs deve ser um LabRuns; recebido {runs!r}.")
    if not isinstance(params, LossParams):
        raise TypeError(f"params deve ser um LossParams; recebido {params!r}.")
    r, p = runs, params
    noise = _check.positive("noise", noise)
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=4.0)
    for ax, x_all, fixed, other, name in ((ax_n, r.N, r.D, r.D.max(), "N (features)"),
                                          (ax_d, r.D, r.N, r.N.max(), "D (amostras)")):
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
    ax_n.set_title(f"D = {fmt.count(int(r.D.max()), 'amostra', 'amostras')}")
    ax_d.set_title(f"N = {fmt.count(int(r.N.max()), 'feature', 'features')}")
    return fig


def lab_isoflop(iso, predicted_exponent: float):
    """Curvas IsoFLOP do laboratório (C = N·D) e N_opt × C, medido contra o previsto."""
    from .lab import IsoflopResult

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
    from .lab import LabSetup, measure

    setup = LabSetup(seeds=4) if setup is None else setup
    d = _check.positive_int("D", D, minimum=8)
    Ns = np.unique(np.geomspace(4, setup.max_features, 24).astype(int))
    Ds = np.full(Ns.size, d)
    plain = measure(Ns, Ds, setup, ridgeless=True)
    tuned = measure(Ns, Ds, setup)
    fig, ax = new_figure(width=6.8, height=4.0)
    ax.plot(Ns, plain.loss, **_line(1, marker="o", markersize=4), label="sem regularização")
    ax.plot(Ns, tuned.loss, **_line(0, marker="s", markersize=4), label="ridge ajustada")
    ax.axvline(d, **_line(6, linewidth=1.0, linestyle=":"), label=f"N = D = {d}")
    log_axes(ax)
    ax.set(xlabel="N (features)", ylabel="perda de teste",
           title=f"D = {fmt.count(d, 'amostra', 'amostras')}")
    ax.legend(fontsize=9)
    return fig


def lab_sweep(spectrum: float = 1.5, noise: float = 0.25):
    """Para o widget: uma varredura pequena (2 sementes) com outro espectro ou outro ruído."""
    from .chinchilla import fit_parametric
    from .chinchilla import loss as law
    from .lab import LabSetup, grid

    setup = LabSetup(spectrum=spectrum, noise=noise, latent_dim=512, max_features=256,
                     max_samples=2048, seeds=2)
    Ns, Ds = (8, 16, 32, 64, 128, 256), (16, 64, 256, 1024, 2048)
    runs = grid(Ns, Ds, setup)
    p = fit_parametric(runs.N, runs.D, runs.loss).params
    fig, (ax_n, ax_d) = new_figure(ncols=2, width=7.2, height=3.8)
    for i, d in enumerate(Ds):
        sel = runs.D == d
        ax_n.plot(runs.N[sel], runs.loss[sel], **_line(i, marker=style(i)["marker"],
                                                         markersize=4), label=f"D = {d}")
    for i, n in enumerate(Ns):
        sel = runs.N == n
        ax_d.plot(runs.D[sel], runs.loss[sel], **_line(i, marker=style(i)["marker"],
                                                         markersize=4), label=f"N = {n}")
    xs = np.geomspace(8, 256, 50)
    ax_n.plot(xs, law(xs, 2048.0, p), color="black", linewidth=1.0, linestyle=":",
              label="lei ajustada (D = 2048)")
    for ax, name in ((ax_n, "N (features)"), (ax_d, "D (amostras)")):
        ax.axhline(noise, color="#777777", linewidth=1.0)
        log_axes(ax)
        ax.set(xlabel=name, ylabel="perda de teste")
        ax.legend(fontsize=8)
    fig.suptitle(f"espectro a = {fmt.num(spectrum, 2)}, ruído σ² = {fmt.num(noise, 2)}\n"
                 f"ajuste: E = {fmt.num(p.E, 3)}, α = {fmt.num(p.alpha, 2)}, "
                 f"β = {fmt.num(p.beta, 2)}", fontsize=10)
    return fig


def lab_sweep_alt(spectrum: float, noise: float) -> str:
    return (f"Dois gráficos log-log da perda de teste do laboratório, com espectro "
            f"{fmt.num(spectrum, 2)} e ruído {fmt.num(noise, 2)}: à esquerda contra o número de "
            "features, uma curva por tamanho de dados; à direita contra o número de amostras, "
            "uma curva por tamanho de modelo. Todas descem e se achatam perto da linha cinza do "
            "ruído; o título dá os parâmetros ajustados.")
