"""Os números publicados nos artigos, reproduzidos pela biblioteca."""

from __future__ import annotations

import pytest

from scaling_utils import chinchilla as ch
from scaling_utils import compute, emergence, kaplan, models
from scaling_utils.powerlaw import doubling_factor, fit_loglog


def test_pf_day():
    assert compute.PF_DAY_FLOPS == pytest.approx(8.64e19, rel=1e-12)  # Kaplan §1.3


def test_kaplan_doubling_factor():
    # §1.2: dobrar N multiplica a perda por 2^−0,076 ≈ 0,95.
    assert doubling_factor(-kaplan.ALPHA_N) == pytest.approx(0.949, abs=5e-4)
    assert kaplan.loss_n(2e9) / kaplan.loss_n(1e9) == pytest.approx(2 ** -0.076)


def test_kaplan_allocation_tenfold():
    # 10× compute → ≈ 5,4× parâmetros e ≈ 1,9× dados (10^0,73, 10^0,27).
    n1, d1 = kaplan.optimal_allocation(1.0)
    n10, d10 = kaplan.optimal_allocation(10.0)
    assert n10 / n1 == pytest.approx(5.37, abs=0.01)
    assert d10 / d1 == pytest.approx(1.86, abs=0.01)
    assert n1 == pytest.approx(1.3e9)


def test_kaplan_nd_reduces_to_loss_n_with_infinite_data():
    # Eq. 1.5 com D → ∞ é (N_c/N)^α_N com as constantes da Tabela 2.
    N = 1e9
    assert kaplan.loss_nd(N, 1e30) == pytest.approx((kaplan.ND_N_C / N) ** kaplan.ND_ALPHA_N,
                                                     rel=1e-6)


def test_gpt3_compute():
    # Brown et al. 2020, Tabela D.1: 3,14 × 10²³ FLOPs = 3,64 × 10³ PF-dias.
    gpt3 = models.by_name("GPT-3")
    c = compute.training_flops(gpt3.N, gpt3.D)
    assert c == pytest.approx(3.15e23, rel=0.01)
    assert compute.flops_to_pf_days(c) == pytest.approx(3.64e3, rel=0.01)


def test_gopher_budget_gives_40b_with_full_precision():
    # Hoffmann et al. 2022, Fig. 4: ≈ 40B parâmetros no orçamento do Gopher.
    n_opt, d_opt = ch.compute_optimal(ch.GOPHER_BUDGET, ch.HOFFMANN_2022_FULL)
    assert n_opt == pytest.approx(40e9, rel=0.02)
    assert 6 * n_opt * d_opt == pytest.approx(ch.GOPHER_BUDGET, rel=1e-12)


@pytest.mark.parametrize(("params", "expected"), [
    (ch.HOFFMANN_2022, 93), (ch.HOFFMANN_2022_FULL, 59), (ch.BESIROGLU_2024, 18),
])
def test_tokens_per_parameter_at_chinchilla_budget(params, expected):
    # Besiroglu et al. 2024 (forma fechada): ≈ 93, ≈ 59 e ≈ 18 tokens por parâmetro.
    assert ch.tokens_per_param(ch.GOPHER_BUDGET, params) == pytest.approx(expected, abs=0.6)


@pytest.mark.parametrize(("name", "expected_2022", "expected_2024"), [
    ("Chinchilla", 1.937, 1.973), ("Gopher", 1.993, 1.999), ("GPT-3", 2.002, 2.008),
])
def test_predicted_losses(name, expected_2022, expected_2024):
    # Valores calculados citados em ../shared/reference/fontes.md (três casas, truncadas).
    m = models.by_name(name)
    assert ch.loss(m.N, m.D, ch.HOFFMANN_2022) == pytest.approx(expected_2022, abs=1e-3)
    assert ch.loss(m.N, m.D, ch.BESIROGLU_2024) == pytest.approx(expected_2024, abs=1e-3)


def test_exponents_a_b():
    assert ch.HOFFMANN_2022_FULL.a == pytest.approx(0.46, abs=0.005)  # Tabela 2, Abordagem 3
    assert ch.BESIROGLU_2024.a == pytest.approx(0.513, abs=5e-4)
    assert ch.BESIROGLU_2024.a + ch.BESIROGLU_2024.b == pytest.approx(1.0)


@pytest.mark.parametrize(("p", "expected"), [(0.5, 0.031), (0.7, 0.168), (0.9, 0.590),
                                             (0.99, 0.951)])
def test_exact_match_examples(p, expected):
    # Schaeffer et al. 2023 (calculado): p^5.
    assert emergence.exact_match(p, 5) == pytest.approx(expected, abs=5e-4)


def test_kepler_third_law():
    from scaling_utils.planets import PLANETS

    fit = fit_loglog([p.semi_major_axis_km for p in PLANETS], [p.period_days for p in PLANETS])
    assert fit.k == pytest.approx(1.5, abs=0.005)
    assert fit.r2 > 0.9999


def test_grid_has_4500_starts():
    assert ch.INIT_GRID.shape == (4500, 5)


def test_fit_parametric_reproduces_2024_grid_search(runs):
    # Besiroglu et al. 2024: E ≈ 1,817, α ≈ 0,347, β ≈ 0,367, objetivo ≈ 1,018 × 10⁻³.
    assert len(runs) == 240
    fit = ch.fit_parametric(runs.N, runs.D, runs.loss)
    p = fit.params
    assert p.E == pytest.approx(1.817, abs=5e-4)
    assert p.alpha == pytest.approx(0.3473, abs=5e-4)
    assert p.beta == pytest.approx(0.3672, abs=5e-4)
    assert p.A == pytest.approx(478, rel=0.01)
    assert p.B == pytest.approx(2144, rel=0.01)
    assert fit.objective == pytest.approx(1.018e-3, rel=1e-3)
    assert fit.n_points == 240
    assert ch.tokens_per_param(ch.GOPHER_BUDGET, p) == pytest.approx(18, abs=1.0)


@pytest.mark.slow
def test_fast_strategy_reaches_the_exhaustive_optimum(runs):
    fast = ch.fit_parametric(runs.N, runs.D, runs.loss)
    full = ch.fit_parametric(runs.N, runs.D, runs.loss, strategy="exhaustive")
    assert full.n_starts == 4500
    assert abs(fast.objective - full.objective) < 1e-9
    for name in ("E", "A", "B", "alpha", "beta"):
        assert getattr(fast.params, name) == pytest.approx(getattr(full.params, name), rel=1e-3)


def test_mean_reduction_reproduces_the_2022_bug(runs):
    # Com a média e as tolerâncias padrão, o L-BFGS para longe do ótimo da soma.
    good = ch.fit_parametric(runs.N, runs.D, runs.loss)
    bug = ch.fit_parametric(runs.N, runs.D, runs.loss, reduction="mean", tolerances="scipy")
    assert abs(bug.params.alpha - good.params.alpha) > 0.1


def test_bootstrap_matches_published_intervals(runs):
    # Besiroglu et al. 2024: E 1,769–1,871; α 0,317–0,373; β 0,331–0,415 (95%).
    ci = ch.bootstrap(runs.N, runs.D, runs.loss, n_resamples=300, seed=2024)
    for name, (lo, hi) in {"E": (1.769, 1.871), "alpha": (0.317, 0.373),
                           "beta": (0.331, 0.415)}.items():
        assert ci[name][0] == pytest.approx(lo, abs=0.01), name
        assert ci[name][1] == pytest.approx(hi, abs=0.015), name
    assert ci == ch.bootstrap(runs.N, runs.D, runs.loss, n_resamples=300, seed=2024)


def test_isoflop_exponents_near_one_half(runs):
    # Abordagem 2 (Tabela 2): a ≈ 0,49, b ≈ 0,51.
    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss)
    assert iso.a == pytest.approx(0.5, abs=0.05)
    assert iso.a + iso.b == pytest.approx(1.0, abs=1e-9)
    assert len(iso.budgets) >= 5


def test_table3_rows_are_about_20_tokens_per_parameter():
    # Hoffmann et al. 2022, Tabela 3 (Abordagem 1): D/N entre 20 e 23 em todos os orçamentos.
    ratios = [d / n for n, _, d in ch.TABLE3]
    assert all(19.9 < r < 22.5 for r in ratios)
    n, c, d = ch.TABLE3[2]
    assert 6 * n * d == pytest.approx(c, rel=0.01)


def test_gpt3_undertrained_factor():
    gpt3 = models.by_name("GPT-3")
    assert 20 * gpt3.N / gpt3.D == pytest.approx(11.7, abs=0.05)


def test_mmlu_facts():
    assert ch.MMLU["Chinchilla"] == 0.676 and ch.MMLU["Gopher"] == 0.600
    assert sum(ch.MMLU_TASKS.values()) == 57 and len(ch.MMLU_WORSE) == ch.MMLU_TASKS["pior"]


def test_llama3_tokens_per_parameter():
    assert models.by_name("Llama 3 8B").tokens_per_param == pytest.approx(1875)


# --- Issue 12: números novos ---------------------------------------------------------------

def test_table6_c_min_convention_gopher_and_gpt3():
    # Kaplan et al. 2020, Eq. 5.5 e Tabela 6: a Tabela 6 gasta 6·N·D = 1,81·C_min; com
    # C_min = C/1,81, GPT-3 (3,14 × 10²³ FLOPs) → 1,9 × 175B e 0,52 × 300B tokens.
    from scaling_utils import kaplan

    assert kaplan.TABLE6_SPEND == pytest.approx(1.81, abs=0.005)
    n, d = kaplan.allocation_for_compute(3.14e23)
    assert (n / 175e9, d / 300e9) == (pytest.approx(1.92, abs=0.01), pytest.approx(0.52, abs=0.01))


def test_gopher_budget_printed_vs_tex_values():
    # Revisão científica / Hoffmann et al. 2022, Fig. 4: valores impressos → ≈ 32B parâmetros
    # no orçamento do Gopher; valores da fonte TeX → ≈ 40B (a figura diz 40B).
    assert ch.compute_optimal(ch.GOPHER_BUDGET, ch.HOFFMANN_2022)[0] == pytest.approx(32e9,
                                                                                   rel=0.02)


@pytest.mark.slow
def test_runs_needed_for_published_interval_width(runs):
    # Besiroglu et al. 2024: o intervalo de 80% de a (0,454–0,455, Tabela 2 de Hoffmann et al.)
    # pediria "mais de 600.000" corridas; a largura de 80% com 240 corridas é ≈ 0,051.
    draws = ch.bootstrap_draws(runs.N, runs.D, runs.loss, n_resamples=200, seed=2024)
    lo, hi = ch.percentile_intervals(draws, 0.80)["a"]
    assert hi - lo == pytest.approx(0.051, abs=0.004)
    assert 240 * ((hi - lo) / 0.001) ** 2 == pytest.approx(6e5, rel=0.2)
    lo95, hi95 = ch.percentile_intervals(draws, 0.95)["a"]
    assert (hi95 - lo95) / (hi - lo) == pytest.approx(1.96 / 1.2816, rel=0.15)


def test_wei_table1_rows():
    # Wei et al. 2022, Tabela 1: MMLU (57 tópicos) 3,1E+23 / 175B / GPT-3;
    # MMLU (30 tópicos) 5,0E+23 / 70B / Chinchilla.
    rows = {r[0]: r[1:] for r in emergence.WEI_2022_EXAMPLES}
    assert rows["MMLU, média dos 57 tópicos (poucos exemplos)"] == (
        "3,1 × 10²³", "175 bilhões", "GPT-3")
    assert rows["MMLU, 30 tópicos (poucos exemplos)"] == ("5,0 × 10²³", "70 bilhões", "Chinchilla")


def test_muennighoff_constants_and_figure1_losses():
    # Muennighoff et al. 2023: R_D* ≈ 15,4, R_N* ≈ 5,3; perdas dos dois modelos da Figura 1
    # (direita) e a alocação ótima (227B tokens, 9,1 épocas, 6,8B parâmetros), como o README
    # do repositório dos autores (huggingface/datablations) as imprime.
    from scaling_utils import dados_restritos as dr

    assert round(dr.R_D_STAR, 1) == 15.4 and round(dr.R_N_STAR, 1) == 5.3
    for n, d, u, published in dr.FIGURE1_EXAMPLES:
        assert dr.loss(n, d, u) == pytest.approx(published, abs=1e-9)
    n, d, _ = dr.optimal_allocation(6 * 8.67e9 * 178e9, 25e9)
    assert n == pytest.approx(6.8e9, rel=0.01)
    assert d == pytest.approx(227e9, rel=0.01)
    assert d / 25e9 == pytest.approx(9.1, abs=0.05)


def test_muennighoff_repetition_is_almost_free_up_to_4_epochs():
    # Muennighoff et al. 2023 (resumo): até 4 épocas, mudança desprezível na perda.
    from scaling_utils import dados_restritos as dr

    u = 25e9
    assert 0.93 < dr.effective_data(4 * u, u) / (4 * u) < 0.94  # 4 épocas ≈ 93% de dados novos
    n = 0.5 * dr.optimal_params_for_tokens(u)  # sem excesso de parâmetros: só o efeito dos dados
    repeated, fresh = dr.loss(n, 4 * u, u), dr.loss(n, 4 * u, 4 * u)
    assert 0 < repeated - fresh < 0.01
    assert dr.effective_data(1e6 * u, u) / u == pytest.approx(1 + dr.R_D_STAR, rel=1e-6)


def test_llama3_scaling_fit():
    # Dubey et al. 2024, §3.2.1: 402B parâmetros com 16,55T tokens em 3,8 × 10²⁵ FLOPs
    # (≈ 41 tokens por parâmetro); com (α, A) = (0,53; 0,29) arredondados, ≈ 10,5T tokens.
    from scaling_utils import previsao as pv

    assert pv.LLAMA3_D / pv.LLAMA3_N == pytest.approx(41.2, abs=0.05)
    assert pv.llama3_optimal_tokens(pv.LLAMA3_C) == pytest.approx(10.5e12, rel=0.01)
    assert 6 * pv.LLAMA3_N * pv.LLAMA3_D == pytest.approx(4.0e25, rel=0.01)


def test_pass_at_k_estimator_matches_chen_2021():
    # Chen et al. 2021, Eq. 1: 1 − C(n−c, k)/C(n, k).
    from math import comb

    from scaling_utils import amostragem as am

    for n, c, k in [(10, 3, 1), (10, 3, 5), (200, 1, 100), (200, 0, 10), (5, 5, 5), (50, 45, 10)]:
        assert am.pass_at_k(n, c, k) == pytest.approx(1 - comb(n - c, k) / comb(n, k), abs=1e-12)
