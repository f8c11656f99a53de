"""As leis de Kaplan et al. (2020), *Scaling Laws for Neural Language Models*.

Convenções do artigo: N conta os parâmetros **sem os de embedding**; D em tokens;
C_min em PF-dias; a perda L é a entropia cruzada em **nats por token** (WebText2).
"""

from __future__ import annotations

import numpy as np

from . import _check

#: Eq. 1.1: L(N) = (N_c/N)^α_N — modelos treinados até convergir com dados suficientes.
ALPHA_N = 0.076
N_C = 8.8e13  # parâmetros sem embedding

#: Eq. 1.2: L(D) = (D_c/D)^α_D — modelos grandes com parada antecipada.
ALPHA_D = 0.095
D_C = 5.4e13  # tokens

#: Eq. 1.3: L(C_min) = (C_c^min/C_min)^α_C^min — compute usado de forma ótima.
ALPHA_C_MIN = 0.050
C_C_MIN = 3.1e8  # PF-dias

#: Eq. 1.5 ajustada à parte (Tabela 2): α_N = 0,076, α_D = 0,103, N_c = 6,4 × 10¹³,
#: D_c = 1,8 × 10¹³. Não são as constantes das Eqs. 1.1–1.2: vêm de outro ajuste,
#: sobre todas as corridas com (N, D) variando juntos.
ND_ALPHA_N = 0.076
ND_ALPHA_D = 0.103
ND_N_C = 6.4e13
ND_D_C = 1.8e13

#: Eq. 6.1 / Tabela 6 (C_min em PF-dias): N_opt = 1,3 × 10⁹ · C^0,73; D_opt = 2 × 10¹⁰ · C^0,27.
N_OPT_COEF, N_OPT_EXP = 1.3e9, 0.73
D_OPT_COEF, D_OPT_EXP = 2e10, 0.27

#: Faixa medida no artigo (§2): 768 a 1,5 × 10⁹ parâmetros sem embedding;
#: 22 × 10⁶ a 23 × 10⁹ tokens.
N_RANGE = (768.0, 1.5e9)
D_RANGE = (22e6, 23e9)


def loss_n(N):
    """L(N) = (N_c/N)^α_N, em nats/token (Eq. 1.1). N: parâmetros sem embedding."""
    return (N_C / _check.positive("N", N)) ** ALPHA_N


def loss_d(D):
    """L(D) = (D_c/D)^α_D, em nats/token (Eq. 1.2). D: tokens."""
    return (D_C / _check.positive("D", D)) ** ALPHA_D


def loss_c(C_pf_days):
    """L(C_min) = (C_c^min/C_min)^α_C^min, em nats/token (Eq. 1.3). C em PF-dias."""
    return (C_C_MIN / _check.positive("C_pf_days", C_pf_days)) ** ALPHA_C_MIN


def loss_nd(N, D):
    """L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Eq. 1.5, constantes da Tabela 2)."""
    n = _check.positive("N", N)
    d = _check.positive("D", D)
    _check.broadcastable(N=n, D=d)
    return ((ND_N_C / n) ** (ND_ALPHA_N / ND_ALPHA_D) + ND_D_C / d) ** ND_ALPHA_D


def optimal_allocation(C_pf_days):
    """Alocação ótima de Kaplan (Tabela 6): (N_opt, D_opt) para C_min em PF-dias.

    N_opt = 1,3 × 10⁹ · C^0,73 parâmetros; D_opt = 2 × 10¹⁰ · C^0,27 tokens.
    """
    c = _check.positive("C_pf_days", C_pf_days)
    return N_OPT_COEF * np.power(c, N_OPT_EXP), D_OPT_COEF * np.power(c, D_OPT_EXP)


def tokens_for_loss(N, L_target):
    """Tokens D para um modelo de N parâmetros atingir a perda ``L_target`` (Eq. 1.5 invertida).

    D = D_c / (L^(1/α_D) − (N_c/N)^(α_N/α_D)). Devolve ``inf`` quando o modelo nunca chega a
    essa perda (nem com dados infinitos: L_target ≤ L(N, ∞)).
    """
    n = _check.positive("N", N)
    lt = _check.positive("L_target", L_target)
    _check.broadcastable(N=n, L_target=lt)
    gap = lt ** (1.0 / ND_ALPHA_D) - (ND_N_C / n) ** (ND_ALPHA_N / ND_ALPHA_D)
    with np.errstate(divide="ignore"):
        d = np.where(gap > 0, ND_D_C / np.where(gap > 0, gap, 1.0), np.inf)
    return float(d) if np.ndim(d) == 0 else d


def compute_range_pf_days() -> tuple[float, float]:
    """Faixa de compute das corridas: 6·N·D nos extremos de N_RANGE e D_RANGE (em PF-dias)."""
    from .compute import PF_DAY_FLOPS

    return (6 * N_RANGE[0] * D_RANGE[0] / PF_DAY_FLOPS, 6 * N_RANGE[1] * D_RANGE[1] / PF_DAY_FLOPS)
