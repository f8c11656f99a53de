"""Figuras do capítulo 1, "Leis de potência": a mesma lei em eixos lineares e log-log, o ajuste
log-log sob ruído, a extrapolação que ignora o piso e a terceira lei de Kepler. As contas ficam
em ``powerlaw`` e ``planets``."""

from __future__ import annotations

import numpy as np

from .. import _check, fmt
from ..plotting import linear_axes, log_axes, new_figure
from ..powerlaw import (
    fit_ignoring_floor,
    fit_loglog,
    floored_power_law,
    power_law,
    sample_power_law,
)
from ._comum import _line, _points


def power_law_panels(c: float = 1.0, k: float = -0.5, E: float = 0.0,
                     x_min: float = 1.0, x_max: float = 1e3):
    """A mesma lei y = E + c·x^k em eixos lineares (esquerda) e log-log (direita)."""
    E = _check.nonnegative("E", E)
    lo = _check.positive("x_min", x_min)
    hi = _check.positive("x_max", x_max)
    if hi <= lo:
        raise ValueError(f"x_max deve ser maior que x_min; recebido x_min = {x_min!r}, "
                         f"x_max = {x_max!r}.")
    x = np.geomspace(lo, hi, 200)
    y = E + power_law(x, c, k)
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
    fig.suptitle(f"$y = {_math(fmt.num(c, 2))}\\cdot x^{{{_math(fmt.num(k, 2))}}}$"
                 + (f" + {fmt.num(E, 2)}" if E > 0 else ""))
    return fig


def power_law_panels_alt(c: float, k: float, E: float) -> str:
    floor = (f" com piso E = {fmt.num(E, 2)}: no log-log a curva se achata ao se aproximar do "
             "piso" if E > 0 else ": no log-log, uma reta")
    return (f"Dois gráficos da lei y = {fmt.num(c, 1)}·x elevado a {fmt.num(k, 2)}, "
            f"em eixos lineares e log-log{floor}.")


def _math(number: str) -> str:
    """Um número pt-BR dentro de mathtext: a vírgula entre chaves (``1{,}00``), senão o
    mathtext a trata como pontuação e põe um espaço depois dela ("1, 00")."""
    return number.replace(",", "{,}")


def _decades_word(decades: float) -> str:
    """Plural de verdade: "1,0 década", "3,0 décadas" (abaixo de 2, singular)."""
    return "década" if abs(decades) < 2 else "décadas"


def _fit_panel(ax, noise: float, decades: float, seed: int, n: int = 15,
               k: float = -0.5) -> None:
    x, y = sample_power_law(1.0, k, 1.0, 10**decades, n, noise, seed)
    fit = fit_loglog(x, y)
    lo, hi = fit.k_interval()
    ax.plot(x, y, **_points(0), label="medidas")
    ax.plot(x, power_law(x, 1.0, k), **_line(2, linewidth=1.2), label=f"lei verdadeira: k = "
            f"{fmt.num(k, 2)}")
    ax.plot(x, fit.predict(x), **_line(1), label=f"ajuste: k = {fmt.num(fit.k, 2)}")
    ax.set_title(f"ruído {fmt.num(noise, 2)}; {fmt.num(decades, 1)} {_decades_word(decades)}\n"
                 f"IC 95%: {fmt.num(lo, 2)} a {fmt.num(hi, 2)}", fontsize=10)
    log_axes(ax)


def fit_demo(noise: float = 0.2, decades: float = 2.0, seed: int = 1):
    """Um ajuste log-log sobre medidas ruidosas: a verdade, as medidas e a reta ajustada."""
    noise = _check.in_range("noise", noise, 0.0, 2.0)
    decades = _check.in_range("decades", decades, 0.2, 6.0)
    seed = _check.positive_int("seed", seed, minimum=0)
    fig, ax = new_figure(width=6.4, height=4.2)
    _fit_panel(ax, noise, decades, seed)
    ax.set(xlabel="x", ylabel="y")
    ax.legend(fontsize=9, loc="lower left")
    return fig


def fit_demo_alt(noise: float, decades: float, seed: int = 1) -> str:
    return (f"Gráfico log-log de 15 medidas ruidosas (ruído {fmt.num(noise, 2)}) de uma lei "
            f"com expoente −0,5 ao longo de {fmt.num(decades, 1)} {_decades_word(decades)}, "
            "com a lei "
            "verdadeira e a reta ajustada; o título dá o intervalo de confiança do expoente.")


def fit_demo_grid(noises=(0.05, 0.4), decades=(1.0, 3.0), seed: int = 1):
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
    ax.plot(x_all, truth(x_all), **_line(0), label=f"lei verdadeira: {fmt.num(E, 1)} + "
            f"${_math(fmt.num(A, 1))}\\cdot x^{{−{_math(fmt.num(alpha, 1))}}}$")
    ax.plot(x_fit, truth(x_fit), **_points(0), label="dados do ajuste")
    ax.plot(x_all, fit.predict(x_all), **_line(1), label=f"reta ajustada (inclinação "
            f"k = {fmt.num(fit.k, 3)})")
    ax.axhline(E, **_line(2, linewidth=1.0), label=f"piso E = {fmt.num(E, 1)}")
    ax.axvspan(10**fit_decades, x_all[-1], color="#000000", alpha=0.06, label="extrapolação")
    log_axes(ax)
    ax.set(xlabel="x (escala log)", ylabel="y (escala log)")
    ax.legend(fontsize=9, loc="lower left")
    return fig


def kepler(planets):
    """Terceira lei de Kepler em log-log: período × semieixo maior, com a reta ajustada."""
    from ..planets import Planet

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
    ax.plot(a, fit.predict(a), **_line(1), label=f"ajuste: inclinação {fmt.num(fit.k, 3)}")
    for p in planets:
        ax.annotate(p.name, (p.semi_major_axis_km, p.period_days), textcoords="offset points",
                    xytext=(6, -10), fontsize=9)
    log_axes(ax)
    ax.set(xlabel="semieixo maior (km)", ylabel="período orbital (dias)")
    ax.legend(loc="upper left")
    return fig
