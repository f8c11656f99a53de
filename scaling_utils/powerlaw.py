"""Leis de potência y = a·x^α e o ajuste por reta em escala log-log.

Em log-log, log y = log a + α·log x: uma reta de inclinação α.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _check


def power_law(x, a, alpha):
    """y = a · x^α. ``x`` e ``a`` positivos; ``alpha`` qualquer número finito."""
    xv = _check.positive("x", x)
    av = _check.positive("a", a)
    al = _check.finite("alpha", alpha)
    _check.broadcastable(x=xv, a=av, alpha=al)
    return av * np.power(xv, al)


@dataclass(frozen=True)
class PowerLawFit:
    """Resultado de :func:`fit_loglog`.

    a, alpha: a lei ajustada y = a·x^α; r2: coeficiente de determinação em log-log;
    alpha_stderr: erro-padrão da inclinação (mínimos quadrados ordinários em log-log).
    """

    a: float
    alpha: float
    r2: float
    alpha_stderr: float
    n_points: int

    def predict(self, x):
        """Valor da lei ajustada em ``x``."""
        return power_law(x, self.a, self.alpha)

    def alpha_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Intervalo de confiança da inclinação (t de Student com n − 2 graus de liberdade)."""
        lv = _check.probability("level", level)
        if not 0 < lv < 1:
            raise ValueError(f"level deve estar entre 0 e 1 (exclusive); recebido {level!r}.")
        from scipy.stats import t

        half = t.ppf(0.5 + lv / 2, self.n_points - 2) * self.alpha_stderr
        return float(self.alpha - half), float(self.alpha + half)


def fit_loglog(x, y) -> PowerLawFit:
    """Ajusta y = a·x^α por mínimos quadrados na reta log y = log a + α·log x.

    Exige pelo menos 3 pontos pareados, positivos, e pelo menos dois valores distintos de x.
    """
    xv = np.atleast_1d(_check.positive("x", x))
    yv = np.atleast_1d(_check.positive("y", y))
    _check.same_shape(x=xv, y=yv)
    _check.min_length("x", xv, 3)
    lx, ly = np.log(xv), np.log(yv)
    if np.ptp(lx) == 0:
        raise ValueError(f"x precisa de pelo menos dois valores distintos; recebido x = {x!r}.")
    n = lx.size
    mx, my = lx.mean(), ly.mean()
    sxx = np.sum((lx - mx) ** 2)
    alpha = float(np.sum((lx - mx) * (ly - my)) / sxx)
    intercept = my - alpha * mx
    resid = ly - (intercept + alpha * lx)
    ss_res = float(np.sum(resid**2))
    ss_tot = float(np.sum((ly - my) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0
    stderr = float(np.sqrt(ss_res / (n - 2) / sxx)) if n > 2 else float("nan")
    return PowerLawFit(float(np.exp(intercept)), alpha, r2, stderr, n)


def doubling_factor(alpha):
    """Fator pelo qual y é multiplicado quando x dobra, numa lei y ∝ x^α: 2^α."""
    return 2.0 ** _check.finite("alpha", alpha)


def sample_power_law(a, alpha, x_min, x_max, n, noise, seed, E=0.0):
    """Amostra semeada de y = (E + a·x^α)·e^(ruído·z), z ~ Normal(0, 1), com x em escala log.

    ``noise`` é o desvio-padrão do ruído multiplicativo (em log natural). Devolve (x, y).
    """
    av = _check.positive("a", a)
    al = _check.finite("alpha", alpha)
    lo = _check.positive("x_min", x_min)
    hi = _check.positive("x_max", x_max)
    if not hi > lo:
        raise ValueError(f"x_max deve ser maior que x_min; recebido x_min = {x_min!r}, "
                         f"x_max = {x_max!r}.")
    k = _check.positive_int("n", n, minimum=3)
    sd = _check.nonnegative("noise", noise)
    s = _check.positive_int("seed", seed, minimum=0)
    floor = _check.nonnegative("E", E)
    x = np.geomspace(lo, hi, k)
    z = np.random.default_rng(s).standard_normal(k)
    return x, (floor + av * x**al) * np.exp(sd * z)


def floored_power_law(x, E, A, alpha):
    """y = E + A·x^(−α): lei de queda com piso E ≥ 0 (a forma das leis com perda irredutível).

    Convenção do livro (página de notação): o expoente de queda ``alpha`` é positivo e o sinal
    fica na fórmula; ``alpha=0.5`` quer dizer x^(−0,5).
    """
    floor = _check.nonnegative("E", E)
    scale = _check.positive("A", A)
    return floor + power_law(x, scale, -_check.positive("alpha", alpha))


def fit_ignoring_floor(E, A, alpha, x_min, x_max, n: int = 20) -> PowerLawFit:
    """Ajusta uma lei *pura* (sem piso) a n pontos exatos de y = E + A·x^(−α) entre x_min e x_max.

    Mostra o que acontece quando se ignora o piso: a inclinação sai rasa demais e a reta,
    estendida, passa abaixo de E. ``alpha`` > 0, como em :func:`floored_power_law`.
    """
    lo = _check.positive("x_min", x_min)
    hi = _check.positive("x_max", x_max)
    if not hi > lo:
        raise ValueError(f"x_max deve ser maior que x_min; recebido x_min = {x_min!r}, "
                         f"x_max = {x_max!r}.")
    k = _check.positive_int("n", n, minimum=3)
    x = np.geomspace(lo, hi, k)
    return fit_loglog(x, floored_power_law(x, E, A, alpha))
