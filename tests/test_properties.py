"""Propriedades (hypothesis): o que tem de valer para qualquer entrada válida."""

from __future__ import annotations

import math

import numpy as np
import pytest
from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from scaling_utils import chinchilla as ch
from scaling_utils import emergence, fmt, inference
from scaling_utils.powerlaw import fit_loglog

PARAMS = [ch.HOFFMANN_2022, ch.HOFFMANN_2022_FULL, ch.BESIROGLU_2024]
budgets = st.floats(min_value=1e15, max_value=1e30)
sizes = st.floats(min_value=1e6, max_value=1e13)
params = st.sampled_from(PARAMS)


@given(budgets, params)
def test_compute_optimal_spends_the_budget(C, p):
    n, d = ch.compute_optimal(C, p)
    assert 6 * n * d == pytest.approx(C, rel=1e-9)


@given(budgets, params)
def test_closed_form_is_the_isoflop_minimum(C, p):
    from scipy.optimize import minimize_scalar

    n_opt, _ = ch.compute_optimal(C, p)

    def along_isoflop(log_n):
        n = math.exp(log_n)
        return ch.loss(n, C / (6 * n), p)

    res = minimize_scalar(along_isoflop, bounds=(math.log(n_opt) - 5, math.log(n_opt) + 5),
                          method="bounded", options={"xatol": 1e-10})
    assert math.exp(res.x) == pytest.approx(n_opt, rel=1e-3)
    assert along_isoflop(math.log(n_opt)) <= res.fun + 1e-12


@given(sizes, sizes, st.floats(min_value=1.01, max_value=100), params)
def test_loss_decreases_in_n_and_d_and_stays_above_e(N, D, k, p):
    base = ch.loss(N, D, p)
    assert base > p.E
    assert ch.loss(N * k, D, p) < base
    assert ch.loss(N, D * k, p) < base


@given(st.floats(min_value=1e-3, max_value=1e3), st.floats(min_value=-3, max_value=3),
       st.floats(min_value=0, max_value=6), st.integers(min_value=3, max_value=40))
def test_fit_loglog_recovers_an_exact_power_law(c, k, log_start, n):
    x = np.geomspace(10**log_start, 10 ** (log_start + 2), n)
    fit = fit_loglog(x, c * x**k)
    assert fit.k == pytest.approx(k, abs=1e-9)
    assert fit.c == pytest.approx(c, rel=1e-8)


@given(st.floats(min_value=0, max_value=1), st.floats(min_value=0, max_value=1),
       st.integers(min_value=1, max_value=50))
def test_exact_match_increasing_in_p(p1, p2, k):
    lo, hi = sorted((p1, p2))
    assert emergence.exact_match(lo, k) <= emergence.exact_match(hi, k)


@given(st.floats(min_value=0, max_value=1), st.integers(min_value=1, max_value=50),
       st.integers(min_value=1, max_value=50))
def test_exact_match_decreasing_in_length(p, k1, k2):
    short, long_ = sorted((k1, k2))
    assert emergence.exact_match(p, long_) <= emergence.exact_match(p, short)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False),
       st.integers(min_value=0, max_value=6))
def test_num_round_trips_through_babel(x, digits):
    text = fmt.num(x, digits)
    assert "-" not in text  # o sinal de menos é o verdadeiro (−, U+2212)
    value = float(parse_decimal(text.replace(fmt.MINUS, "-"), locale="pt_BR"))
    assert value == pytest.approx(x, abs=0.5 * 10**-digits + 1e-9 * abs(x))


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


@given(st.floats(min_value=1e-300, max_value=1e300), st.booleans(),
       st.integers(min_value=0, max_value=6))
def test_sci_round_trips_through_babel(x, negative, digits):
    x = -x if negative else x
    text = fmt.sci(x, digits)
    mantissa, power = text.split(" × 10")
    value = float(parse_decimal(mantissa.replace(fmt.MINUS, "-"), locale="pt_BR")) * 10 ** int(
        power.translate(_FROM_SUPERSCRIPT))
    assert value == pytest.approx(x, rel=0.5 * 10**-digits * 1.0001)
    assert 1 <= abs(float(parse_decimal(mantissa.replace(fmt.MINUS, "-"), locale="pt_BR"))) < 10


def test_fmt_examples():
    assert fmt.num(0.076, 3) == "0,076"
    assert fmt.num(1234.5, 1) == "1.234,5"
    assert fmt.sci(5.76e23, 2) == "5,76 × 10²³"
    assert fmt.sci(9.996e3, 2) == "1,00 × 10⁴"
    assert fmt.sci(3.2e-5, 1) == "3,2 × 10⁻⁵"
    assert fmt.pct(0.676) == "67,6%"


@given(budgets, params)
def test_optimal_loss_is_loss_at_the_optimum(C, p):
    n, d = ch.compute_optimal(C, p)
    assert ch.optimal_loss(C, p) == pytest.approx(ch.loss(n, d, p))


@given(sizes, st.floats(min_value=0.01, max_value=2.0), params)
def test_chinchilla_tokens_for_loss_inverts_loss(N, gap, p):
    target = p.E + p.A / N**p.alpha + gap
    D = ch.tokens_for_loss(N, target, p)
    assert ch.loss(N, D, p) == pytest.approx(target, rel=1e-9)


@given(st.floats(min_value=1e20, max_value=1e26), params)
def test_inference_aware_without_inference_is_chinchilla(C, p):
    target = float(ch.optimal_loss(C, p))
    o = inference.inference_aware_optimal(target, 0.0, p)
    n_opt, _ = ch.compute_optimal(C, p)
    assert o.N == pytest.approx(n_opt, rel=1e-4)
    assert o.total == pytest.approx(C, rel=1e-6)


@given(st.floats(min_value=1e21, max_value=1e25), st.floats(min_value=1e10, max_value=1e15))
def test_more_inference_means_smaller_model(C, d_inf):
    p = ch.BESIROGLU_2024
    target = float(ch.optimal_loss(C, p))
    small = inference.inference_aware_optimal(target, d_inf, p)
    big = inference.inference_aware_optimal(target, d_inf * 10, p)
    assert big.N < small.N and big.tokens_per_param > small.tokens_per_param
    assert ch.loss(big.N, big.D_train, p) == pytest.approx(target, rel=1e-9)


def test_inference_frontier_matches_exact_solver():
    p = ch.BESIROGLU_2024
    target = float(ch.optimal_loss(ch.GOPHER_BUDGET, p))
    d_inf = np.geomspace(1e9, 1e15, 7)
    n, d = inference.inference_aware_frontier(target, d_inf, p)
    exact = np.array([inference.inference_aware_optimal(target, x, p).N for x in d_inf])
    np.testing.assert_allclose(n, exact, rtol=1e-3)
    np.testing.assert_allclose(ch.loss(n, d, p), target, rtol=1e-9)


# --- Números de 10⁻³⁰ a 10³⁰ em todo caminho de fmt e de _check (issue 11, §4) --------------
# O Babel arredonda no contexto decimal do Python (28 dígitos): 1e25 com 3 casas levantava
# decimal.InvalidOperation em fmt.num/fmt.pct e nas mensagens de _check.in_range.

magnitudes = st.floats(min_value=1e-30, max_value=1e30)
signed = st.builds(lambda x, neg: -x if neg else x, magnitudes, st.booleans())
PT_NUMBER = r"−?\d{1,3}(\.\d{3})*(,\d+)?"


def _parse_pt(text: str) -> float:
    """Lê de volta '1.234,5', '−'/'-', e '1,5 × 10²⁷' (só formas pt-BR são aceitas)."""
    import re

    mantissa, _, power = text.partition(" × 10")
    assert re.fullmatch(PT_NUMBER, mantissa), f"não é um número pt-BR: {text!r}"
    value = float(parse_decimal(mantissa.replace(fmt.MINUS, "-"), locale="pt_BR"))
    return value * 10 ** int(power.translate(_FROM_SUPERSCRIPT)) if power else value


@given(signed, st.integers(min_value=0, max_value=6))
def test_num_and_pct_never_crash_and_stay_pt_br(x, digits):
    for text, expected in ((fmt.num(x, digits), x), (fmt.pct(x, digits).rstrip("%"), 100 * x)):
        value = _parse_pt(text)
        assert value == pytest.approx(expected, rel=1e-12, abs=0.5 * 10**-digits * 1.0001)
        if digits:
            assert text.split(",")[1].isdigit() and len(text.split(",")[1]) == digits


@given(signed, st.integers(min_value=0, max_value=6))
def test_sci_from_tiny_to_huge(x, digits):
    assert _parse_pt(fmt.sci(x, digits)) == pytest.approx(x, rel=0.5 * 10**-digits * 1.0001)


@given(st.one_of(signed, st.just(0.0)), st.integers(min_value=1, max_value=10))
def test_plain_is_short_pt_br_and_faithful(x, significant):
    text = fmt.plain(x, significant)
    assert _parse_pt(text) == pytest.approx(x, rel=0.5 * 10 ** (1 - significant) * 1.0001)
    digits = [c for c in text.split(" × ")[0] if c.isdigit()]
    assert len(digits) <= max(significant, 6) + 3  # sem "0,000000…" nem 31 algarismos
    assert not text.split(" × ")[0].endswith(("0,", ",0"))  # sem zeros inúteis


@given(st.integers(min_value=0, max_value=10**15))
def test_count_formats_any_count(n):
    text = fmt.count(n, "questão", "questões")
    number, word = text.split(" ")
    assert int(parse_decimal(number, locale="pt_BR")) == n
    assert word == ("questão" if n == 1 else "questões")


@given(signed, signed, signed)
def test_in_range_message_for_any_bounds(a, b, v):
    from scaling_utils import _check

    low, high = sorted((a, b))
    if low == high:
        return
    if low <= v <= high:
        assert _check.in_range("x", v, low, high) == v
        return
    with pytest.raises(ValueError) as info:
        _check.in_range("x", v, low, high)
    msg = str(info.value)
    assert msg.startswith(f"x deve estar entre {fmt.plain(low)} e {fmt.plain(high)}; ")
    assert msg.endswith(f"recebido x = {v!r}.")


@given(signed)
def test_every_check_message_path(x):
    """finite, positive, nonnegative, probability e positive_int: aceitam ou explicam."""
    from scaling_utils import _check

    for check in (_check.finite, _check.positive, _check.nonnegative, _check.probability,
                  _check.positive_int,
                  lambda name, v: _check.positive_int(name, v, minimum=1, maximum=10**12)):
        try:
            check("x", x)
        except ValueError as exc:
            assert str(exc).startswith("x deve ser ") and "recebido x = " in str(exc)
    with pytest.raises(ValueError, match=r"^x deve ser um inteiro entre 1 e 1\.000; "):
        _check.positive_int("x", 1001, minimum=1, maximum=1000)
