"""Leis de potência y = c·x^k e o ajuste por reta em escala log-log.

Em log-log, log y = log c + k·log x: uma reta de inclinação k (qualquer sinal). As leis de
queda do livro escrevem o sinal na fórmula, y = c·x^(−α) com α > 0, isto é, k = −α
(página de notação).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _check


def power_law(x, c, k):
    """y = c · x^k. ``x`` e ``c`` positivos; a inclinação ``k`` é qualquer número finito."""
    xv = _check.positive("x", x)
    cv = _check.positive("c", c)
    kv = _check.finite("k", k)
    _check.broadcastable(x=xv, c=cv, k=kv)
    return cv * np.power(xv, kv)


@dataclass(frozen=True)
class PowerLawFit:
    """Resultado de :func:`fit_loglog`.

    c, k: a lei ajustada y = c·x^k (k é a inclinação em log-log, com sinal);
    r2: coeficiente de determinação em log-log;
    k_stderr: erro-padrão da inclinação (mínimos quadrados ordinários em log-log).
    """

    c: float
    k: float
    r2: float
    k_stderr: float
    n_points: int

    def predict(self, x):
        """Valor da lei ajustada em ``x``."""
        return power_law(x, self.c, self.k)

    def k_interval(self, level: float = 0.95) -> tuple[float, float]:
        """Intervalo de confiança da inclinação (t de Student com n − 2 graus de liberdade)."""
        lv = _check.probability("level", level)
        if not 0 < lv < 1:
            raise ValueError(f"level deve estar entre 0 e 1 (exclusive); recebido {level!r}.")
        from scipy.stats import t

        half = t.ppf(0.5 + lv / 2, self.n_points - 2) * self.k_stderr
        return float(self.k - half), float(self.k + half)


def fit_loglog(x, y) -> PowerLawFit:
    """Ajusta y = c·x^k por mínimos quadrados na reta log y = log c + k·log x.

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
    slope = float(np.sum((lx - mx) * (ly - my)) / sxx)
    intercept = my - slope * mx
    resid = ly - (intercept + slope * lx)
    ss_res = float(np.sum(resid**2))
    ss_tot = float(np.sum((ly - my) ** 2))
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0
    stderr = float(np.sqrt(ss_res / (n - 2) / sxx)) if n > 2 else float("nan")
    return PowerLawFit(float(np.exp(intercept)), slope, r2, stderr, n)


def doubling_factor(k):
    """Fator pelo qual y é multiplicado quando x dobra, numa lei y ∝ x^k: 2^k.

    Numa lei de queda y ∝ x^(−α), passe ``k=-alpha``: o fator é 2^(−α) < 1.
    """
    return 2.0 ** _check.finite("k", k)


def sample_power_law(c, k, x_min, x_max, n, noise, seed, E=0.0):
    """Amostra semeada de y = (E + c·x^k)·e^(ruído·z), z ~ Normal(0, 1), com x em escala log.

    ``noise`` é o desvio-padrão do ruído multiplicativo (em log natural). Devolve (x, y).
    """
    cv = _check.positive("c", c)
    kv = _check.finite("k", k)
    lo = _check.positive("x_min", x_min)
    hi = _check.positive("x_max", x_max)
    if not hi > lo:
        raise ValueError(f"x_max deve ser maior que x_min; recebido x_min = {x_min!r}, "
                         f"x_max = {x_max!r}.")
    m = _check.positive_int("n", n, minimum=3)
    sd = _check.nonnegative("noise", noise)
    s = _check.positive_int("seed", seed, minimum=0)
    floor = _check.nonnegative("E", E)
    x = np.geomspace(lo, hi, m)
    z = np.random.default_rng(s).standard_normal(m)
    return x, (floor + cv * x**kv) * np.exp(sd * z)


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
    m = _check.positive_int("n", n, minimum=3)
    x = np.geomspace(lo, hi, m)
    return fit_loglog(x, floored_power_law(x, E, A, alpha))
