"""As figuras do livro: funções puras que recebem parâmetros e devolvem uma Figure.

Um módulo por capítulo, ao lado da ciência que desenha: ``potencia`` (cap. 1), ``kaplan``
(cap. 2), ``chinchilla`` (cap. 3), ``replicacao`` (cap. 4), ``paradoxo`` (cap. 5), ``recentes``
(cap. 6) e ``laboratorio`` (cap. 7); ``_comum`` guarda o estilo de linhas e pontos. Os cadernos e
os widgets chamam ``figures.nome`` (todas as funções estão aqui); os testes as exercitam sem
navegador. Cada figura usa o estilo de ``plotting`` (pt-BR, fundo branco, Okabe–Ito com
marcadores e traços). As funções ``*_alt`` descrevem a figura para o texto alternativo.

As importações vão num só sentido: cadernos → ``explorers``/``figures`` → ciência
(``powerlaw``, ``kaplan``, ``chinchilla``…) → ``_check``/``fmt``.
"""

from __future__ import annotations

from .chinchilla import (
    allocation_comparison,
    budget_comparison,
    budget_comparison_alt,
    isoflop_curves,
)
from .kaplan import (
    kaplan_allocation,
    kaplan_allocation_alt,
    kaplan_laws,
    kaplan_nd_curves,
    sample_efficiency,
)
from .laboratorio import (
    lab_double_descent,
    lab_isoflop,
    lab_scaling,
    lab_sweep,
    lab_sweep_alt,
)
from .paradoxo import (
    loss_and_ability,
    mirage,
    mirage_alt,
    mirage_grid,
    resolution,
)
from .potencia import (
    extrapolation,
    fit_demo,
    fit_demo_alt,
    fit_demo_grid,
    kepler,
    power_law_panels,
    power_law_panels_alt,
)
from .recentes import (
    coverage_curves,
    epochs_value,
    epochs_value_alt,
    inference_aware,
    inference_demand,
    inference_demand_alt,
    tokens_per_param_history,
    two_stage,
)
from .replicacao import (
    chinchilla_runs,
    isoflop_bands,
    isoflop_bands_alt,
    isoflop_parabolas,
)

__all__ = [
    "allocation_comparison",
    "budget_comparison",
    "budget_comparison_alt",
    "chinchilla_runs",
    "coverage_curves",
    "epochs_value",
    "epochs_value_alt",
    "extrapolation",
    "fit_demo",
    "fit_demo_alt",
    "fit_demo_grid",
    "inference_aware",
    "inference_demand",
    "inference_demand_alt",
    "isoflop_bands",
    "isoflop_bands_alt",
    "isoflop_curves",
    "isoflop_parabolas",
    "kaplan_allocation",
    "kaplan_allocation_alt",
    "kaplan_laws",
    "kaplan_nd_curves",
    "kepler",
    "lab_double_descent",
    "lab_isoflop",
    "lab_scaling",
    "lab_sweep",
    "lab_sweep_alt",
    "loss_and_ability",
    "mirage",
    "mirage_alt",
    "mirage_grid",
    "power_law_panels",
    "power_law_panels_alt",
    "resolution",
    "sample_efficiency",
    "tokens_per_param_history",
    "two_stage",
]
