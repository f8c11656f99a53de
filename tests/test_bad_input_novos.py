"""Entradas ruins nas funções novas da issue 12 (mesma varredura de test_bad_input.py)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from test_bad_input import _ISO_D, _ISO_L, _ISO_N, BAD, _assert_portuguese

from scaling_utils import chinchilla, figures, kaplan, widgets

_RUNS = SimpleNamespace(N=_ISO_N, D=_ISO_D, loss=_ISO_L, C=6 * _ISO_N * _ISO_D)
_DRAWS = {"a": np.linspace(0.4, 0.6, 50)}

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


@pytest.mark.parametrize("value", [0.01, 0.6])
def test_isoflop_bands_range(value):
    with pytest.raises(ValueError, match="bin_width"):
        figures.isoflop_bands(_RUNS, value)
