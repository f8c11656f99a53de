"""O ajuste da lei paramétrica (Abordagem 3; Hoffmann et al. 2022, Apêndice D.2) e o bootstrap da
replicação de Besiroglu et al. (2024): Huber sobre o log da perda, L-BFGS a partir de uma grade.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .. import _check
from .lei import LossParams

#: Grade de inícios de Hoffmann et al. (2022), Apêndice D.2: α, β ∈ {0, 0,5, …, 2},
#: e ∈ {−1, −0,5, …, 1}, a, b ∈ {0, 5, …, 25} → 5·5·5·6·6 = 4.500 pontos.
#: A ordem dos parâmetros no vetor θ é (a, b, e, α, β), com A = eᵃ, B = eᵇ, E = eᵉ.
INIT_GRID = np.array(
    list(
        itertools.product(
            np.arange(0, 30, 5.0),  # a
            np.arange(0, 30, 5.0),  # b
            np.arange(-1, 1.5, 0.5),  # e
            np.arange(0, 2.5, 0.5),  # alpha
            np.arange(0, 2.5, 0.5),  # beta
        )
    )
)


STRATEGIES = ("fast", "exhaustive")


REDUCTIONS = ("sum", "mean")


@dataclass(frozen=True)
class ParametricFit:
    """Resultado de :func:`fit_parametric`: parâmetros, valor do objetivo e nº de pontos."""

    params: LossParams
    objective: float
    n_points: int
    theta: np.ndarray = field(repr=False)
    n_starts: int = 0


class _Objective:
    """Σ Huber_δ(LSE(a − α·log N, b − β·log D, e) − log L) e o seu gradiente (Eq. D.2)."""

    def __init__(self, N, D, L, delta, reduction):
        self.logN, self.logD, self.logL = np.log(N), np.log(D), np.log(L)
        self.delta = delta
        self.scale = 1.0 / self.logN.size if reduction == "mean" else 1.0

    def _residuals(self, theta):
        a, b, e, alpha, beta = np.moveaxis(np.asarray(theta), -1, 0)
        u = np.stack(
            np.broadcast_arrays(
                a[..., None] - alpha[..., None] * self.logN,
                b[..., None] - beta[..., None] * self.logD,
                e[..., None] + 0.0 * self.logN,
            ),
            axis=-1,
        )
        m = u.max(axis=-1, keepdims=True)
        w = np.exp(u - m)
        s = w.sum(axis=-1, keepdims=True)
        lse = (m + np.log(s))[..., 0]
        return lse - self.logL, w / s

    def _huber(self, r):
        d = self.delta
        ar = np.abs(r)
        return np.where(ar <= d, 0.5 * r * r, d * (ar - 0.5 * d))

    def values(self, thetas):
        """Objetivo em vários θ de uma vez (linhas de ``thetas``)."""
        r, _ = self._residuals(thetas)
        return self.scale * self._huber(r).sum(axis=-1)

    def __call__(self, theta):
        # As mesmas contas de _residuals e _huber, escritas para um só θ: o L-BFGS chama isto
        # dezenas de milhares de vezes, e as pilhas e eixos da versão vetorizada custavam 3×.
        a, b, e, alpha, beta = (float(v) for v in theta)
        u1 = a - alpha * self.logN
        u2 = b - beta * self.logD
        m = np.maximum(np.maximum(u1, u2), e)
        w1, w2, w3 = np.exp(u1 - m), np.exp(u2 - m), np.exp(e - m)
        s = w1 + w2 + w3
        r = (m + np.log(s)) - self.logL
        value = self.scale * float(self._huber(r).sum())
        g = np.clip(r, -self.delta, self.delta) * self.scale  # derivada da Huber
        p1, p2 = w1 / s, w2 / s
        grad = np.array([np.dot(g, p1), np.dot(g, p2), np.dot(g, w3 / s),
                         -np.dot(g, p1 * self.logN), -np.dot(g, p2 * self.logD)])
        return value, grad


#: Tolerâncias do L-BFGS-B. "strict": converge de fato (o problema é mal condicionado: com as
#: tolerâncias padrão, o otimizador para longe do mínimo). "scipy": os padrões do SciPy, para
#: reproduzir a parada prematura do ajuste de 2022.
TOLERANCES = {
    "strict": {"gtol": 1e-12, "ftol": 1e-15, "maxiter": 5000},
    "scipy": {"gtol": 1e-5, "ftol": 2.220446049250313e-09, "maxiter": 15000},
}


def _lbfgs(objective, theta0, tolerances="strict"):
    from scipy.optimize import minimize

    res = minimize(objective, theta0, jac=True, method="L-BFGS-B",
                   options=TOLERANCES[tolerances])
    return res.x, float(res.fun)


def _validate_runs(N, D, L):
    n = np.atleast_1d(_check.positive("N", N))
    d = np.atleast_1d(_check.positive("D", D))
    lv = np.atleast_1d(_check.positive("L", L))
    _check.same_shape(N=n, D=d, L=lv)
    _check.min_length("N", n, 5)
    return n, d, lv


def _theta_to_params(theta) -> LossParams:
    a, b, e, alpha, beta = (float(v) for v in theta)
    return LossParams(E=float(np.exp(e)), A=float(np.exp(a)), B=float(np.exp(b)),
                      alpha=alpha, beta=beta)


def fit_parametric(
    N, D, L, delta: float = 1e-3, *, reduction: str = "sum", strategy: str = "fast",
    n_refine: int = 16, tolerances: str = "strict",
) -> ParametricFit:
    """Ajusta L̂(N, D) = E + A/N^α + B/D^β como na Abordagem 3 (Hoffmann et al. 2022, Apêndice D.2).

    Minimiza Σ Huber_δ(LSE(a − α log N, b − β log D, e) − log L) com L-BFGS a partir da grade
    de 4.500 inícios (``INIT_GRID``).

    - ``reduction="sum"`` (padrão) soma as perdas de Huber, como na replicação de 2024;
      ``"mean"`` tira a média, o erro do artigo de 2022 (o L-BFGS para cedo).
    - ``strategy="exhaustive"`` roda o L-BFGS a partir de cada um dos 4.500 inícios;
      ``"fast"`` avalia o objetivo em toda a grade de uma vez, roda o L-BFGS a partir dos
      ``n_refine`` melhores inícios e fica com o melhor resultado — o mesmo ótimo, bem mais rápido.
    - ``tolerances``: ``"strict"`` (padrão) converge de fato; ``"scipy"`` usa os padrões do
      SciPy — com ``reduction="mean"``, reproduz a parada prematura de 2022.
    """
    n, d, lv = _validate_runs(N, D, L)
    delta_v = _check.positive("delta", delta)
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction deve ser 'sum' ou 'mean'; recebido {reduction!r}.")
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy deve ser 'fast' ou 'exhaustive'; recebido {strategy!r}.")
    if tolerances not in TOLERANCES:
        raise ValueError(f"tolerances deve ser 'strict' ou 'scipy'; recebido {tolerances!r}.")
    k = _check.positive_int("n_refine", n_refine)
    objective = _Objective(n, d, lv, delta_v, reduction)
    if strategy == "exhaustive":
        starts = INIT_GRID
    else:
        starts = INIT_GRID[np.argsort(objective.values(INIT_GRID), kind="stable")[:k]]
    best_theta, best_value = None, np.inf
    for theta0 in starts:
        theta, value = _lbfgs(objective, theta0, tolerances)
        if value < best_value:
            best_theta, best_value = theta, value
    return ParametricFit(_theta_to_params(best_theta), best_value, int(n.size),
                         best_theta, len(starts))


PARAM_NAMES = ("E", "A", "B", "alpha", "beta", "a", "b")


def bootstrap_draws(N, D, L, n_resamples: int, seed: int, *, delta: float = 1e-3) -> dict:
    """Os parâmetros ajustados em cada reamostra das execuções (com reposição, com semente).

    Cada reamostra é ajustada com L-BFGS a partir do ótimo de todas as execuções (partida
    quente: o ótimo de uma reamostra fica perto do ótimo global). Devolve
    ``{nome: array de n_resamples valores}`` para E, A, B, alpha, beta, a e b.
    """
    n, d, lv = _validate_runs(N, D, L)
    k = _check.positive_int("n_resamples", n_resamples, minimum=2)
    s = _check.positive_int("seed", seed, minimum=0)
    delta_v = _check.positive("delta", delta)
    base = fit_parametric(n, d, lv, delta_v)
    rng = np.random.default_rng(s)
    draws = np.empty((k, len(PARAM_NAMES)))
    for i in range(k):
        idx = rng.integers(0, n.size, n.size)
        obj = _Objective(n[idx], d[idx], lv[idx], delta_v, "sum")
        theta, _ = _lbfgs(obj, base.theta)
        p = _theta_to_params(theta)
        draws[i] = [p.E, p.A, p.B, p.alpha, p.beta, p.a, p.b]
    return {name: draws[:, j].copy() for j, name in enumerate(PARAM_NAMES)}


def _level(level) -> float:
    lvl = _check.probability("level", level)
    if not 0 < lvl < 1:
        raise ValueError(f"level deve estar entre 0 e 1 (exclusive); recebido {level!r}.")
    return lvl


def percentile_intervals(draws: dict, level: float = 0.95) -> dict:
    """Intervalos de percentis centrais de nível ``level`` para cada parâmetro de ``draws``.

    ``level = 0,8`` dá os percentis 10 e 90, o intervalo que Hoffmann et al. (2022, Tabela 2)
    relatam; ``0,95`` dá os percentis 2,5 e 97,5, o que Besiroglu et al. (2024) relatam.
    """
    tail = 100 * (1 - _level(level)) / 2
    return {name: tuple(float(v) for v in np.percentile(values, [tail, 100 - tail]))
            for name, values in draws.items()}


def bootstrap(N, D, L, n_resamples: int, seed: int, *, delta: float = 1e-3,
              level: float = 0.95) -> dict:
    """Intervalos de confiança (95% por padrão) por reamostragem das execuções, com semente.

    :func:`bootstrap_draws` seguido de :func:`percentile_intervals`. Devolve
    ``{nome: (inferior, superior)}`` para E, A, B, alpha, beta, a e b.
    """
    _validate_runs(N, D, L)
    _check.positive_int("n_resamples", n_resamples, minimum=2)
    _check.positive_int("seed", seed, minimum=0)
    lvl = _level(level)
    return percentile_intervals(bootstrap_draws(N, D, L, n_resamples, seed, delta=delta), lvl)
