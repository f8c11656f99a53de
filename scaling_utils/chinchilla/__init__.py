"""Chinchilla: Hoffmann et al. (2022), *Training Compute-Optimal Large Language Models*,
e a replicação de Besiroglu et al. (2024).

Um módulo por assunto: ``lei`` (a lei paramétrica L̂(N, D) = E + A/N^α + B/D^β, os parâmetros
publicados e a alocação ótima sob C = 6·N·D), ``ajuste`` (a Abordagem 3 e o bootstrap),
``isoflop`` (a Abordagem 2) e ``publicados`` (as tabelas do artigo). Todos os nomes públicos
ficam aqui: ``chinchilla.loss``, ``chinchilla.fit_parametric``…
"""

from __future__ import annotations

from .ajuste import (
    INIT_GRID,
    PARAM_NAMES,
    REDUCTIONS,
    STRATEGIES,
    TOLERANCES,
    ParametricFit,
    bootstrap,
    bootstrap_draws,
    fit_parametric,
    percentile_intervals,
)
from .isoflop import (
    IsoflopFit,
    fit_isoflop,
)
from .lei import (
    BESIROGLU_2024,
    GOPHER_BUDGET,
    HOFFMANN_2022,
    HOFFMANN_2022_FULL,
    LossParams,
    compute_optimal,
    loss,
    optimal_loss,
    tokens_for_loss,
    tokens_per_param,
)
from .publicados import (
    MMLU,
    MMLU_TASKS,
    MMLU_WORSE,
    TABLE2_EXPONENTS,
    TABLE3,
)

__all__ = [
    "BESIROGLU_2024",
    "GOPHER_BUDGET",
    "HOFFMANN_2022",
    "HOFFMANN_2022_FULL",
    "INIT_GRID",
    "MMLU",
    "MMLU_TASKS",
    "MMLU_WORSE",
    "PARAM_NAMES",
    "REDUCTIONS",
    "STRATEGIES",
    "TABLE2_EXPONENTS",
    "TABLE3",
    "TOLERANCES",
    "IsoflopFit",
    "LossParams",
    "ParametricFit",
    "bootstrap",
    "bootstrap_draws",
    "compute_optimal",
    "fit_isoflop",
    "fit_parametric",
    "loss",
    "optimal_loss",
    "percentile_intervals",
    "tokens_for_loss",
    "tokens_per_param",
]
