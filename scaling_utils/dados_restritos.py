"""Leis de escala com dados restritos: Muennighoff et al. (2023), *Scaling Data-Constrained
Language Models* (NeurIPS 2023; arXiv:2305.16264).

Quando os tokens únicos U_D acabam, repetem-se épocas. Um token repetido vale menos que um novo:
com R_D = D/U_D − 1 repetições, os dados **efetivos** são

    D′ = U_D + U_D · R_D* · (1 − e^(−R_D/R_D*)),

e, do mesmo modo, parâmetros além do tamanho compute-ótimo para U_D valem menos:
N′ = U_N + U_N · R_N* · (1 − e^(−R_N/R_N*)), com U_N = min(N, N_opt(U_D)) e R_N = N/U_N − 1.
A perda é a lei do Chinchilla em (N′, D′): L = E + A/N′^α + B/D′^β.

Derivando, o valor marginal de um token da (R+1)-ésima época, comparado a um token novo, é
e^(−R/R_D*): depois de R_D* repetições, um token repetido vale 1/e de um novo.
"""

from __future__ import annotations

import math

import numpy as np

from . import _check
from .chinchilla.lei import LossParams, _params

#: Ajuste de Muennighoff et al. (2023) às suas execuções em C4 (§3 e Apêndice; constantes com
#: todos os algarismos no README do repositório dos autores, huggingface/datablations, "Parametric
#: Fit"): A = e^6,255414, B = e^7,3049974, E = e^0,6254804, α = β = 0,3526596.
MUENNIGHOFF_2023 = LossParams(E=math.exp(0.6254804), A=math.exp(6.255414), B=math.exp(7.3049974),
                              alpha=0.3526596, beta=0.3526596)

#: Constantes de decaimento ajustadas (o artigo imprime R_D* ≈ 15,4 e R_N* ≈ 5,3; com todos os
#: algarismos, no mesmo README).
R_D_STAR = 15.387756
R_N_STAR = 5.309743

#: Exemplos da Figura 1 (direita) do artigo, com a perda que o README dos autores imprime para
#: a lei: (N, D, U_D, perda prevista).
FIGURE1_EXAMPLES = ((6.34e9, 242e9, 25e9, 2.2256440889984477),
                    (8.67e9, 178e9, 25e9, 2.2269634075087867))


def _p(params):
    return MUENNIGHOFF_2023 if params is None else _params(params)


def effective_data(D, U_D, R_D_star: float = R_D_STAR):
    """Tokens efetivos D′ para D tokens de treino com U_D tokens únicos (épocas = D/U_D).

    Com D ≤ U_D não há repetição e D′ = D.
    """
    d = _check.positive("D", D)
    u = _check.positive("U_D", U_D)
    r_star = _check.positive("R_D_star", R_D_star)
    _check.broadcastable(D=d, U_D=u)
    unique = np.minimum(u, d)
    repeats = d / unique - 1.0
    return unique + unique * r_star * (1.0 - np.exp(-repeats / r_star))


def optimal_params_for_tokens(D, params=None):
    """O N para o qual D tokens são a alocação ótima da lei: N = G·(D·G)^(β/α)."""
    p = _p(params)
    d = _check.positive("D", D)
    return p.G * np.power(d * p.G, p.beta / p.alpha)


def effective_params(N, U_D, params=None, R_N_star: float = R_N_STAR):
    """Parâmetros efetivos N′: o excesso além de N_opt(U_D) vale cada vez menos."""
    n = _check.positive("N", N)
    u = _check.positive("U_D", U_D)
    r_star = _check.positive("R_N_star", R_N_star)
    _check.broadcastable(N=n, U_D=u)
    base = np.minimum(n, optimal_params_for_tokens(u, params))
    excess = n / base - 1.0
    return base + base * r_star * (1.0 - np.exp(-excess / r_star))


def loss(N, D, U_D, params=None):
    """Perda prevista com dados restritos: E + A/N′^α + B/D′^β (nats/token, tokenizador GPT-2).

    N: parâmetros; D: tokens de treino (com repetições); U_D: tokens únicos disponíveis.
    """
    p = _p(params)
    n_eff = effective_params(N, U_D, p)
    d_eff = effective_data(D, U_D)
    return p.E + p.A / np.power(n_eff, p.alpha) + p.B / np.power(d_eff, p.beta)


def marginal_value(epochs, R_D_star: float = R_D_STAR):
    """Quanto vale um token da época ``epochs`` em relação a um token novo: e^(−(épocas−1)/R_D*)."""
    e = _check.positive("epochs", epochs)
    if np.any(np.asarray(e) < 1):
        raise ValueError(f"epochs deve ser ≥ 1; recebido {epochs!r}.")
    r_star = _check.positive("R_D_star", R_D_star)
    return np.exp(-(e - 1.0) / r_star)


def epochs_until_value(fraction: float, R_D_star: float = R_D_STAR) -> float:
    """Em que época o valor marginal de um token repetido cai a ``fraction`` do de um novo."""
    f = _check.probability("fraction", fraction)
    if not 0 < f < 1:
        raise ValueError(f"fraction deve estar entre 0 e 1 (exclusive); recebido {fraction!r}.")
    return 1.0 + _check.positive("R_D_star", R_D_star) * math.log(1.0 / f)


def optimal_allocation(C, U_D, params=None):
    """(N, D) de menor perda com C = 6·N·D FLOPs e U_D tokens únicos, por busca em log N.

    Devolve (N, D, perda). A busca é limitada a N entre 10⁶ e C/6 (pelo menos um token).
    """
    from scipy.optimize import minimize_scalar

    c = _check.positive("C", C)
    u = _check.positive("U_D", U_D)
    for name, v in (("C", c), ("U_D", u)):
        if not isinstance(v, float):
            raise TypeError(f"{name} deve ser um único número; recebido {v!r}.")
    p = _p(params)

    def objective(log_n):
        n = math.exp(log_n)
        return float(loss(n, c / (6.0 * n), u, p))

    res = minimize_scalar(objective, bounds=(math.log(1e6), math.log(c / 6.0)),
                          method="bounded", options={"xatol": 1e-9, "maxiter": 500})
    n = math.exp(res.x)
    return n, c / (6.0 * n), float(res.fun)
