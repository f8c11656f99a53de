"""Estilo das figuras: vírgula decimal, 10ⁿ, fundo branco, cor nunca sozinha."""

from __future__ import annotations

import io
import itertools
import re

import matplotlib
import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from scaling_utils import figures, plotting, widgets


def test_decimal_comma_labels():
    f = plotting.decimal_formatter()
    assert f(0.5) == "0,5"
    assert f(2.0) == "2"
    assert f(1234.25) == "1.234,25"
    assert plotting.decimal_formatter(2)(0.5) == "0,50"


def test_log_labels_are_powers_of_ten():
    fig, ax = plotting.new_figure()
    ax.plot([1, 1e4], [1, 1e2])
    plotting.log_axes(ax)
    fig.canvas.draw()
    labels = {t.get_text() for t in ax.get_xticklabels() if t.get_text()}
    assert {"10⁰", "10¹", "10²", "10³", "10⁴"} <= labels
    plt.close(fig)


def test_series_differ_by_more_than_colour():
    styles = [plotting.style(i) for i in range(len(plotting.PALETTE))]
    for key in ("color", "marker", "linestyle"):
        values = [repr(s[key]) for s in styles]
        assert len(set(values)) == len(values), key


def test_figures_are_opaque_white():
    fig = figures.power_law_panels(1.0, -0.5, 0.2)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    buf.seek(0)
    img = plt.imread(buf)
    assert img.shape[2] == 4 and np.all(img[..., 3] == 1.0), "PNG com transparência"
    assert np.allclose(img[0, 0, :3], 1.0), "o canto da figura não é branco"


def test_widget_figure_html_keeps_alt_text():
    fig, _ = plotting.new_figure()
    html = widgets.figure_html(fig, 'Uma reta "descendente" <log-log>')
    assert '<img src="data:image/png;base64,' in html and "data-menor-texto" in html
    assert 'alt="Uma reta &quot;descendente&quot; &lt;log-log&gt;"' in html


def test_power_law_panels_rejects_inverted_range():
    with pytest.raises(ValueError, match="x_max"):
        figures.power_law_panels(x_min=10.0, x_max=1.0)


def test_png_bytes_is_compact_opaque_and_white():
    from PIL import Image

    fig = figures.power_law_panels(1.0, -0.5, 0.2)
    raw = io.BytesIO()
    fig.savefig(raw, format="png", bbox_inches="tight", dpi=plotting.DPI)
    data = plotting.png_bytes(fig)
    plt.close(fig)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.mode == "P"  # paleta
    assert len(data) < 0.6 * len(raw.getvalue())
    rgb = img.convert("RGBA")
    assert rgb.getchannel("A").getextrema() == (255, 255)
    assert rgb.getpixel((0, 0))[:3] == (255, 255, 255)


def test_setup_notebook_outside_ipython_applies_the_style():
    import matplotlib as mpl

    mpl.rcParams["figure.facecolor"] = "black"
    plotting.setup_notebook()
    assert mpl.colors.to_hex(mpl.rcParams["figure.facecolor"]) == "#ffffff"


def _labelled(ax, axis="y"):
    fig = ax.figure
    fig.draw_without_rendering()  # posiciona e formata as marcas sem rasterizar
    lo, hi = sorted(getattr(ax, f"get_{axis}lim")())
    ticks = getattr(ax, f"get_{axis}axis")().get_major_ticks()
    # A tolerância do próprio matplotlib (Axis._update_ticks): uma marca a 10⁻¹⁰ do intervalo,
    # na escala do eixo, ainda é desenhada.
    scale = getattr(ax, f"get_{axis}axis")().get_transform()
    a, b = sorted(scale.transform([lo, hi]))
    tol = (b - a) * 1e-10
    return [t.label1.get_text() for t in ticks
            if t.label1.get_visible() and t.label1.get_text()
            and a - tol <= scale.transform([t.get_loc()])[0] <= b + tol]


@given(st.floats(-6, 25), st.floats(0.01, 12))
@example(1.9999999999999991, 1.0)  # 10³ fica 2 × 10⁻¹³ acima do topo: o matplotlib a mostra
def test_log_axes_always_keep_two_labelled_ticks(log_lo, span):
    """Qualquer intervalo, de uma fração de década a doze décadas: ≥ 2 números no eixo."""
    fig, ax = plotting.new_figure(width=3.6, height=2.4)
    ax.plot([1, 2], [10**log_lo, 10 ** (log_lo + span)])
    plotting.log_axes(ax)
    ax.set_ylim(10**log_lo, 10 ** (log_lo + span))
    labels = _labelled(ax)
    plt.close(fig)
    assert len(labels) >= 2, (log_lo, span, labels)
    assert _one_format(labels), (log_lo, span, labels)


_POWER = re.compile(r"10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _one_format(labels: list[str]) -> bool:
    """Um formato por eixo (CONTRIBUTING.md, Notação): todas as marcas em 10ⁿ, todas em número
    comum (20, 100) ou todas em m × 10ⁿ; nunca "20, 50, 10², 200"."""
    kinds = {"10ⁿ" if _POWER.fullmatch(t) else "× 10ⁿ" if "×" in t else "número"
             for t in labels}
    return len(kinds) == 1


def test_one_format_check_can_fail():
    assert not _one_format(["20", "50", "10²", "200"])
    assert not _one_format(["2 × 10²⁰", "5 × 10²⁰", "10²¹"])
    assert _one_format(["10⁰", "10¹"]) and _one_format(["20", "100"])
    assert _one_format(["2 × 10²⁰", "1 × 10²¹"])


@pytest.mark.parametrize("lo, hi, expected", [
    (16, 512, ["20", "50", "100", "200", "500"]),  # Figuras 7.1 e 7.2
    (0.4, 2.5, ["0,5", "1", "2"]),  # Figura 7.3
    (1.5e20, 1.2e21, ["2 × 10²⁰", "5 × 10²⁰", "1 × 10²¹"]),
    (1, 1e4, ["10⁰", "10¹", "10²", "10³", "10⁴"]),
])
def test_log_axis_has_one_label_format(lo, hi, expected):
    """Quando o eixo log mostra marcas fora das potências de 10, todas saem em número comum."""
    fig, ax = plotting.new_figure()
    ax.plot([1, 2], [lo, hi])
    plotting.log_axes(ax)
    ax.set_ylim(lo, hi)
    labels = _labelled(ax)
    plt.close(fig)
    assert labels == expected


def test_log_ticks_of_a_decade_and_a_half_are_evenly_spaced_on_the_log_axis():
    """16 a 512 (a figura fig-lab-leis): 20, 50, 100, 200, 500, e não 200, 400, 600 colados."""
    ticks = plotting.BookLogLocator().tick_values(16, 512)
    assert [round(t) for t in ticks] == [20, 50, 100, 200, 500]
    assert all(b / a >= 2 for a, b in itertools.pairwise(ticks))


@pytest.mark.slow
@pytest.mark.parametrize("spectrum, noise", [(1.1, 0.05), (1.1, 1.0), (3.0, 0.05), (3.0, 1.0),
                                             (2.0, 0.5), (1.5, 0.85), (2.5, 0.9)])
def test_lab_figure_keeps_tick_labels(spectrum, noise):
    """Os cantos e o meio da grade do widget do laboratório: todo eixo com ≥ 2 números."""
    fig = figures.lab_sweep(spectrum, noise)
    for ax in fig.axes:
        assert len(_labelled(ax, "y")) >= 2 and len(_labelled(ax, "x")) >= 2
    plt.close(fig)


def test_labels_of_real_models_do_not_overlap():
    from scaling_utils import models

    chosen = [models.by_name(n) for n in
              ("GPT-3", "Gopher", "Chinchilla", "LLaMA 65B", "Llama 3 70B")]
    for fig in (figures.allocation_comparison(chosen),
                figures.tokens_per_param_history(models.MODELS, rule=20)):
        assert plotting.overlapping_texts(fig) == []
        plt.close(fig)


def test_overlap_detector_can_fail():
    fig, ax = plotting.new_figure()
    ax.annotate("um rótulo", (0.5, 0.5))
    ax.annotate("outro rótulo", (0.5, 0.5))
    assert plotting.overlapping_texts(fig) == [("um rótulo", "outro rótulo")]
    plt.close(fig)


def test_figures_fit_the_column_and_carry_their_text_size():
    with pytest.raises(ValueError, match="width"):
        plotting.new_figure(width=9.0)
    fig = figures.fit_demo_grid()
    assert plotting.smallest_font_pt(fig) >= plotting.MIN_FONT_PT
    layout = plotting.png_layout(plotting.png_bytes(fig))
    assert layout["width"] <= 741  # a coluna do site, em px de CSS
    # No tamanho natural, o menor texto tem ≥ 11 px de CSS.
    assert layout["smallest_px"] * layout["width"] / (2 * layout["width"]) >= 11
    assert plotting.png_layout(b"\x89PNG\r\n\x1a\n" + _plain_png()) == {}
    plt.close(fig)


def _plain_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buf, format="PNG")
    return buf.getvalue()[8:]


@pytest.mark.parametrize("name", ["power_law_panels", "fit_demo", "fit_demo_grid", "extrapolation",
                                  "kaplan_laws", "kaplan_nd_curves", "sample_efficiency",
                                  "kaplan_allocation", "isoflop_curves", "budget_comparison",
                                  "inference_demand", "loss_and_ability", "mirage_grid",
                                  "mirage", "resolution"])
def test_every_figure_fits_the_column_at_readable_size(name):
    """Largura natural ≤ 741 px de CSS (a coluna) e menor texto ≥ 11 px nesse tamanho."""
    fig = getattr(figures, name)()
    layout = plotting.png_layout(plotting.png_bytes(fig))
    plt.close(fig)
    assert layout["width"] <= 741, (name, layout)
    assert layout["smallest_px"] / 2 >= 11, (name, layout)  # PNG com 2 px por px de CSS


def test_layout_helpers_reject_bad_input():
    with pytest.raises(TypeError, match="data"):
        plotting.png_layout("figura.png")
    with pytest.raises(ValueError, match="data"):
        plotting.png_layout(b"nao sou um png")
    fig, ax = plotting.new_figure()
    with pytest.raises(ValueError, match="names"):
        plotting.place_labels(ax, [1, 2], [1, 2], ["só um"])
    plt.close(fig)
