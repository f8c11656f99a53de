"""As figuras dos capítulos: o que cada uma mostra, conferido nos dados das curvas."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from scaling_utils import figures, fmt, kaplan, powerlaw, widgets
from scaling_utils.planets import PLANETS


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _lines(ax):
    return {ln.get_label(): ln for ln in ax.get_lines()}


def test_kaplan_laws_solid_only_inside_measured_range():
    fig = figures.kaplan_laws()
    ax_n = fig.axes[0]
    assert [ax.get_title() for ax in fig.axes] == ["$L(N)$", "$L(D)$", r"$L(C_\mathrm{min})$"]
    solid = _lines(ax_n)["$L(N)$ (medido)"]
    x = solid.get_xdata()
    assert x.min() >= kaplan.N_RANGE[0] and x.max() <= kaplan.N_RANGE[1]
    assert solid.get_linestyle() == "-"
    assert _lines(ax_n)["$L(N)$ (extrapolado)"].get_linestyle() == "--"
    np.testing.assert_allclose(solid.get_ydata(), kaplan.loss_n(x))


def test_extrapolated_line_undershoots_the_floor():
    fig = figures.extrapolation(E=0.5, A=2.0, alpha=0.5, fit_decades=2, extra_decades=3)
    lines = _lines(fig.axes[0])
    fitted = next(v for k, v in lines.items() if k.startswith("reta ajustada"))
    assert fitted.get_ydata()[-1] < 0.5  # a reta passa abaixo do piso


def test_kepler_figure_slope_label():
    fig = figures.kepler(PLANETS)
    labels = [ln.get_label() for ln in fig.axes[0].get_lines()]
    assert any("1,498" in label for label in labels)


def test_sample_efficiency_curves_decrease_with_n():
    fig = figures.sample_efficiency(L_targets=(3.0,))
    y = fig.axes[0].get_lines()[0].get_ydata()
    assert np.all(np.diff(y) <= 0)


def test_kaplan_allocation_marks_gpt3_and_budget():
    fig = figures.kaplan_allocation(1e22)
    labels = [ln.get_label() for ln in fig.axes[0].get_lines()]
    assert "GPT-3: parâmetros" in labels and "orçamento escolhido" in labels
    assert "1,00 × 10²² FLOPs" in fig._suptitle.get_text()


def test_fit_demo_grid_has_one_panel_per_combination():
    fig = figures.fit_demo_grid(noises=(0.1, 0.2, 0.3), decades=(1.0, 2.0))
    assert len(fig.axes) == 6


def test_alt_texts_describe_the_state():
    assert "0,30" in figures.power_law_panels_alt(1.0, -0.5, 0.3)
    assert "reta" in figures.power_law_panels_alt(1.0, -0.5, 0.0)
    assert "1,5 década" in figures.fit_demo_alt(0.2, 1.5)
    text = figures.kaplan_allocation_alt(3.14e23)
    assert "3,14 × 10²³" in text and "tamanho ótimo é" in text and "N_opt" not in text


def test_tokens_for_loss_inverts_eq_1_5():
    N = np.array([1e8, 1e9, 1e10])
    D = kaplan.tokens_for_loss(N, 3.0)
    np.testing.assert_allclose(kaplan.loss_nd(N, D), 3.0, rtol=1e-10)


def test_tokens_for_loss_unreachable_is_inf():
    floor = kaplan.loss_nd(1e6, 1e300)
    assert kaplan.tokens_for_loss(1e6, floor * 0.99) == np.inf


def test_compute_range_matches_run_extremes():
    lo, hi = kaplan.compute_range_pf_days()
    assert lo == pytest.approx(6 * 768 * 22e6 / 8.64e19)
    assert hi == pytest.approx(6 * 1.5e9 * 23e9 / 8.64e19)


def test_sample_power_law_is_seeded():
    a = powerlaw.sample_power_law(1.0, -0.5, 1.0, 100.0, 10, 0.3, seed=7)
    b = powerlaw.sample_power_law(1.0, -0.5, 1.0, 100.0, 10, 0.3, seed=7)
    c = powerlaw.sample_power_law(1.0, -0.5, 1.0, 100.0, 10, 0.3, seed=8)
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[1], c[1])
    x, y = powerlaw.sample_power_law(2.0, -1.0, 1.0, 10.0, 4, 0.0, seed=0, E=0.5)
    np.testing.assert_allclose(y, 0.5 + 2.0 / x)


def test_k_interval_covers_truth_about_95_percent():
    hits = 0
    for seed in range(200):
        x, y = powerlaw.sample_power_law(1.0, -0.5, 1.0, 100.0, 15, 0.3, seed)
        lo, hi = powerlaw.fit_loglog(x, y).k_interval(0.95)
        hits += lo <= -0.5 <= hi
    assert 180 <= hits <= 198


def test_table_text_and_html():
    t = fmt.Table(["a", "b"], [["x", "1,5"]], caption="Legenda")
    assert repr(t).splitlines() == ["Legenda", "a  b", "-  ---", "x  1,5"]
    html = t._repr_html_()
    assert '<th scope="col">a</th>' in html and '<th scope="row">x</th>' in html
    assert "<caption>Legenda</caption>" in html


def test_table_html_writes_symbol_subscripts_as_sub_not_underscores():
    html = fmt.Table(["constante", "valor"], [["N_c", "8,8"], ["α_N", "0,076"],
                                              ["scaling_utils", "x"]])._repr_html_()
    assert "N<sub>c</sub>" in html and "α<sub>N</sub>" in html
    assert "scaling_utils" in html  # um identificador longo fica como está


@pytest.mark.parametrize("make", [
    lambda: widgets.power_law_explorer(), lambda: widgets.fit_explorer(),
    lambda: widgets.kaplan_budget_explorer(),
])
def test_widgets_build(make):
    box = make()
    assert box.children  # controles + saída


def test_render_is_one_widget_update():
    html = widgets.render(figures.fit_demo, figures.fit_demo_alt, noise=0.3, decades=2.5)
    assert "<img src=\"data:image/png;base64," in html and "data-menor-texto" in html
    assert "ruído 0,30" in html and "2,5 década" in html


def test_chapter3_figures_on_the_real_runs(runs):
    from scaling_utils import chinchilla as ch

    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss)
    fig = figures.isoflop_parabolas(runs, iso, max_groups=4)
    stars = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "*"]
    assert len(stars) == 4
    with pytest.raises(ValueError, match="max_groups"):
        figures.isoflop_parabolas(runs, iso, max_groups=0)
    fig = figures.chinchilla_runs(runs)
    assert len(fig.axes[0].collections[0].get_offsets()) == len(runs)


def test_allocation_comparison_places_models():
    from scaling_utils import models

    ms = [models.by_name("GPT-3"), models.by_name("Chinchilla")]
    fig = figures.allocation_comparison(ms)
    labels = [ln.get_label() for ln in fig.axes[1].get_lines()]
    assert "GPT-3" in labels and "Chinchilla" in labels


def test_isoflop_minima_lie_on_the_closed_form():
    from scaling_utils import chinchilla as ch

    fig = figures.isoflop_curves(ch.HOFFMANN_2022, budgets=(1e20, 1e22))
    minima = [ln for ln in fig.axes[0].get_lines() if ln.get_linestyle() == "None"]
    for ln, c in zip(minima, (1e20, 1e22), strict=True):
        assert ln.get_xdata()[0] == pytest.approx(ch.compute_optimal(c)[0])


def test_inference_figure_and_alt_agree():
    text = figures.inference_demand_alt(13.0)
    assert "10¹³" in text and "parâmetros" in text
    assert "1,00 × 10²³" in figures.budget_comparison_alt(1e23)


def test_load_or_explain_without_data(monkeypatch, tmp_path, capsys):
    from scaling_utils import data

    monkeypatch.setenv(data.ENV_VAR, str(tmp_path))
    assert data.load_or_explain() is None
    out = capsys.readouterr().out
    assert "Sem os dados" in out and data.ENV_VAR in out


def test_emergence_score_and_task():
    from scaling_utils import emergence

    t = emergence.ILLUSTRATIVE_TASK
    assert t(1e7) == pytest.approx(2.0)
    p = emergence.per_token_accuracy(t(1e10))
    assert emergence.score(t(1e10), "exact_match", 5) == pytest.approx(p**5)
    assert emergence.score(t(1e10), "edit_distance", 5) == pytest.approx(5 * (1 - p))
    assert emergence.score(t(1e10), "per_token", 5) == pytest.approx(p)
    assert "10⁷" in t.formula() and "0,30" in t.formula()
    with pytest.raises(ValueError, match="metric"):
        emergence.score(1.0, "bleu", 5)


def test_resolution_small_tests_read_zero():
    fig = figures.resolution(length=10, sizes=(10, 1000), seed=0)
    small = next(ln for ln in fig.axes[0].get_lines() if ln.get_label() == "medido")
    assert np.sum(small.get_ydata() == 0) >= 8  # muitos zeros exatos com 10 questões


def test_mirage_grid_exact_match_is_more_abrupt_for_longer_answers():
    fig = figures.mirage_grid(lengths=(1, 10))
    one, ten = [ln.get_ydata() for ln in fig.axes[0].get_lines()]
    # a fração da subida concentrada na metade de cima da faixa de N é maior para k = 10
    half = len(one) // 2
    assert (ten[-1] - ten[half]) / ten[-1] > (one[-1] - one[half]) / one[-1]


def test_mirage_alt_texts():
    assert "100 questões" in figures.mirage_alt("exact_match", 5, 100)
    assert "suave" in figures.mirage_alt("edit_distance", 5, 100)


def test_lab_figures():
    from scaling_utils import chinchilla as ch
    from scaling_utils import lab

    setup = lab.LabSetup(seeds=1, latent_dim=256, max_features=128, max_samples=1024)
    runs = lab.grid((8, 16, 32, 64, 128), (16, 64, 256, 1024), setup)
    params = ch.fit_parametric(runs.N, runs.D, runs.loss).params
    fig = figures.lab_scaling(runs, params, setup.noise)
    assert fig.axes[0].get_title() == "D = 1.024 exemplos"
    iso = lab.isoflop([2.0**9, 2.0**10, 2.0**11], setup, window=1.5)
    fig = figures.lab_isoflop(iso, params.a)
    assert "previsto" in fig.axes[1].get_lines()[1].get_label()
    assert "espectro 2,00" in figures.lab_sweep_alt(2.0, 0.25)


def test_fit_ignoring_floor_is_too_shallow_and_undershoots():
    fit = powerlaw.fit_ignoring_floor(E=0.5, A=2.0, alpha=0.5, x_min=1.0, x_max=100.0)
    assert -0.5 < fit.k < 0  # inclinação rasa demais
    assert fit.predict(1e5) < 0.5  # estendida, passa abaixo do piso
    assert powerlaw.floored_power_law(1.0, 0.5, 2.0, 0.5) == pytest.approx(2.5)
    fig = figures.extrapolation(E=0.5, A=2.0, alpha=0.5, fit_decades=2)
    label = next(ln.get_label() for ln in fig.axes[0].get_lines()
                 if ln.get_label().startswith("reta ajustada"))
    assert fmt.num(fit.k, 3) in label  # figura e caderno usam o mesmo ajuste


def test_task_size_for_loss_inverts_the_task():
    from scaling_utils import emergence

    t = emergence.ILLUSTRATIVE_TASK
    assert t(t.size_for_loss(0.23)) == pytest.approx(0.23)
