"""Estilo das figuras: vírgula decimal, 10ⁿ, fundo branco, cor nunca sozinha."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pytest

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
    assert html.startswith('<img src="data:image/png;base64,')
    assert 'alt="Uma reta &quot;descendente&quot; &lt;log-log&gt;"' in html


def test_power_law_panels_rejects_inverted_range():
    with pytest.raises(ValueError, match="x_max"):
        figures.power_law_panels(x_min=10.0, x_max=1.0)


def test_png_bytes_is_compact_opaque_and_white():
    from PIL import Image

    fig = figures.power_law_panels(1.0, -0.5, 0.2)
    raw = io.BytesIO()
    fig.savefig(raw, format="png", bbox_inches="tight")
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
