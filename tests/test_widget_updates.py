"""Atualizações rápidas dos widgets num kernel (issue 15, parte 3; scaling_utils.widgets).

A primeira figura de um widget é o retrato de sempre (o que fica no caderno e no site); as
seguintes reaproveitam a moldura dela (``fast_png``). Aqui: o retrato não muda, a atualização
desenha a mesma figura que o caminho completo, no mesmo tamanho, e sempre os mesmos bytes.
O tempo por movimento é medido em ``make bench`` (``kernel_update_ms``), não aqui.
"""

from __future__ import annotations

import base64
import html
import io
import re

import matplotlib
import numpy as np
import pytest
from PIL import Image

from scaling_utils import figures, plotting, widgets

matplotlib.use("Agg")

CASES = [
    (figures.power_law_panels, figures.power_law_panels_alt,
     {"a": 1.0, "alpha": -0.5, "E": 0.0}, {"a": 4.0, "alpha": -1.8, "E": 0.9}),
    (figures.budget_comparison, figures.budget_comparison_alt,
     {"C_flops": 5.76e23}, {"C_flops": 1e19}),
    (figures.mirage, figures.mirage_alt,
     {"metric": "exact_match", "length": 5, "n_questions": 100},
     {"metric": "per_token", "length": 20, "n_questions": 1000}),
]


def _png(html: str) -> bytes:
    return base64.b64decode(re.search(r'data:image/png;base64,([^"]+)"', html).group(1))


def _rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


@pytest.mark.parametrize(("fig_fn", "alt_fn", "start", "moved"), CASES)
def test_first_render_is_the_usual_snapshot(fig_fn, alt_fn, start, moved):
    frame: dict = {}
    assert widgets.render(fig_fn, alt_fn, frame=frame, **start) == widgets.render(
        fig_fn, alt_fn, **start)
    assert frame["positions"] and frame["smallest_px"] > 0


@pytest.mark.parametrize(("fig_fn", "alt_fn", "start", "moved"), CASES)
def test_update_draws_the_same_figure_fast(fig_fn, alt_fn, start, moved):
    frame: dict = {}
    first = widgets.render(fig_fn, alt_fn, frame=frame, **start)
    update = widgets.render(fig_fn, alt_fn, frame=frame, **moved)
    assert widgets.render(fig_fn, alt_fn, frame=frame, **moved) == update  # determinista
    # O alt e a figura são os da nova posição; a largura e o menor texto, os da moldura.
    assert f'alt="{html.escape(alt_fn(**moved))}"' in update
    assert _png(update) != _png(first)
    for attr in ("width", "data-menor-texto"):
        assert re.search(rf'{attr}="([^"]+)"', update).group(1) == re.search(
            rf'{attr}="([^"]+)"', first).group(1)
    # Na posição inicial, a atualização rápida é o retrato (só sem a paleta de 256 cores).
    again = _rgb(_png(widgets.render(fig_fn, alt_fn, frame=frame, **start)))
    snapshot = _rgb(_png(first))
    assert again.shape == snapshot.shape
    diff = np.abs(again - snapshot).max(axis=2)
    assert (diff > 64).mean() < 0.001  # nada fora do lugar (a paleta só muda tons)
    assert (snapshot < 200).any(axis=2).mean() > 0.01  # a figura não está em branco


def _resized():
    fig = figures.power_law_panels(a=1.0, alpha=-0.5, E=0.0)
    fig.set_size_inches(3, 2)
    return fig


def test_fast_png_falls_back_when_the_figure_changes_shape():
    frame: dict = {}
    widgets.render(figures.fit_demo, figures.fit_demo_alt, frame=frame, noise=0.2, decades=2.0)
    assert widgets.fast_png(_resized(), frame) == plotting.png_bytes(_resized())
