"""A lei paramétrica do Chinchilla (Hoffmann et al. 2022, Abordagem 3) e a alocação ótima.

L̂(N, D) = E + A/N^α + B/D^β, com N = **todos** os parâmetros e D = tokens. Sob C = 6·N·D, o
mínimo tem forma fechada (Hoffmann et al. 2022, Eq. 4 e Apêndice D.2):
N_opt = G·(C/6)^a, D_opt = G⁻¹·(C/6)^b, G = (αA/(βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _check


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


#: Valores publicados em Hoffmann et al. (2022), Abordagem 3 (Eq. 10, Apêndice D.2), arredondados.
HOFFMANN_2022 = LossParams(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28)


#: Os mesmos com mais casas decimais: não estão no PDF (o Apêndice D.2 traz só os arredondados);
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
