"""Entradas ruins nas funções novas da issue 12 (mesma varredura de test_bad_input.py)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from test_bad_input import _ISO_D, _ISO_L, _ISO_N, BAD, _assert_portuguese

from scaling_utils import (
    amostragem,
    chinchilla,
    dados_restritos,
    figures,
    kaplan,
    previsao,
    widgets,
)

_RUNS = SimpleNamespace(N=_ISO_N, D=_ISO_D, loss=_ISO_L, C=6 * _ISO_N * _ISO_D)
_DRAWS = {"a": np.linspace(0.4, 0.6, 50)}
_DATA = previsao.synthetic_data(seed=0)
_FIT = previsao.fit_two_stage(*_DATA, chance=0.25)

# (nome, função, argumentos válidos, domínio de cada argumento testado)
API_NEW = [
    ("kaplan.compute_from_c_min", kaplan.compute_from_c_min, {"C_min": 1.0, "B_over_B_crit": 1.0},
     {"C_min": "positive", "B_over_B_crit": "nonneg"}),
    ("kaplan.c_min_for_compute", kaplan.c_min_for_compute, {"C_flops": 1e21},
     {"C_flops": "positive"}),
    ("kaplan.allocation_for_compute", kaplan.allocation_for_compute, {"C_flops": 1e21},
     {"C_flops": "positive"}),
    ("kaplan.loss_for_compute", kaplan.loss_for_compute, {"C_flops": 1e21},
     {"C_flops": "positive"}),
    ("bootstrap_draws", chinchilla.bootstrap_draws,
     {"N": _ISO_N, "D": _ISO_D, "L": _ISO_L, "n_resamples": 2, "seed": 0},
     {"N": "positive", "D": "positive", "L": "positive", "n_resamples": "posint",
      "seed": "seed"}),
    ("percentile_intervals", chinchilla.percentile_intervals, {"draws": _DRAWS, "level": 0.8},
     {"level": "level"}),
    ("isoflop_bands", figures.isoflop_bands, {"runs": _RUNS, "bin_width": 0.1},
     {"bin_width": "finite"}),
    ("isoflop_bands_alt", figures.isoflop_bands_alt, {"runs": _RUNS, "bin_width": 0.1},
     {"bin_width": "positive"}),
    ("isoflop_explorer", widgets.isoflop_explorer, {"runs": _RUNS, "bin_width": 0.1},
     {"bin_width": "finite"}),
    ("dr.effective_data", dados_restritos.effective_data, {"D": 4e10, "U_D": 1e10},
     {"D": "positive", "U_D": "positive", "R_D_star": "positive"}),
    ("dr.optimal_params_for_tokens", dados_restritos.optimal_params_for_tokens, {"D": 1e10},
     {"D": "positive"}),
    ("dr.effective_params", dados_restritos.effective_params, {"N": 1e9, "U_D": 1e10},
     {"N": "positive", "U_D": "positive", "R_N_star": "positive"}),
    ("dr.loss", dados_restritos.loss, {"N": 1e9, "D": 4e10, "U_D": 1e10},
     {"N": "positive", "D": "positive", "U_D": "positive"}),
    ("dr.marginal_value", dados_restritos.marginal_value, {"epochs": 4.0},
     {"epochs": "positive", "R_D_star": "positive"}),
    ("dr.epochs_until_value", dados_restritos.epochs_until_value, {"fraction": 0.5},
     {"fraction": "level", "R_D_star": "positive"}),
    ("dr.optimal_allocation", dados_restritos.optimal_allocation, {"C": 1e21, "U_D": 1e10},
     {"C": "positive", "U_D": "positive"}),
    ("pass_at_k", amostragem.pass_at_k, {"n": 10, "c": 3, "k": 2},
     {"n": "posint", "k": "posint"}),
    ("coverage", amostragem.coverage, {"p": [0.1, 0.5], "k": 3}, {"p": "prob", "k": "positive"}),
    ("beta_coverage", amostragem.beta_coverage, {"a": 0.3, "b": 3.0, "k": 10},
     {"a": "positive", "b": "positive", "k": "positive"}),
    ("simulate_coverage", amostragem.simulate_coverage,
     {"a": 0.3, "b": 3.0, "n_problems": 5, "n_samples": 10, "ks": [1, 5], "seed": 0},
     {"a": "positive", "b": "positive", "n_problems": "posint", "n_samples": "posint",
      "ks": "posint", "seed": "seed"}),
    ("llama3_optimal_tokens", previsao.llama3_optimal_tokens, {"C": 1e24}, {"C": "positive"}),
    ("nll_law", previsao.nll_law, {"C": 1e22, "E": 0.2, "a": 1.0, "b": 0.1}, {"C": "positive"}),
    ("accuracy_from_nll", previsao.accuracy_from_nll,
     {"nll": 0.8, "chance": 0.25, "midpoint": 0.7, "width": 0.1},
     {"nll": "nonneg", "chance": "prob", "width": "positive"}),
    ("synthetic_data", previsao.synthetic_data, {"seed": 0},
     {"seed": "seed", "n_runs": "posint", "n_old": "posint", "n_questions": "posint"}),
    ("fit_two_stage", previsao.fit_two_stage, {"C": _DATA[0], "nll": _DATA[1],
                                               "old_nll": _DATA[2], "old_acc": _DATA[3],
                                               "chance": 0.25},
     {"C": "positive", "nll": "positive", "old_nll": "nonneg", "old_acc": "prob",
      "chance": "prob"}),
    ("epochs_value", figures.epochs_value, {"log10_U": 10.0, "log10_N": 9.0},
     {"log10_U": "finite", "log10_N": "finite", "max_epochs": "finite"}),
    ("epochs_value_alt", figures.epochs_value_alt, {"log10_U": 10.0, "log10_N": 9.0},
     {}),
    ("two_stage", figures.two_stage,
     {"world": previsao.ILLUSTRATIVE_WORLD, "fit": _FIT, "data": _DATA}, {}),
    ("coverage_curves", figures.coverage_curves,
     {"n_problems": 20, "n_samples": 20, "seed": 0},
     {"n_problems": "posint", "n_samples": "posint", "seed": "seed"}),
    ("epochs_explorer", widgets.epochs_explorer, {"log10_U": 10.0, "log10_N": 9.0},
     {"log10_U": "finite", "log10_N": "finite"}),
]

CASES = [
    pytest.param(func, valid, arg, bad, id=f"{name}-{arg}-{bad!r}")
    for name, func, valid, domains in API_NEW
    for arg, domain in domains.items()
    for bad in BAD[domain]
]


@pytest.mark.parametrize(("func", "valid", "arg", "bad"), CASES)
def test_bad_value(func, valid, arg, bad):
    import matplotlib.pyplot as plt

    with pytest.raises((TypeError, ValueError)) as info:
        func(**{**valid, arg: bad})
    plt.close("all")
    _assert_portuguese(info.value, arg)


def test_valid_calls_work():
    import matplotlib.pyplot as plt

    for _name, func, valid, _ in API_NEW:
        func(**valid)
    plt.close("all")


@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"n": 5, "c": 3, "k": 6}, "k"), ({"n": 5, "c": 6, "k": 2}, "c"),
    ({"n": 5, "c": -1, "k": 2}, "c"),
    ({"n": 5, "c": 2.5, "k": 2}, "c"),
])
def test_pass_at_k_consistency(kwargs, arg):
    with pytest.raises(ValueError) as info:
        amostragem.pass_at_k(**kwargs)
    _assert_portuguese(info.value, arg)


def test_epochs_below_one_and_too_many_ks():
    with pytest.raises(ValueError, match="epochs"):
        dados_restritos.marginal_value(0.5)
    with pytest.raises(ValueError, match="ks"):
        amostragem.simulate_coverage(0.3, 3.0, 5, 10, [1, 20], 0)
    with pytest.raises(TypeError, match="C"):
        dados_restritos.optimal_allocation([1e21, 1e22], 1e10)


@pytest.mark.parametrize("value", [0.01, 0.6])
def test_isoflop_bands_range(value):
    with pytest.raises(ValueError, match="bin_width"):
        figures.isoflop_bands(_RUNS, value)
