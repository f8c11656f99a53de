"""A Abordagem 2 de Hoffmann et al. (2022): uma parábola por faixa de orçamento (IsoFLOP) e as
leis de potência N_opt ∝ C^a e D_opt ∝ C^b ajustadas aos mínimos.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _check, fmt
from .ajuste import _validate_runs


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
    from ..powerlaw import fit_loglog

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
    a = fit_loglog(budgets, n_opt).k
    b = fit_loglog(budgets, d_opt).k
    return IsoflopFit(budgets, n_opt, d_opt, np.array(coefs), a, b)
