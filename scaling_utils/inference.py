"""Alocação com o custo de inferência: Sardana et al. (2024), *Beyond Chinchilla-Optimal*.

Com D_inf tokens processados na vida do modelo, o custo total é 6·N·D_treino + 2·N·D_inf
FLOPs (Sardana et al. 2024; 2·N FLOPs por token de inferência, Kaplan et al. 2020, §2.1).
Fixada uma perda-alvo pela lei paramétrica do Chinchilla, busca-se o N de menor custo total.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _check, fmt
from .chinchilla.lei import HOFFMANN_2022, LossParams, _params, tokens_for_loss


@dataclass(frozen=True)
class InferenceAwareOptimum:
    """Resultado de :func:`inference_aware_optimal` (Sardana et al. 2024).

    N: parâmetros; D_train: tokens de treino; flops_train = 6·N·D_train;
    flops_inference = 2·N·D_inference; total = a soma.
    """

    N: float
    D_train: float
    flops_train: float
    flops_inference: float

    @property
    def total(self) -> float:
        return self.flops_train + self.flops_inference

    @property
    def tokens_per_param(self) -> float:
        return self.D_train / self.N


def inference_aware_optimal(L_target, D_inference, params: LossParams = HOFFMANN_2022
                            ) -> InferenceAwareOptimum:
    """Minimiza 6·N·D_treino + 2·N·D_inferência sujeito a L̂(N, D_treino) = ``L_target``.

    Sardana et al. (2024): com muita inferência, compensa um modelo menor treinado por mais
    tokens. ``D_inference``: tokens processados na inferência durante a vida do modelo (≥ 0).
    """
    from scipy.optimize import minimize_scalar

    p = _params(params)
    lt = _check.positive("L_target", L_target)
    d_inf = _check.nonnegative("D_inference", D_inference)
    for name, v in (("L_target", lt), ("D_inference", d_inf)):
        if not isinstance(v, float):
            raise TypeError(f"{name} deve ser um único número; recebido {v!r}.")
    if lt <= p.E:
        raise ValueError(f"L_target deve ser maior que a perda irredutível E = {fmt.plain(p.E)}; "
                         f"recebido L_target = {L_target!r}.")
    n_min = (p.A / (lt - p.E)) ** (1.0 / p.alpha)  # abaixo disso, nem dados infinitos bastam

    def total(log_n):
        n = np.exp(log_n)
        return 6.0 * n * tokens_for_loss(n, lt, p) + 2.0 * n * d_inf

    lo, hi = np.log(n_min) + 1e-9, np.log(n_min) + 40.0
    res = minimize_scalar(total, bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-10, "maxiter": 500})
    n = float(np.exp(res.x))
    d = float(tokens_for_loss(n, lt, p))
    return InferenceAwareOptimum(N=n, D_train=d, flops_train=6.0 * n * d,
                                 flops_inference=2.0 * n * d_inf)


def inference_aware_frontier(L_target, D_inference, params: LossParams = HOFFMANN_2022):
    """:func:`inference_aware_optimal` para muitos valores de ``D_inference`` de uma vez.

    Avalia o custo total numa grade logarítmica de N (passo de 0,01 em ln N) e refina o mínimo
    por interpolação parabólica: erro relativo em N da ordem de 10⁻⁴, bom para curvas e widgets.
    Devolve (N, D_treino) como arrays.
    """
    p = _params(params)
    lt = _check.positive("L_target", L_target)
    if not isinstance(lt, float):
        raise TypeError(f"L_target deve ser um único número; recebido {L_target!r}.")
    if lt <= p.E:
        raise ValueError(f"L_target deve ser maior que a perda irredutível E = {fmt.plain(p.E)}; "
                         f"recebido L_target = {L_target!r}.")
    d_inf = np.atleast_1d(_check.nonnegative("D_inference", D_inference))
    log_n_min = np.log((p.A / (lt - p.E)) ** (1.0 / p.alpha))
    h = 0.01
    log_n = log_n_min + 1e-6 + h * np.arange(4000)
    n = np.exp(log_n)
    train = 6.0 * n * tokens_for_loss(n, lt, p)
    total = train[None, :] + 2.0 * n[None, :] * d_inf[:, None]
    k = np.clip(np.argmin(total, axis=1), 1, n.size - 2)
    rows = np.arange(d_inf.size)
    y0, y1, y2 = total[rows, k - 1], total[rows, k], total[rows, k + 1]
    denom = y0 - 2 * y1 + y2
    shift = np.where(denom > 0, 0.5 * (y0 - y2) / np.where(denom > 0, denom, 1.0), 0.0)
    n_opt = np.exp(log_n[k] + h * np.clip(shift, -1, 1))
    return n_opt, tokens_for_loss(n_opt, lt, p)
