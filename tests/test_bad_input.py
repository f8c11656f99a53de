"""Entrada ruim → TypeError/ValueError em português, nomeando o argumento e o valor.

Uma varredura sobre toda a API pública: cada argumento numérico de cada função recebe
zero, negativos, NaN, ±inf, None, textos, listas vazias, booleanos e arrays com um valor ruim
(conforme o domínio do argumento), e os pares de arrays recebem formas incompatíveis.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from scaling_utils import (
    chinchilla,
    compute,
    emergence,
    figures,
    fmt,
    inference,
    kaplan,
    lab,
    models,
    plotting,
    powerlaw,
    widgets,
)
from scaling_utils.data import load_chinchilla_runs

# Valores ruins por domínio do argumento.
NOT_A_NUMBER = [None, "abc", b"1", [], True, np.bool_(False), 1 + 2j, {"x": 1}]
NON_FINITE = [math.nan, math.inf, -math.inf]
BAD = {
    "positive": NOT_A_NUMBER + NON_FINITE + [0, -1.0, [1.0, -2.0]],
    "nonneg": NOT_A_NUMBER + NON_FINITE + [-0.5, [0.1, math.nan]],
    "finite": NOT_A_NUMBER + NON_FINITE + [[1.0, math.inf]],
    "prob": NOT_A_NUMBER + NON_FINITE + [-0.1, 1.5, [0.5, 2.0]],
    "posint": NOT_A_NUMBER + NON_FINITE + [0, -3, 2.5],
    "digits": NOT_A_NUMBER + NON_FINITE + [-1, 1.5, 99],
    "optdigits": [v for v in NOT_A_NUMBER if v is not None] + NON_FINITE + [-1, 1.5, 99],
    "optnonneg": [v for v in NOT_A_NUMBER if v is not None] + NON_FINITE + [-0.5],
    "seed": NOT_A_NUMBER + NON_FINITE + [-1, 1.5],
    "level": NOT_A_NUMBER + NON_FINITE + [0, 1, 1.5],
    "count": NOT_A_NUMBER + NON_FINITE + [-1, 1.5],
    "significant": NOT_A_NUMBER + NON_FINITE + [0, 1.5, 16],
}

_N = np.geomspace(1e8, 1e10, 12)
_D = np.geomspace(1e9, 1e11, 12)[::-1].copy()
_L = chinchilla.loss(_N, _D)
# Três orçamentos IsoFLOP com cinco tamanhos cada, para fit_isoflop.
_ISO_C = np.repeat([1e19, 1e20, 1e21], 5)
_ISO_N = np.concatenate([np.geomspace(0.2, 5, 5) * chinchilla.compute_optimal(c)[0]
                         for c in (1e19, 1e20, 1e21)])
_ISO_D = _ISO_C / (6 * _ISO_N)
_ISO_L = chinchilla.loss(_ISO_N, _ISO_D)
_FIT = powerlaw.fit_loglog([1.0, 2.0, 4.0], [1.0, 0.5, 0.25])

# (nome, função, argumentos válidos, domínio de cada argumento testado)
API = [
    ("training_flops", compute.training_flops, {"N": 1e9, "D": 2e10},
     {"N": "positive", "D": "positive"}),
    ("flops_to_pf_days", compute.flops_to_pf_days, {"C": 1e21}, {"C": "positive"}),
    ("pf_days_to_flops", compute.pf_days_to_flops, {"x": 3.0}, {"x": "positive"}),
    ("power_law", powerlaw.power_law, {"x": 2.0, "c": 1.0, "k": -0.5},
     {"x": "positive", "c": "positive", "k": "finite"}),
    ("fit_loglog", powerlaw.fit_loglog, {"x": [1.0, 2.0, 4.0], "y": [1.0, 0.5, 0.3]},
     {"x": "positive", "y": "positive"}),
    ("PowerLawFit.predict", _FIT.predict, {"x": 3.0}, {"x": "positive"}),
    ("PowerLawFit.k_interval", _FIT.k_interval, {"level": 0.9}, {"level": "level"}),
    ("kaplan.loss_n", kaplan.loss_n, {"N": 1e9}, {"N": "positive"}),
    ("kaplan.loss_d", kaplan.loss_d, {"D": 1e9}, {"D": "positive"}),
    ("kaplan.loss_c", kaplan.loss_c, {"C_pf_days": 1.0}, {"C_pf_days": "positive"}),
    ("kaplan.loss_nd", kaplan.loss_nd, {"N": 1e9, "D": 1e10},
     {"N": "positive", "D": "positive"}),
    ("kaplan.optimal_allocation", kaplan.optimal_allocation, {"C_pf_days": 1.0},
     {"C_pf_days": "positive"}),
    ("powerlaw.doubling_factor", powerlaw.doubling_factor, {"k": -0.076},
     {"k": "finite"}),
    ("sample_power_law", powerlaw.sample_power_law,
     {"c": 1.0, "k": -0.5, "x_min": 1.0, "x_max": 100.0, "n": 5, "noise": 0.1, "seed": 0},
     {"c": "positive", "k": "finite", "x_min": "positive", "x_max": "positive",
      "n": "posint", "noise": "nonneg", "seed": "seed"}),
    ("floored_power_law", powerlaw.floored_power_law,
     {"x": 2.0, "E": 0.5, "A": 1.0, "alpha": 0.5},
     {"x": "positive", "E": "nonneg", "A": "positive", "alpha": "positive"}),
    ("fit_ignoring_floor", powerlaw.fit_ignoring_floor,
     {"E": 0.5, "A": 2.0, "alpha": 0.5, "x_min": 1.0, "x_max": 100.0, "n": 5},
     {"E": "nonneg", "A": "positive", "alpha": "positive", "x_min": "positive",
      "x_max": "positive", "n": "posint"}),
    ("TaskLoss.size_for_loss", emergence.ILLUSTRATIVE_TASK.size_for_loss, {"L": 0.5},
     {"L": "positive"}),
    ("kaplan.tokens_for_loss", kaplan.tokens_for_loss, {"N": 1e9, "L_target": 3.0},
     {"N": "positive", "L_target": "positive"}),
    ("LossParams", chinchilla.LossParams, {"E": 1.7, "A": 400.0, "B": 400.0, "alpha": 0.3,
                                           "beta": 0.3},
     {"E": "nonneg", "A": "positive", "B": "positive", "alpha": "positive", "beta": "positive"}),
    ("chinchilla.loss", chinchilla.loss, {"N": 1e9, "D": 2e10},
     {"N": "positive", "D": "positive"}),
    ("compute_optimal", chinchilla.compute_optimal, {"C": 1e21}, {"C": "positive"}),
    ("tokens_per_param", chinchilla.tokens_per_param, {"C": 1e21}, {"C": "positive"}),
    ("optimal_loss", chinchilla.optimal_loss, {"C": 1e21}, {"C": "positive"}),
    ("chinchilla.tokens_for_loss", chinchilla.tokens_for_loss, {"N": 1e9, "L_target": 2.5},
     {"N": "positive", "L_target": "positive"}),
    ("inference_aware_optimal", inference.inference_aware_optimal,
     {"L_target": 2.0, "D_inference": 1e12},
     {"L_target": "positive", "D_inference": "nonneg"}),
    ("inference_aware_frontier", inference.inference_aware_frontier,
     {"L_target": 2.0, "D_inference": [0.0, 1e12]},
     {"L_target": "positive", "D_inference": "nonneg"}),
    ("fit_parametric", chinchilla.fit_parametric, {"N": _N, "D": _D, "L": _L, "delta": 1e-3},
     {"N": "positive", "D": "positive", "L": "positive", "delta": "positive"}),
    ("bootstrap", chinchilla.bootstrap, {"N": _N, "D": _D, "L": _L, "n_resamples": 2,
                                         "seed": 0, "level": 0.95},
     {"N": "positive", "D": "positive", "L": "positive", "n_resamples": "posint",
      "level": "level"}),
    ("fit_isoflop", chinchilla.fit_isoflop,
     {"N": _ISO_N, "D": _ISO_D, "L": _ISO_L, "bin_width": 0.1},
     {"N": "positive", "D": "positive", "L": "positive", "bin_width": "positive"}),
    ("per_token_accuracy", emergence.per_token_accuracy, {"loss": 0.5}, {"loss": "nonneg"}),
    ("exact_match", emergence.exact_match, {"p": 0.9, "length": 5},
     {"p": "prob", "length": "posint"}),
    ("token_edit_distance", emergence.token_edit_distance, {"p": 0.9, "length": 5},
     {"p": "prob", "length": "posint"}),
    ("sample_accuracy", emergence.sample_accuracy, {"p_correct": 0.3, "n_questions": 100,
                                                    "seed": 0},
     {"p_correct": "prob", "n_questions": "posint"}),
    ("fmt.num", fmt.num, {"x": 1.5, "digits": 2}, {"x": "finite", "digits": "digits"}),
    ("fmt.sci", fmt.sci, {"x": 1.5e20, "digits": 2}, {"x": "finite", "digits": "digits"}),
    ("fmt.pct", fmt.pct, {"fraction": 0.5, "digits": 1},
     {"fraction": "finite", "digits": "digits"}),
    ("fmt.plain", fmt.plain, {"x": 1.69, "significant": 6},
     {"x": "finite", "significant": "significant"}),
    ("fmt.count", fmt.count, {"n": 3, "singular": "token", "plural": "tokens"},
     {"n": "count"}),
    ("decimal_formatter", plotting.decimal_formatter, {"digits": 2}, {"digits": "optdigits"}),
    ("power_law_panels", figures.power_law_panels, {"c": 1.0, "k": -0.5, "E": 0.1},
     {"c": "positive", "k": "finite", "E": "nonneg", "x_min": "positive",
      "x_max": "positive"}),
    ("fit_demo", figures.fit_demo, {"noise": 0.2, "decades": 2.0, "seed": 0},
     {"noise": "finite", "decades": "finite", "seed": "seed"}),
    ("fit_demo_grid", figures.fit_demo_grid, {"noises": (0.1,), "decades": (1.0,), "seed": 0},
     {"noises": "nonneg", "decades": "positive", "seed": "seed"}),
    ("extrapolation", figures.extrapolation, {"E": 0.5, "A": 2.0, "alpha": 0.5},
     {"E": "nonneg", "A": "positive", "alpha": "positive", "fit_decades": "finite",
      "extra_decades": "finite"}),
    ("kaplan_nd_curves", figures.kaplan_nd_curves, {"N_values": (1e8,)},
     {"N_values": "positive"}),
    ("sample_efficiency", figures.sample_efficiency, {"L_targets": (3.0,)},
     {"L_targets": "positive"}),
    ("kaplan_allocation", figures.kaplan_allocation, {"C_flops": 1e22}, {"C_flops": "finite"}),
    ("isoflop_curves", figures.isoflop_curves, {"budgets": (1e20,)}, {"budgets": "positive"}),
    ("tokens_per_param_history", figures.tokens_per_param_history,
     {"model_list": models.MODELS[:3], "rule": 20.0}, {"rule": "positive"}),
    ("budget_comparison", figures.budget_comparison, {"C_flops": 1e22},
     {"C_flops": "finite"}),
    ("inference_aware", figures.inference_aware, {"L_target": 2.0, "D_inference_values": [1e12]},
     {"L_target": "positive", "D_inference_values": "optnonneg"}),
    ("inference_demand", figures.inference_demand, {"log10_D_inference": 12.0},
     {"log10_D_inference": "finite"}),
    ("chinchilla_budget_explorer", widgets.chinchilla_budget_explorer, {"log10_C": 22.0},
     {"log10_C": "finite"}),
    ("inference_explorer", widgets.inference_explorer, {"log10_D_inference": 12.0},
     {"log10_D_inference": "finite"}),
    ("loss_and_ability", figures.loss_and_ability, {"length": 5}, {"length": "posint"}),
    ("mirage_grid", figures.mirage_grid, {"lengths": (1, 5)}, {"lengths": "posint"}),
    ("mirage", figures.mirage, {"metric": "exact_match", "length": 5, "n_questions": 50,
                                "seed": 0},
     {"length": "posint", "n_questions": "posint", "seed": "seed"}),
    ("resolution", figures.resolution, {"length": 5, "sizes": (10,), "seed": 0},
     {"length": "posint", "sizes": "posint", "seed": "seed"}),
    ("lab_double_descent", figures.lab_double_descent, {"D": 16,
     "setup": lab.LabSetup(seeds=1, latent_dim=64, max_features=32, max_samples=64)},
     {"D": "posint"}),
    ("lab_sweep", figures.lab_sweep, {"spectrum": 1.5, "noise": 0.25},
     {"spectrum": "finite", "noise": "positive"}),
    ("score", emergence.score, {"loss": 0.5, "metric": "exact_match", "length": 3},
     {"loss": "nonneg", "length": "posint"}),
    ("TaskLoss", emergence.TaskLoss, {"L0": 2.0, "N0": 1e7, "alpha": 0.3},
     {"L0": "positive", "N0": "positive", "alpha": "positive"}),
    ("lab.measure", lab.measure, {"N": [8], "D": [16],
                                  "setup": lab.LabSetup(seeds=1, latent_dim=64,
                                                        max_features=32, max_samples=64)},
     {"N": "posint", "D": "posint"}),
    ("lab.grid", lab.grid, {"Ns": [8], "Ds": [16],
                            "setup": lab.LabSetup(seeds=1, latent_dim=64, max_features=32,
                                                  max_samples=64)},
     {"Ns": "posint", "Ds": "posint"}),
    ("mirage_explorer", widgets.mirage_explorer,
     {"metric": "exact_match", "length": 5, "n_questions": 100},
     {"length": "posint", "n_questions": "posint"}),
    ("lab_explorer", widgets.lab_explorer, {"spectrum": 1.5, "noise": 0.25},
     {"spectrum": "finite", "noise": "finite"}),
    ("fit_explorer", widgets.fit_explorer, {"noise": 0.2, "decades": 2.0},
     {"noise": "finite", "decades": "finite"}),
    ("kaplan_budget_explorer", widgets.kaplan_budget_explorer, {"log10_C": 22.0},
     {"log10_C": "finite"}),
    ("power_law_explorer", widgets.power_law_explorer, {"c": 1.0, "k": -0.5, "E": 0.0},
     {"c": "finite", "k": "finite", "E": "finite"}),
]

CASES = [
    pytest.param(func, valid, arg, bad, id=f"{name}-{arg}-{bad!r}")
    for name, func, valid, domains in API
    for arg, domain in domains.items()
    for bad in BAD[domain]
]


def _assert_portuguese(exc: Exception, arg: str) -> None:
    msg = str(exc)
    assert arg in msg, f"a mensagem não nomeia {arg!r}: {msg}"
    assert any(w in msg for w in ("deve", "recebido", "não")), f"mensagem não explica: {msg}"


@pytest.mark.parametrize(("func", "valid", "arg", "bad"), CASES)
def test_bad_value(func, valid, arg, bad):
    import matplotlib.pyplot as plt

    kwargs = {**valid, arg: bad}
    with pytest.raises((TypeError, ValueError)) as info:
        func(**kwargs)
    plt.close("all")
    # Intervalos inválidos em pares (x_min/x_max) citam os dois nomes; os demais citam arg.
    _assert_portuguese(info.value, arg)


def test_valid_calls_work():
    """Os argumentos válidos da varredura de fato funcionam (senão ela não provaria nada)."""
    import matplotlib.pyplot as plt

    for _name, func, valid, _ in API:
        func(**valid)
    plt.close("all")


SHAPE_CASES = [
    (compute.training_flops, {"N": [1e9, 2e9], "D": [1e10, 2e10, 3e10]}),
    (kaplan.loss_nd, {"N": [1e9, 2e9], "D": [1e10, 2e10, 3e10]}),
    (chinchilla.loss, {"N": [1e9, 2e9], "D": [1e10, 2e10, 3e10]}),
    (powerlaw.fit_loglog, {"x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0, 4.0]}),
    (chinchilla.fit_parametric, {"N": _N, "D": _D[:-1], "L": _L}),
    (chinchilla.bootstrap, {"N": _N, "D": _D, "L": _L[:-1], "n_resamples": 2, "seed": 0}),
    (chinchilla.fit_isoflop, {"N": _N[:-1], "D": _D, "L": _L}),
    (emergence.exact_match, {"p": [0.1, 0.2], "length": [1, 2, 3]}),
    (emergence.token_edit_distance, {"p": [0.1, 0.2], "length": [1, 2, 3]}),
]


@pytest.mark.parametrize(("func", "kwargs"), SHAPE_CASES,
                         ids=[f.__name__ for f, _ in SHAPE_CASES])
def test_mismatched_shapes(func, kwargs):
    with pytest.raises(ValueError, match="forma"):
        func(**kwargs)


@pytest.mark.parametrize("kwargs", [
    {"reduction": "media"}, {"strategy": "rapida"}, {"tolerances": "frouxa"}, {"n_refine": 0},
])
def test_fit_parametric_options(kwargs):
    with pytest.raises((TypeError, ValueError)) as info:
        chinchilla.fit_parametric(_N, _D, _L, **kwargs)
    _assert_portuguese(info.value, next(iter(kwargs)))


@pytest.mark.parametrize("params", [None, "HOFFMANN", (1.7, 400, 400, 0.3, 0.3)])
def test_params_must_be_lossparams(params):
    for func, args in ((chinchilla.loss, (1e9, 1e10)), (chinchilla.compute_optimal, (1e21,))):
        with pytest.raises(TypeError, match="params"):
            func(*args, params=params)


def test_too_few_points():
    with pytest.raises(ValueError, match="x"):
        powerlaw.fit_loglog([1.0, 2.0], [1.0, 2.0])
    with pytest.raises(ValueError, match="x"):
        powerlaw.fit_loglog([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("name", [None, 3, "GPT-5"])
def test_models_by_name(name):
    with pytest.raises((TypeError, ValueError), match="name"):
        models.by_name(name)


@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"path": 3}, "path"), ({"path": "/nao/existe.csv"}, "path"),
    ({"drop_outliers": "sim"}, "drop_outliers"), ({"drop_outliers": None}, "drop_outliers"),
])
def test_data_loader_arguments(kwargs, arg, tmp_path):
    with pytest.raises((TypeError, ValueError, FileNotFoundError)) as info:
        load_chinchilla_runs(**kwargs)
    _assert_portuguese(info.value, arg)


def test_error_names_the_bad_element():
    with pytest.raises(ValueError, match=r"N\[2\] = nan"):
        compute.training_flops([1.0, 2.0, math.nan], 1.0)


def test_sweep_covers_every_public_function():
    """Toda função pública de cada módulo aparece na varredura ou num teste dedicado."""
    import importlib
    import inspect
    import pkgutil

    import scaling_utils

    covered = {f for _, f, _, _ in API} | {f for f, _ in SHAPE_CASES}
    from test_bad_input_novos import API_NEW  # as funções novas da issue 12

    covered |= {f for _, f, _, _ in API_NEW}
    covered |= {chinchilla.loss, chinchilla.compute_optimal, powerlaw.fit_loglog,
                models.by_name, load_chinchilla_runs}
    dedicated = {"apply_style", "new_figure", "log_axes", "linear_axes", "style",
                 "labeled_slider", "figure_html", "cache_dir", "locate", "compute_range_pf_days",
                 "kaplan_laws", "kepler", "power_law_panels_alt", "fit_demo_alt",
                 "kaplan_allocation_alt", "render", "allocation_comparison", "chinchilla_runs",
                 "budget_comparison_alt", "inference_demand_alt", "load_or_explain",
                 "isoflop_parabolas", "mirage_alt", "lab_sweep_alt", "run_lab", "r2_log",
                 "isoflop", "lab_scaling", "lab_isoflop", "png_bytes", "setup_notebook",
                 "smallest_font_pt", "png_layout", "place_labels", "overlapping_texts",
                 "desafio_explorer",  # tests/test_desafio.py
                 "unit",  # fmt.unit: tests/test_linguagem.py, test_fmt_unit_plural_starts_at_two
                 "sweep"}  # lab.sweep: test_lab_sweep_refuses_bad_settings
    missing = []
    packages = {"chinchilla": ("lei", "ajuste", "isoflop", "publicados"),
                "figures": ("potencia", "kaplan", "chinchilla", "replicacao", "paradoxo",
                            "recentes", "laboratorio")}
    for sub in ("chinchilla", "figures"):  # a lista acima tem de acompanhar os pacotes
        found = {m.name for m in pkgutil.iter_modules(getattr(scaling_utils, sub).__path__)}
        assert found - {"_comum"} == set(packages[sub]), (sub, found)
    modnames = ("compute", "powerlaw", "kaplan", "emergence", "models", "data", "fmt",
                "plotting", "widgets", "lab", "inference", "dados_restritos", "amostragem",
                "previsao", *(f"{p}.{m}" for p, ms in packages.items() for m in ms))
    for modname in modnames:
        mod = importlib.import_module(f"scaling_utils.{modname}")
        for name, obj in vars(mod).items():
            if name.startswith("_") or not inspect.isfunction(obj):
                continue
            if obj.__module__ != mod.__name__:
                continue
            if obj not in covered and name not in dedicated:
                missing.append(f"{modname}.{name}")
    assert not missing, f"funções públicas fora da varredura: {missing}"


@pytest.mark.parametrize("i", [-1, 1.5, None, True, "0"])
def test_style_index(i):
    with pytest.raises(TypeError, match="i"):
        plotting.style(i)


@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"value": 9.0}, "a"), ({"min": 1.0, "max": 0.0}, "min"), ({"step": 0}, "step"),
    ({"digits": -1}, "digits"), ({"description": None}, "description"),
])
def test_labeled_slider(kwargs, arg):
    base = {"description": "a", "value": 1.0, "min": 0.0, "max": 2.0, "step": 0.1}
    with pytest.raises((TypeError, ValueError)) as info:
        widgets.labeled_slider(**{**base, **kwargs})
    _assert_portuguese(info.value, arg)


def test_explorer_rejects_out_of_range_start():
    with pytest.raises(ValueError, match=r"^k deve .* recebido k = -5\.0"):
        widgets.power_law_explorer(k=-5.0)


@pytest.mark.parametrize("planets", ["abc", [1, 2, 3], None])
def test_kepler_needs_planets(planets):
    with pytest.raises(TypeError, match="planets"):
        figures.kepler(planets)


@pytest.mark.parametrize(("headers", "rows"), [
    ("ab", [["1"]]), (["a", "b"], []), (["a", "b"], [["1"]]), ([1, 2], [["1", "2"]]),
])
def test_table_shapes(headers, rows):
    with pytest.raises((TypeError, ValueError), match=r"headers|rows"):
        fmt.Table(headers, rows)


def test_lab_figures_need_lab_objects():
    with pytest.raises(TypeError, match="runs"):
        figures.lab_scaling(None, None, 0.25)
    with pytest.raises(TypeError, match="iso"):
        figures.lab_isoflop(None, 0.5)
    with pytest.raises(TypeError, match="runs"):
        lab.r2_log(None, None)


# --- Entradas que escapavam (issue 11, §4) ----------------------------------------------------

@pytest.mark.parametrize(("func", "value"), [
    (figures.kaplan_allocation, 1e28), (figures.kaplan_allocation, 1e16),
    (figures.kaplan_allocation, 3.14e13), (figures.kaplan_allocation, 0.0),
    (figures.kaplan_allocation, -1.0), (figures.budget_comparison, 1e28),
    (figures.budget_comparison, 1e16), (figures.budget_comparison, 1e17),
])
def test_budget_out_of_range_is_a_portuguese_error(func, value):
    """Limites ≥ 10²⁵ derrubavam o Babel (decimal.InvalidOperation) em vez da mensagem."""
    with pytest.raises(ValueError) as info:
        func(value)
    msg = str(info.value)
    assert msg.startswith("C_flops deve estar entre 1 × 10¹")
    assert "e 1 × 10²⁷; recebido C_flops = " in msg


@pytest.mark.parametrize("kwargs", [
    {"length": 2.5}, {"length": 0}, {"length": 21}, {"length": "3"},
    {"n_questions": 99.5}, {"n_questions": 5}, {"n_questions": 1001},
])
def test_mirage_explorer_rejects_instead_of_truncating(kwargs):
    arg = next(iter(kwargs))
    with pytest.raises((TypeError, ValueError)) as info:
        widgets.mirage_explorer(**kwargs)
    _assert_portuguese(info.value, arg)


def test_mirage_explorer_and_exact_match_agree_on_length():
    for func in (lambda: widgets.mirage_explorer(length=2.5),
                 lambda: emergence.exact_match(0.9, 2.5)):
        with pytest.raises(ValueError, match="length deve ser um número inteiro"):
            func()


def test_counts_agree_in_number():
    """"respostas de 1 tokens" não: a palavra concorda com a contagem (pt-BR: 0 no plural)."""
    assert fmt.count(1, "token", "tokens") == "1 token"
    assert fmt.count(0, "token", "tokens") == "0 tokens"
    assert fmt.count(2, "questão", "questões") == "2 questões"
    assert fmt.count(1000, "questão", "questões") == "1.000 questões"
    alt = figures.mirage_alt("exact_match", 1, 1)
    assert "respostas de 1 token:" in alt and "com 1 questão " in alt
    assert "sobe de repente" not in alt  # com 1 token, p¹ = p sobe suave
    assert "respostas de 5 tokens:" in figures.mirage_alt("exact_match", 5, 100)
    assert "exatamente zero" not in figures.mirage_alt("per_token", 5, 100)


def test_count_labels_in_figures():
    import matplotlib.pyplot as plt

    fig = figures.mirage("exact_match", length=1, n_questions=10)
    ax = fig.axes[0]
    assert ax.get_title().endswith("respostas de 1 token")
    assert "medido com 10 questões" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close("all")
    fig = figures.resolution(length=1, sizes=(1, 10))
    assert [a.get_title() for a in fig.axes] == ["1 questão", "10 questões"]
    assert fig.axes[0].get_ylabel() == "acerto exato (1 token)"
    plt.close("all")


def test_messages_with_computed_numbers_use_decimal_comma():
    """O "E = 1.69" com ponto: números calculados numa mensagem passam por fmt."""
    with pytest.raises(ValueError) as info:
        inference.inference_aware_optimal(1.0, 1e12, chinchilla.HOFFMANN_2022)
    assert "perda irredutível E = 1,69;" in str(info.value)
    with pytest.raises(ValueError) as info:
        inference.inference_aware_frontier(1.0, [1e12], chinchilla.BESIROGLU_2024)
    assert f"E = {fmt.plain(chinchilla.BESIROGLU_2024.E)};" in str(info.value)
    assert "," in fmt.plain(chinchilla.BESIROGLU_2024.E)
    # C = 2.048 = 32 × 64: só N = 32 (D = 64) cabe na grade.
    with pytest.raises(ValueError, match=r"o orçamento 2\.048 tem só 1 tamanho viável; escolha"):
        lab.isoflop([2048.0], lab.LabSetup(seeds=1, latent_dim=64, max_features=32,
                                           max_samples=64), min_samples=8)


def test_no_dotted_float_in_reader_messages():
    """Varredura do código: nenhuma mensagem de erro interpola um float calculado com ponto.

    Proíbe em ``raise ...(f"...")`` os formatos ``{x:.2f}``/``{x:g}``/``{x:e}`` e atributos de
    parâmetros interpolados crus (``{p.E}``); valores que o usuário passou podem ir com ``!r``.
    """
    import re
    from pathlib import Path

    import scaling_utils

    bad = re.compile(r"\{[^}]*:[^}]*[fge]\}|\{p\.[A-Za-z_]+\}|\{params\.[A-Za-z_]+\}")
    found = []
    for path in Path(scaling_utils.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"raise \w+\((.*?)\)\n", text, re.S):
            if bad.search(m.group(1)):
                found.append(f"{path.name}: {m.group(1)[:80]}")
    assert not found, found


# --- LabSetup: memória e limites ----------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"max_samples": 1_000_000}, "max_samples"),
    ({"max_samples": 65_536}, "max_samples"),  # dentro do limite próprio, acima da memória
    ({"latent_dim": 8192}, "latent_dim"),
    ({"latent_dim": 100_000, "max_features": 512}, "latent_dim"),
    ({"max_features": 5000, "latent_dim": 8000}, "max_features"),
    ({"seeds": 1000}, "seeds"), ({"seeds": 0}, "seeds"),
    ({"noise": 1e9}, "noise"), ({"noise": 0.0}, "noise"),
])
def test_lab_setup_refuses_what_would_kill_a_binder_kernel(kwargs, arg):
    with pytest.raises(ValueError) as info:
        lab.LabSetup(**kwargs)
    msg = str(info.value)
    _assert_portuguese(info.value, arg)
    assert f"{arg} = " in msg


def test_lab_setup_memory_message_names_values_and_limit():
    with pytest.raises(ValueError) as info:
        lab.LabSetup(max_samples=60_000)
    msg = str(info.value)
    assert "MiB de memória, acima do limite de 512 MiB" in msg
    assert "recebido max_samples = 60000, latent_dim = 1024, max_features = 512." in msg
    mib = lab.LabSetup(max_samples=60_000, latent_dim=16, max_features=16).memory_mib()
    assert mib < lab.MAX_MEMORY_MIB


def test_lab_default_and_chapter_setups_fit():
    assert lab.LabSetup().memory_mib() < lab.MAX_MEMORY_MIB
    assert lab.LabSetup(seeds=lab.LIMITS["seeds"]).seeds == 64


def test_lab_memory_estimate_bounds_the_real_peak():
    """A estimativa é um teto honesto: o pico medido (tracemalloc) fica abaixo dela, e não
    muito abaixo (senão o limite recusaria laboratórios que cabem)."""
    import tracemalloc

    setup = lab.LabSetup(seeds=1, latent_dim=512, max_features=128, max_samples=2048)
    tracemalloc.start()
    try:
        lab.grid([16, 64, 128], [256, 2048], setup)
        lab.isoflop([2.0**10, 2.0**12, 2.0**14], setup)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert 0.3 * setup.memory_mib() < peak < setup.memory_mib(), (peak, setup.memory_mib())


@pytest.mark.parametrize(("kwargs", "arg"), [
    ({"spectrum": 1.0}, "spectrum"), ({"spectrum": float("nan")}, "spectrum"),
    ({"spectrum": "1,5"}, "spectrum"), ({"noise": -1.0}, "noise"), ({"noise": None}, "noise"),
])
def test_lab_sweep_refuses_bad_settings(kwargs, arg):
    """A varredura do explorador do laboratório (a chamada válida custa uma varredura inteira:
    os testes do explorador a fazem, tests/test_explorers.py)."""
    with pytest.raises((ValueError, TypeError)) as info:
        lab.sweep(**kwargs)
    _assert_portuguese(info.value, arg)
