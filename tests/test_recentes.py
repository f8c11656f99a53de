"""Propriedades dos módulos de 2023–2025: dados restritos, previsão em duas etapas, pass@k."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_utils import amostragem as am
from scaling_utils import chinchilla as ch
from scaling_utils import dados_restritos as dr
from scaling_utils import previsao as pv


@pytest.mark.parametrize("epochs", [1.0, 1.5, 4.0, 16.0, 100.0])
def test_effective_data_between_unique_and_total(epochs):
    u = 1e10
    d_eff = dr.effective_data(epochs * u, u)
    assert u <= d_eff <= epochs * u * (1 + 1e-12)


def test_effective_data_without_repetition_is_data():
    assert dr.effective_data(5e9, 1e10) == pytest.approx(5e9)
    # Sem repetição e com N abaixo do ótimo para os dados, é a lei do Chinchilla com as
    # constantes de Muennighoff et al.; acima do ótimo, o excesso de parâmetros vale menos.
    assert dr.optimal_params_for_tokens(1e10) > 1e8
    assert dr.loss(1e8, 1e10, 1e10) == pytest.approx(ch.loss(1e8, 1e10, dr.MUENNIGHOFF_2023))
    assert dr.loss(1e11, 1e10, 1e10) > ch.loss(1e11, 1e10, dr.MUENNIGHOFF_2023)


def test_marginal_value_is_the_derivative_of_effective_data():
    u, e, h = 1e10, 5.0, 1e-4
    slope = (dr.effective_data((e + h) * u, u) - dr.effective_data((e - h) * u, u)) / (2 * h * u)
    assert slope == pytest.approx(dr.marginal_value(e + 0.0), rel=1e-6)
    assert dr.epochs_until_value(0.5) == pytest.approx(1 + dr.R_D_STAR * np.log(2))
    assert dr.marginal_value(dr.epochs_until_value(0.1)) == pytest.approx(0.1)


def test_optimal_params_for_tokens_inverts_the_closed_form():
    p = dr.MUENNIGHOFF_2023
    n, d = ch.compute_optimal(1e22, p)
    assert dr.optimal_params_for_tokens(d, p) == pytest.approx(n, rel=1e-9)


def test_optimal_allocation_beats_neighbours():
    c, u = 1e22, 3e10
    n, d, best = dr.optimal_allocation(c, u)
    assert 6 * n * d == pytest.approx(c)
    for f in (0.8, 1.25):
        assert dr.loss(n * f, c / (6 * n * f), u) > best


def test_two_stage_recovers_the_illustrative_world():
    w = pv.ILLUSTRATIVE_WORLD
    fit = pv.fit_two_stage(*pv.synthetic_data(w, seed=0), chance=w.chance)
    assert fit.stage2[0] == pytest.approx(w.midpoint, abs=0.03)
    for c in (1e22, 1e24, 3.8e25):
        assert float(fit.accuracy(c)) == pytest.approx(float(w.accuracy(c)), abs=0.03)
    assert pv.synthetic_data(w, seed=0)[1].tolist() == pv.synthetic_data(w, seed=0)[1].tolist()


def test_accuracy_sigmoid_limits():
    assert pv.accuracy_from_nll(50.0, 0.25, 1.0, 0.1) == pytest.approx(0.25)
    assert pv.accuracy_from_nll(0.0, 0.25, 1.0, 0.1) == pytest.approx(1.0, abs=1e-4)
    assert pv.accuracy_from_nll(1.0, 0.25, 1.0, 0.1) == pytest.approx(0.625)


def test_pass_at_k_edges():
    assert am.pass_at_k(10, 0, 3) == 0.0
    assert am.pass_at_k(10, 8, 3) == 1.0  # n − c < k: sempre há um acerto entre k
    assert am.pass_at_k(10, 3, 1) == pytest.approx(0.3)
    assert am.pass_at_k(10, np.array([0, 3, 10]), 2).shape == (3,)


def test_beta_coverage_matches_monte_carlo():
    rng = np.random.default_rng(1)
    p = rng.beta(0.3, 3.0, 200_000)
    for k in (1, 10, 100):
        assert am.beta_coverage(0.3, 3.0, k) == pytest.approx(am.coverage(p, k), abs=0.005)


def test_simulated_estimator_is_unbiased_on_average():
    _, est, true = am.simulate_coverage(0.5, 2.0, n_problems=2000, n_samples=50,
                                        ks=[1, 5, 25], seed=3)
    assert np.allclose(est, true, atol=0.01)


def test_coverage_grows_with_k_and_saturates():
    ks = np.array([1, 10, 100, 1000, 10000])
    cov = am.beta_coverage(0.3, 3.0, ks)
    assert np.all(np.diff(cov) > 0) and cov[-1] < 1
