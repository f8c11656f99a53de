"""As leis de Kaplan et al. (2020), *Scaling Laws for Neural Language Models*.

Convenções do artigo: N conta os parâmetros **sem os de embedding**; D em tokens;
C_min em PF-dias; a perda L é a entropia cruzada em **nats por token** (WebText2).

Compute mínimo × compute gasto. A Eq. 1.3, a Eq. 6.1 e a Tabela 6 são escritas em C_min, o
compute que se gastaria com lotes muito menores que o lote crítico (B ≪ B_crit). Treinar com
lote B custa mais: C = C_min · (1 + B/B_crit) (§5.1, Eq. 5.5), e no lote crítico B = B_crit,
o que a Tabela 6 supõe para D_opt, C = 2 · C_min. Com os coeficientes impressos (arredondados),
a Tabela 6 gasta 6·N_opt·D_opt = 1,81 · C_min (``TABLE6_SPEND``). Por isso:

- :func:`optimal_allocation` recebe C_min em PF-dias (a Tabela 6 literal);
- :func:`allocation_for_compute` recebe o compute **gasto** C em FLOPs e devolve (N, D) com
  6·N·D = C exatamente, usando C_min = C / ``TABLE6_SPEND``. É a que o livro usa para comparar
  Kaplan com modelos reais e com o Chinchilla, cujos orçamentos são compute gasto.
"""

from __future__ import annotations

import numpy as np

from . import _check
from .compute import PF_DAY_FLOPS

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
#: sobre todas as execuções com (N, D) variando juntos.
ND_ALPHA_N = 0.076
ND_ALPHA_D = 0.103
ND_N_C = 6.4e13
ND_D_C = 1.8e13

#: Eq. 6.1 / Tabela 6 (C_min em PF-dias): N_opt = 1,3 × 10⁹ · C_min^0,73;
#: D_opt = 2 × 10¹⁰ · C_min^0,27 tokens (uma época, treino no lote crítico).
N_OPT_COEF, N_OPT_EXP = 1.3e9, 0.73
D_OPT_COEF, D_OPT_EXP = 2e10, 0.27

#: Tabela 6: lote crítico B_crit = 2,0 × 10⁶ · C_min^0,24 tokens e passos mínimos
#: S_min = 5,4 × 10³ · C_min^0,03. No lote crítico o treino leva 2·S_min passos (Eq. 5.4), logo
#: D = 2·B_crit·S_min ≈ 2,2 × 10¹⁰ · C_min^0,27 — o D_opt da tabela, arredondado para 2 × 10¹⁰.
B_CRIT_COEF, B_CRIT_EXP = 2.0e6, 0.24
S_MIN_COEF, S_MIN_EXP = 5.4e3, 0.03

#: 6·N_opt·D_opt / C_min com os coeficientes da Tabela 6: 6 · 1,3 × 10⁹ · 2 × 10¹⁰ FLOPs por
#: PF-dia de C_min = 1,81. A Eq. 5.5 no lote crítico daria 2; a diferença vem do arredondamento
#: dos coeficientes impressos. Dividir o compute gasto por este fator dá o C_min da tabela.
TABLE6_SPEND = 6.0 * N_OPT_COEF * D_OPT_COEF / PF_DAY_FLOPS

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
    """Alocação ótima de Kaplan, a Tabela 6 literal: (N_opt, D_opt) para **C_min** em PF-dias.

    N_opt = 1,3 × 10⁹ · C_min^0,73 parâmetros; D_opt = 2 × 10¹⁰ · C_min^0,27 tokens.
    Atenção: 6·N_opt·D_opt = 1,81·C_min, não C_min (ver o início do módulo). Para um orçamento
    de compute gasto, use :func:`allocation_for_compute`.
    """
    c = _check.positive("C_pf_days", C_pf_days)
    return N_OPT_COEF * np.power(c, N_OPT_EXP), D_OPT_COEF * np.power(c, D_OPT_EXP)


def compute_from_c_min(C_min, B_over_B_crit=1.0):
    """Compute gasto com lote B: C = C_min · (1 + B/B_crit) (Kaplan et al. 2020, Eq. 5.5).

    ``B_over_B_crit = 1`` (padrão) é o lote crítico: C = 2·C_min. Mesma unidade de ``C_min``.
    """
    c = _check.positive("C_min", C_min)
    r = _check.nonnegative("B_over_B_crit", B_over_B_crit)
    _check.broadcastable(C_min=c, B_over_B_crit=r)
    return c * (1.0 + r)


def c_min_for_compute(C_flops):
    """C_min (PF-dias) cuja alocação da Tabela 6 gasta exatamente ``C_flops``: C / 1,81 / PF-dia."""
    return _check.positive("C_flops", C_flops) / (TABLE6_SPEND * PF_DAY_FLOPS)


def allocation_for_compute(C_flops):
    """Alocação de Kaplan para um orçamento de compute **gasto** C em FLOPs: (N_opt, D_opt).

    Aplica a Tabela 6 em C_min = :func:`c_min_for_compute` (C), de modo que 6·N_opt·D_opt = C.
    Supõe, como a Tabela 6, treino no lote crítico; N conta parâmetros sem embedding.
    """
    return optimal_allocation(c_min_for_compute(C_flops))


def loss_for_compute(C_flops):
    """L(C_min) (Eq. 1.3) no C_min que corresponde ao compute gasto C (FLOPs), como acima."""
    return loss_c(c_min_for_compute(C_flops))


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
    """Faixa de compute das execuções: 6·N·D nos extremos de N_RANGE e D_RANGE (em PF-dias)."""
    return (6 * N_RANGE[0] * D_RANGE[0] / PF_DAY_FLOPS, 6 * N_RANGE[1] * D_RANGE[1] / PF_DAY_FLOPS)
