"""O laboratório do capítulo 7: os resultados exigidos, na semente padrão, e determinismo."""

from __future__ import annotations

import numpy as np
import pytest

from scaling_utils import lab


@pytest.fixture(scope="module")
def result():
    return lab.run_lab()


def test_fitted_floor_is_the_noise(result):
    assert result.fit.params.E == pytest.approx(result.setup.noise, rel=0.10)


def test_fit_quality_in_log_space(result):
    assert result.r2_log > 0.98


def test_isoflop_exponent_matches_the_law(result):
    assert abs(result.iso.exponent - result.predicted_exponent) < 0.05
    assert np.all(np.diff(result.iso.N_opt) > -5)  # cresce com o orçamento (a menos de ruído)


def test_deterministic():
    setup = lab.LabSetup(seeds=2)  # duas sementes bastam: cada uma refaz o seu mundo do zero
    again = lab.grid(lab.DEFAULT_NS[:3], lab.DEFAULT_DS[:3], setup)
    first = lab.grid(lab.DEFAULT_NS[:3], lab.DEFAULT_DS[:3], setup)
    np.testing.assert_array_equal(again.loss, first.loss)


def test_loss_never_below_the_noise(result):
    assert np.all(result.runs.loss > result.setup.noise)


def test_loss_decreases_with_n_and_d_at_the_largest_sizes(result):
    r = result.runs
    big_d = r.D == r.D.max()
    big_n = r.N == r.N.max()
    assert np.all(np.diff(r.loss[big_d][np.argsort(r.N[big_d])]) < 0)
    assert np.all(np.diff(r.loss[big_n][np.argsort(r.D[big_n])]) < 0)


def test_ridgeless_has_the_interpolation_peak():
    setup = lab.LabSetup(seeds=2)
    Ns = np.array([32, 64, 128, 256, 512])
    plain = lab.measure(Ns, np.full(5, 128), setup, ridgeless=True).loss
    tuned = lab.measure(Ns, np.full(5, 128), setup).loss
    assert np.argmax(plain) == 2  # o pico fica em N = D = 128
    assert plain[2] > 2 * tuned[2]
    assert np.all(tuned <= plain + 1e-12)


def test_tuned_ridge_equals_best_of_the_grid():
    world = lab._World(lab.LabSetup(seeds=1), seed=0)
    best = world.test_loss(64, 256)
    each = [world.test_loss(64, 256, np.array([r])) for r in lab.RIDGE_GRID]
    assert best == pytest.approx(min(each), rel=1e-9)


@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"spectrum": 0.5}, "spectrum"), ({"noise": 0}, "noise"), ({"seeds": 0}, "seeds"),
    ({"max_features": 2048, "latent_dim": 1024}, "max_features"), ({"teacher": -1}, "teacher"),
])
def test_setup_validation(kwargs, arg):
    with pytest.raises((TypeError, ValueError), match=arg):
        lab.LabSetup(**kwargs)


@pytest.mark.parametrize(("N", "D", "arg"), [
    ([1024], [32], "N"), ([16], [10**6], "D"), ([16, 32], [32], "forma"), ([0], [32], "N"),
])
def test_measure_validation(N, D, arg):
    with pytest.raises((TypeError, ValueError), match=arg):
        lab.measure(N, D, lab.LabSetup(seeds=1))


def test_isoflop_rejects_budgets_outside_the_grid():
    with pytest.raises(ValueError, match=r"orçamento|budgets"):
        lab.isoflop([1e9], lab.LabSetup(seeds=1))


def test_staircase_has_every_product_the_points_read():
    """A escada de features Z = X·F tem, em cada par (n, d) medido, o mesmo bloco Z[:d, :n]
    que o produto inteiro."""
    rng = np.random.default_rng(3)
    X, F = rng.standard_normal((64, 32)), rng.standard_normal((32, 24))
    points = [(4, 64), (8, 40), (16, 10), (24, 6), (16, 12)]
    Z, full = lab._staircase(X, F, points), X @ F
    for n, d in points:
        np.testing.assert_allclose(Z[:d, :n], full[:d, :n], rtol=1e-12, atol=1e-12)
