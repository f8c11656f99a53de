"""Atualizações rápidas dos widgets num kernel (issue 15, parte 3; scaling_utils.widgets).

A primeira figura de um widget é o retrato de sempre (o que fica no caderno); as seguintes
reaproveitam a figura e a moldura dela (``scaling_utils._moldura``). Aqui: o retrato não muda,
a atualização desenha a mesma figura que o caminho completo, no mesmo tamanho, e sempre os
mesmos bytes.
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

from scaling_utils import _moldura, figures, plotting, widgets

matplotlib.use("Agg")

CASES = {  # a lei de potência (dois painéis) e o orçamento (com suptitle, que o layout move)
    "power_law": (figures.power_law_panels, figures.power_law_panels_alt,
                  {"c": 1.0, "k": -0.5, "E": 0.0}, {"c": 4.0, "k": -1.8, "E": 0.9}),
    "budget": (figures.budget_comparison, figures.budget_comparison_alt,
               {"C_flops": 5.76e23}, {"C_flops": 1e19}),
}


@pytest.fixture(scope="module", params=list(CASES))
def renders(request):
    """Um widget de mentira: a primeira figura, duas atualizações e a volta ao início."""
    fig_fn, alt_fn, start, moved = CASES[request.param]
    frame: dict = {}
    first = widgets.render(fig_fn, alt_fn, frame=frame, **start)
    return {"frame": frame, "first": first, "alt": alt_fn(**moved),
            "plain": widgets.render(fig_fn, alt_fn, **start),
            "update": widgets.render(fig_fn, alt_fn, frame=frame, **moved),
            "update_again": widgets.render(fig_fn, alt_fn, frame=frame, **moved),
            "back": widgets.render(fig_fn, alt_fn, frame=frame, **start)}


def _png(html: str) -> bytes:
    return base64.b64decode(re.search(r'data:image/png;base64,([^"]+)"', html).group(1))


def _rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def test_first_render_is_the_usual_snapshot(renders):
    assert renders["first"] == renders["plain"]
    assert renders["frame"]["positions"] and renders["frame"]["smallest_px"] > 0


def test_update_draws_the_same_figure_fast(renders):
    first, update = renders["first"], renders["update"]
    assert renders["update_again"] == update  # determinista
    # O alt e a figura são os da nova posição; a largura e o menor texto, os da moldura.
    assert f'alt="{html.escape(renders["alt"])}"' in update
    assert _png(update) != _png(first)
    for attr in ("width", "data-menor-texto"):
        assert re.search(rf'{attr}="([^"]+)"', update).group(1) == re.search(
            rf'{attr}="([^"]+)"', first).group(1)
    # De volta à posição inicial, a atualização rápida é o retrato (só sem a paleta).
    again, snapshot = _rgb(_png(renders["back"])), _rgb(_png(first))
    assert again.shape == snapshot.shape
    diff = np.abs(again - snapshot).max(axis=2)
    assert (diff > 64).mean() < 0.001  # nada fora do lugar (a paleta só muda tons)
    assert (snapshot < 200).any(axis=2).mean() > 0.01  # a figura não está em branco


def _resized():
    fig = figures.power_law_panels(c=1.0, k=-0.5, E=0.0)
    fig.set_size_inches(3, 2)
    return fig


def test_fast_png_falls_back_when_the_figure_changes_shape():
    frame: dict = {}
    widgets.render(figures.fit_demo, figures.fit_demo_alt, frame=frame, noise=0.2, decades=2.0)
    assert _moldura.fast_png(_resized(), frame) == plotting.png_bytes(_resized())


ALL_WIDGETS = {  # os widgets de make bench: início e uma posição movida
    "power_law": CASES["power_law"], "budget": CASES["budget"],
    "fit": (figures.fit_demo, figures.fit_demo_alt, {"noise": 0.6, "decades": 3.0},
            {"noise": 0.1, "decades": 1.0}),
    "kaplan": (figures.kaplan_allocation, figures.kaplan_allocation_alt, {"C_flops": 1e24},
               {"C_flops": 1e19}),
    "inference": (figures.inference_demand, figures.inference_demand_alt,
                  {"log10_D_inference": 14.0}, {"log10_D_inference": 10.0}),
    "mirage": (figures.mirage, figures.mirage_alt,
               {"metric": "exact_match", "length": 10, "n_questions": 300},
               {"metric": "edit_distance", "length": 2, "n_questions": 20}),
    "epochs": (figures.epochs_value, figures.epochs_value_alt, {"log10_U": 11.0, "log10_N": 10.0},
               {"log10_U": 9.0, "log10_N": 11.0}),
}


@pytest.mark.parametrize("name", list(ALL_WIDGETS))
def test_update_reuses_the_first_figure_and_draws_the_new_one(name):
    """A atualização copia os dados da figura nova para a primeira (``_moldura.transplant``, que
    reaproveita as marcas dos eixos): o PNG é, pixel a pixel, o da figura nova desenhada na
    moldura, e o widget continua a desenhar a primeira figura."""
    fig_fn, alt_fn, start, moved = ALL_WIDGETS[name]
    frame: dict = {}
    widgets.render(fig_fn, alt_fn, frame=frame, **start)
    kept = frame["figure"]
    assert _moldura.transplant(kept, fig_fn(**start)), f"{name}: estrutura diferente"
    for kwargs in (moved, start, moved):
        update = widgets.render(fig_fn, alt_fn, frame=frame, **kwargs)
        fresh = _moldura.fast_png(fig_fn(**kwargs), frame)
        assert frame["figure"] is kept
        assert np.array_equal(_rgb(_png(update)), _rgb(fresh)), (name, kwargs)
        assert f'alt="{html.escape(alt_fn(**kwargs))}"' in update
    import matplotlib.pyplot as plt

    plt.close("all")


def test_transplant_refuses_a_different_figure():
    import matplotlib.pyplot as plt

    a = figures.power_law_panels(c=1.0, k=-0.5, E=0.0)
    b = figures.fit_demo(noise=0.2, decades=2.0)
    assert not _moldura.transplant(a, b)
    plt.close("all")
