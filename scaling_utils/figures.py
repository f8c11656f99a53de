"""As figuras do livro: funções puras que recebem parâmetros e devolvem uma Figure.

Os widgets (``widgets``) e os cadernos chamam estas funções; os testes as exercitam sem
navegador. Cada figura usa o estilo de ``plotting`` (pt-BR, fundo branco, Okabe–Ito com
marcadores e traços). As funções ``*_alt`` descrevem a figura para o texto alternativo.
"""

from __future__ import annotations

import numpy as np

from . import _check, fmt, kaplan
from .compute import PF_DAY_FLOPS, flops_to_pf_days
from .plotting import linear_axes, log_axes, new_figure, style
from .powerlaw import fit_loglog, power_law, sample_power_law


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
    fig, (left, right) = new_figure(ncols=2, width=9.0, height=3.6)
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
    fig.suptitle(f"y = {fmt.num(a, 2)}·x^({fmt.num(alpha, 2)})"
                 + (f" + {fmt.num(E, 2)}" if E > 0 else ""))
    return fig


def power_law_panels_alt(a: float, alpha: float, E: float) -> str:
    floor = (f" com piso E = {fmt.num(E, 2)}: no log-log a curva se achata ao se aproximar do "
             "piso" if E > 0 else ": no log-log, uma reta")
    return (f"Dois gráficos da lei y = {fmt.num(a, 1)}·x elevado a {fmt.num(alpha, 2)}, "
            f"em eixos lineares e log-log{floor}.")


def _fit_panel(ax, noise: float, decades: float, seed: int, n: int = 15,
               alpha: float = -0.5) -> None:
    x, y = sample_power_law(1.0, alpha, 1.0, 10**decades, n, noise, seed)
    fit = fit_loglog(x, y)
    lo, hi = fit.alpha_interval()
    ax.plot(x, y, **_points(0), label="medidas")
    ax.plot(x, power_law(x, 1.0, alpha), **_line(2, linewidth=1.2), label=f"verdade: α = "
            f"{fmt.num(alpha, 2)}")
    ax.plot(x, fit.predict(x), **_line(1), label=f"ajuste: α = {fmt.num(fit.alpha, 2)}")
    ax.set_title(f"ruído {fmt.num(noise, 2)}, {fmt.num(decades, 1)} década(s)\n"
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
            f"com expoente −0,5 ao longo de {fmt.num(decades, 1)} década(s), com a lei "
            "verdadeira e a reta ajustada; o título dá o intervalo de confiança do expoente.")


def fit_demo_grid(noises=(0.05, 0.4), decades=(1.0, 3.0), seed: int = 0):
    """Pequenos múltiplos: ruído (linhas) × alcance em décadas (colunas)."""
    noises = np.atleast_1d(_check.nonnegative("noises", noises))
    decades = np.atleast_1d(_check.positive("decades", decades))
    seed = _check.positive_int("seed", seed, minimum=0)
    fig, axes = new_figure(ncols=len(decades), nrows=len(noises), width=9.0, height=6.4)
    axes = np.atleast_2d(axes)
    for i, noise in enumerate(noises):
        for j, dec in enumerate(decades):
            _fit_panel(axes[i, j], noise, dec, seed)
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
        return E + power_law(x, A, -alpha)

    fit = fit_loglog(x_fit, truth(x_fit))
    x_all = np.geomspace(1.0, 10 ** (fit_decades + extra_decades), 300)
    fig, ax = new_figure(width=6.8, height=4.2)
    ax.plot(x_all, truth(x_all), **_line(0), label=f"verdade: {fmt.num(E, 1)} + "
            f"{fmt.num(A, 1)}·x^(−{fmt.num(alpha, 1)})")
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
    fig, axes = new_figure(ncols=3, width=11.0, height=3.8)
    N = np.geomspace(1e2, 1e13, 300)
    D = np.geomspace(1e6, 1e14, 300)
    C = np.geomspace(1e-10, 1e6, 300)
    c_lo, c_hi = kaplan.compute_range_pf_days()
    panels = [
        (N, kaplan.loss_n(N), kaplan.N_RANGE, "N (parâmetros sem embedding)", "L(N)"),
        (D, kaplan.loss_d(D), kaplan.D_RANGE, "D (tokens)", "L(D)"),
        (C, kaplan.loss_c(C), (c_lo, c_hi), "C_min (PF-dias)", "L(C)"),
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
    n_opt, d_opt = kaplan.optimal_allocation(C / PF_DAY_FLOPS)
    gpt3 = by_name("GPT-3")
    fig, (left, right) = new_figure(ncols=2, width=10.0, height=4.0)
    left.plot(C, n_opt, **_line(0), label="N_opt (parâmetros)")
    left.plot(C, d_opt, **_line(1), label="D_opt (tokens)")
    left.plot([3.14e23], [gpt3.N], **_points(0, marker="*", markersize=12),
              label="GPT-3: parâmetros")
    left.plot([3.14e23], [gpt3.D], **_points(1, marker="*", markersize=12),
              label="GPT-3: tokens")
    left.axvline(c_sel, **_line(6, linewidth=1.0, linestyle=":"), label="orçamento escolhido")
    log_axes(left)
    left.set(xlabel="C (FLOPs)", title="Alocação de Kaplan (Tabela 6)")
    left.legend(fontsize=8)
    right.plot(C, kaplan.loss_c(C / PF_DAY_FLOPS), **_line(2), label="L(C_min)")
    right.plot([c_sel], [kaplan.loss_c(c_sel / PF_DAY_FLOPS)], **_points(6, markersize=9),
               label="orçamento escolhido")
    log_axes(right, x=True, y=False)
    right.set(xlabel="C (FLOPs)", ylabel="perda prevista (nats/token)", title="Perda prevista")
    right.legend(fontsize=8)
    n, d = kaplan.optimal_allocation(flops_to_pf_days(c_sel))
    fig.suptitle(f"C = {fmt.sci(c_sel, 2)} FLOPs = {fmt.sci(flops_to_pf_days(c_sel), 2)} "
                 f"PF-dias → N_opt = {fmt.sci(n, 1)}, D_opt = {fmt.sci(d, 1)}", fontsize=10)
    return fig


def kaplan_allocation_alt(C_flops: float) -> str:
    pf = flops_to_pf_days(C_flops)
    n, d = kaplan.optimal_allocation(pf)
    return (f"Dois gráficos log-log em função do compute. À esquerda, as retas de N_opt e D_opt "
            f"de Kaplan, com o GPT-3 marcado por estrelas; no orçamento escolhido, "
            f"{fmt.sci(C_flops, 2)} FLOPs, N_opt = {fmt.sci(n, 1)} parâmetros e D_opt = "
            f"{fmt.sci(d, 1)} tokens. À direita, a perda prevista L(C), que cai devagar, e o "
            f"ponto do orçamento, {fmt.num(float(kaplan.loss_c(pf)), 2)} nats por token.")


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
