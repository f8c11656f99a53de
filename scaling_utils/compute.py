"""Compute de treino: FLOPs e PF-dias.

Convenção de Kaplan et al. (2020, §2.1): treinar custa C ≈ 6·N·D FLOPs
(2 FLOPs por parâmetro por token na passagem direta, 4 na retropropagação (passagem reversa)).
"""

from __future__ import annotations

from . import _check

#: 1 PF-dia = 10¹⁵ FLOP/s × 24 × 3600 s = 8,64 × 10¹⁹ FLOPs (Kaplan et al. 2020, §1.3).
PF_DAY_FLOPS = 1e15 * 24 * 3600

#: Compute do GPT-3 175B como publicado: 3,14 × 10²³ FLOPs e 3,64 × 10³ PF-dias
#: (Brown et al. 2020, Tabela D.1). As duas colunas vêm arredondadas separadamente.
GPT3_TABLE_D1_FLOPS = 3.14e23
GPT3_TABLE_D1_PF_DAYS = 3.64e3


def training_flops(N, D):
    """FLOPs de treino, C = 6·N·D (Kaplan et al. 2020, §2.1).

    N: parâmetros; D: tokens de treino. Aceita escalares ou *arrays* do NumPy (com *broadcasting*).
    """
    n = _check.positive("N", N)
    d = _check.positive("D", D)
    _check.broadcastable(N=n, D=d)
    return 6.0 * n * d


def flops_to_pf_days(C):
    """Converte FLOPs em PF-dias: C / 8,64 × 10¹⁹."""
    return _check.positive("C", C) / PF_DAY_FLOPS


def pf_days_to_flops(x):
    """Converte PF-dias em FLOPs: x · 8,64 × 10¹⁹."""
    return _check.positive("x", x) * PF_DAY_FLOPS
