"""Chinchilla: Hoffmann et al. (2022), *Training Compute-Optimal Large Language Models*,
e a replicação de Besiroglu et al. (2024).

Lei paramétrica (Abordagem 3): L̂(N, D) = E + A/N^α + B/D^β, com N = **todos** os parâmetros
e D = tokens. Sob C = 6·N·D, o mínimo tem forma fechada (Hoffmann et al. 2022, Eq. 4 e App. D.2):
N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b, G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from . import _check, fmt


@dataclass(frozen=True)
class LossParams:
    """Parâmetros de L̂(N, D) = E + A/N^α + B/D^β (E em nats/token)."""

    E: float
    A: float
    B: float
    alpha: float
    beta: float

    def __post_init__(self):
        _check.nonnegative("E", self.E)
        for name in ("A", "B", "alpha", "beta"):
            value = getattr(self, name)
            if isinstance(value, np.ndarray) and value.ndim > 0:
                raise TypeError(f"{name} deve ser um único número; recebido {value!r}.")
            _check.positive(name, value)
        if isinstance(self.E, np.ndarray) and self.E.ndim > 0:
            raise TypeError(f"E deve ser um único número; recebido {self.E!r}.")

    @property
    def a(self) -> float:
        """Expoente de N_opt ∝ C^a: a = β/(α+β)."""
        return self.beta / (self.alpha + self.beta)

    @property
    def b(self) -> float:
        """Expoente de D_opt ∝ C^b: b = α/(α+β)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def G(self) -> float:
        """G = (αA/(βB))^(1/(α+β)), o coeficiente da forma fechada."""
        return (self.alpha * self.A / (self.beta * self.B)) ** (1.0 / (self.alpha + self.beta))


#: Valores impressos em Hoffmann et al. (2022), Abordagem 3 (Eq. 10, App. D.2), arredondados.
HOFFMANN_2022 = LossParams(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)

#: Os mesmos com mais casas: não estão impressos no PDF (a App. D.2 traz só os arredondados);
#: vêm da **fonte TeX** do artigo no arXiv (2203.15556), como notam Besiroglu et al. (2024).
HOFFMANN_2022_FULL = LossParams(E=1.6934, A=406.40, B=410.72, alpha=0.33917, beta=0.28491)

#: Reajuste de Besiroglu et al. (2024), Eq. 4 / Tabela 1, sobre as 240 execuções digitalizadas.
BESIROGLU_2024 = LossParams(E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658)

#: Orçamento comum de Gopher e Chinchilla em FLOPs (Hoffmann et al. 2022, §4.1 e Tabela 3).
GOPHER_BUDGET = 5.76e23


def _params(params) -> LossParams:
    if not isinstance(params, LossParams):
        raise TypeError(f"params deve ser um LossParams; recebido {params!r}.")
    return params


def loss(N, D, params: LossParams = HOFFMANN_2022):
    """L̂(N, D) = E + A/N^α + B/D^β, em nats/token. N: todos os parâmetros; D: tokens."""
    p = _params(params)
    n = _check.positive("N", N)
    d = _check.positive("D", D)
    _check.broadcastable(N=n, D=d)
    return p.E + p.A / np.power(n, p.alpha) + p.B / np.power(d, p.beta)


def compute_optimal(C, params: LossParams = HOFFMANN_2022):
    """(N_opt, D_opt) que minimizam L̂ sob 6·N·D = C (forma fechada; C em FLOPs)."""
    p = _params(params)
    c6 = _check.positive("C", C) / 6.0
    return p.G * np.power(c6, p.a), np.power(c6, p.b) / p.G


def tokens_per_param(C, params: LossParams = HOFFMANN_2022):
    """D_opt/N_opt no orçamento C (FLOPs): quantos tokens por parâmetro a lei recomenda."""
    n, d = compute_optimal(C, params)
    return d / n


# --- Abordagem 3: o ajuste --------------------------------------------------------------

#: Grade de inícios de Hoffmann et al. (2022), App. D.2: α, β ∈ {0, 0,5, …, 2},
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
        r, w = self._residuals(theta)
        value = self.scale * float(self._huber(r).sum())
        g = np.clip(r, -self.delta, self.delta) * self.scale  # derivada da Huber
        grad = np.array(
            [
                np.dot(g, w[:, 0]),
                np.dot(g, w[:, 1]),
                np.dot(g, w[:, 2]),
                -np.dot(g, w[:, 0] * self.logN),
                -np.dot(g, w[:, 1] * self.logD),
            ]
        )
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
    """Ajusta L̂(N, D) = E + A/N^α + B/D^β como na Abordagem 3 (Hoffmann et al. 2022, App. D.2).

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


# --- Abordagem 2: parábolas IsoFLOP -----------------------------------------------------

@dataclass(frozen=True)
class IsoflopFit:
    """Resultado de :func:`fit_isoflop`.

    budgets: C de cada grupo IsoFLOP (média geométrica); N_opt, D_opt: mínimos das parábolas;
    coefs: coeficientes (c₂, c₁, c₀) de L ≈ c₂·x² + c₁·x + c₀, x = log₁₀ N, por grupo;
    a, b: expoentes de N_opt ∝ C^a e D_opt ∝ C^b.
    """

    budgets: np.ndarray
    N_opt: np.ndarray
    D_opt: np.ndarray
    coefs: np.ndarray
    a: float
    b: float


def fit_isoflop(N, D, L, *, bin_width: float = 0.1, min_runs: int = 5) -> IsoflopFit:
    """Abordagem 2 de Hoffmann et al. (2022): uma parábola em log N por orçamento de FLOPs.

    As execuções são agrupadas por C = 6·N·D em faixas de ``bin_width`` décadas; cada faixa com
    pelo menos ``min_runs`` execuções, curvatura positiva e mínimo dentro dos N medidos dá um
    N_opt. Depois, N_opt ∝ C^a e D_opt = C/(6·N_opt) ∝ C^b por ajuste log-log.
    """
    from .powerlaw import fit_loglog

    n, d, lv = _validate_runs(N, D, L)
    width = _check.positive("bin_width", bin_width)
    m = _check.positive_int("min_runs", min_runs, minimum=3)
    logc = np.log10(6.0 * n * d)
    bins = np.floor(logc / width).astype(int)
    budgets, n_opt, coefs = [], [], []
    for key in np.unique(bins):
        sel = bins == key
        if sel.sum() < m:
            continue
        x = np.log10(n[sel])
        c2, c1, c0 = np.polyfit(x, lv[sel], 2)
        if c2 <= 0:
            continue
        x_min = -c1 / (2 * c2)
        if not x.min() <= x_min <= x.max():
            continue
        budgets.append(10 ** logc[sel].mean())
        n_opt.append(10**x_min)
        coefs.append((c2, c1, c0))
    if len(budgets) < 3:
        usable = fmt.count(len(budgets), "grupo IsoFLOP utilizável", "grupos IsoFLOP utilizáveis")
        raise ValueError(
            f"só {usable} (são precisos 3); "
            f"aumente bin_width (recebido {bin_width!r}) ou reduza min_runs "
            f"(recebido {min_runs!r})."
        )
    budgets, n_opt = np.array(budgets), np.array(n_opt)
    d_opt = budgets / (6.0 * n_opt)
    a = fit_loglog(budgets, n_opt).alpha
    b = fit_loglog(budgets, d_opt).alpha
    return IsoflopFit(budgets, n_opt, d_opt, np.array(coefs), a, b)


# --- Fatos publicados ---------------------------------------------------------------------

#: Tabela 3 de Hoffmann et al. (2022), projeções da Abordagem 1:
#: (parâmetros, FLOPs, tokens) ótimos.
TABLE3 = (
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
)

#: Tabela 2 de Hoffmann et al. (2022): expoentes (a, b) de N_opt ∝ C^a e D_opt ∝ C^b.
TABLE2_EXPONENTS = {
    "Abordagem 1 (mínimo por curva de treino)": (0.50, 0.50),
    "Abordagem 2 (parábolas IsoFLOP)": (0.49, 0.51),
    "Abordagem 3 (lei paramétrica)": (0.46, 0.54),
    "Kaplan et al. (2020)": (0.73, 0.27),
}

#: MMLU 5-shot, acurácia média (Hoffmann et al. 2022, Tabela 6; o resumo diz 67,5% para o
#: Chinchilla).
MMLU = {"aleatório": 0.250, "GPT-3": 0.439, "Gopher": 0.600, "Chinchilla": 0.676,
        "especialista humano": 0.898}

#: Chinchilla × Gopher nas 57 tarefas do MMLU (Hoffmann et al. 2022, §4.2.2 e Fig. 6):
#: melhor em 51, igual em 2, pior em 4.
MMLU_TASKS = {"melhor": 51, "igual": 2, "pior": 4}
MMLU_WORSE = ("college mathematics", "econometrics", "moral scenarios", "formal logic")


def optimal_loss(C, params: LossParams = HOFFMANN_2022):
    """A menor perda alcançável com C FLOPs: L̂(N_opt(C), D_opt(C))."""
    n, d = compute_optimal(C, params)
    return loss(n, d, params)


def tokens_for_loss(N, L_target, params: LossParams = HOFFMANN_2022):
    """Tokens de treino para um modelo de N parâmetros atingir ``L_target``.

    D = (B / (L − E − A/N^α))^(1/β). Devolve ``inf`` quando nem dados infinitos bastam.
    """
    p = _params(params)
    n = _check.positive("N", N)
    lt = _check.positive("L_target", L_target)
    _check.broadcastable(N=n, L_target=lt)
    gap = lt - p.E - p.A / np.power(n, p.alpha)
    safe = np.where(gap > 0, gap, 1.0)
    d = np.where(gap > 0, (p.B / safe) ** (1.0 / p.beta), np.inf)
    return float(d) if np.ndim(d) == 0 else d


# Alocação com inferência (Sardana et al. 2024): mudou para ``scaling_utils.inference``;
# os nomes continuam importáveis daqui.
from .inference import (  # noqa: E402, F401 (nomes reexportados)
    InferenceAwareOptimum,
    inference_aware_frontier,
    inference_aware_optimal,
)
