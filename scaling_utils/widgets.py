"""Widgets (ipywidgets): invólucros finos sobre funções puras de ``plotting``.

Vivos num kernel (Binder, Colab, local); no site estático, um retrato do estado inicial.
Os controles mostram os valores com vírgula decimal (o ``readout`` do ipywidgets usa ponto).
"""

from __future__ import annotations

from . import _check, fmt


def labeled_slider(description: str, value: float, min: float, max: float, step: float,
                   digits: int = 2):
    """Um FloatSlider com o valor escrito em pt-BR ao lado. Devolve (slider, caixa).

    Um valor inicial fora de [min, max] é recusado (o ipywidgets o cortaria em silêncio).
    """
    import ipywidgets as w

    if not isinstance(description, str):
        raise TypeError(f"description deve ser um texto; recebido {description!r}.")
    lo, hi = _check.finite("min", min), _check.finite("max", max)
    if not lo < hi:
        raise ValueError(f"min deve ser menor que max; recebido min = {min!r}, max = {max!r}.")
    value = _check.in_range(description, value, lo, hi)
    step = _check.positive("step", step)
    digits = _check.positive_int("digits", digits, minimum=0)

    slider = w.FloatSlider(value=value, min=min, max=max, step=step, description=description,
                           readout=False, continuous_update=False,
                           style={"description_width": "initial"})
    label = w.HTML(fmt.num(value, digits))
    slider.observe(lambda change: setattr(label, "value", fmt.num(change["new"], digits)),
                   names="value")
    return slider, w.HBox([slider, label])


def figure_html(fig, alt: str) -> str:
    """A figura como ``<img>`` PNG com texto alternativo (o retrato do widget no site o mantém)."""
    import base64
    import html
    import io

    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            'style="max-width:100%; background:#fff">')


def _show(figure_function, alt_function, controls: dict):
    import ipywidgets as w
    from IPython.display import HTML, display

    def draw(**kwargs):
        display(HTML(figure_html(figure_function(**kwargs), alt_function(**kwargs))))

    sliders = {name: s for name, (s, _) in controls.items()}
    out = w.interactive_output(draw, sliders)
    return w.VBox([*(box for _, box in controls.values()), out])


def power_law_explorer(a: float = 1.0, alpha: float = -0.5, E: float = 0.0):
    """Explore a, α e um piso E: a mesma lei em eixos lineares e log-log."""
    from .plotting import power_law_panels

    a = _check.in_range("a", a, 0.1, 5.0)
    alpha = _check.in_range("alpha", alpha, -2.0, 0.0)
    E = _check.in_range("E", E, 0.0, 1.0)
    controls = {
        "a": labeled_slider("a (escala)", a, 0.1, 5.0, 0.1, 1),
        "alpha": labeled_slider("α (expoente)", alpha, -2.0, 0.0, 0.05, 2),
        "E": labeled_slider("E (piso)", E, 0.0, 1.0, 0.05, 2),
    }
    return _show(power_law_panels, _power_law_alt, controls)


def _power_law_alt(a: float, alpha: float, E: float) -> str:
    floor = (f" com piso E = {fmt.num(E, 2)}: no log-log a curva se achata ao se aproximar do piso"
             if E > 0 else ": no log-log, uma reta")
    return (f"Dois gráficos da lei y = {fmt.num(a, 1)}·x elevado a {fmt.num(alpha, 2)}, "
            f"em eixos lineares e log-log{floor}.")
