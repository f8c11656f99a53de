"""Widgets (ipywidgets): invólucros finos sobre funções puras de ``plotting``.

Vivos num kernel (Binder, Colab, JupyterLite, local); o site estático os omite e mostra no
lugar o explorador Vega do mesmo capítulo (``scaling_utils.explorers``).
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


def figure_html(fig, alt: str, png: bytes | None = None, size: dict | None = None) -> str:
    """A figura como ``<img>`` PNG com texto alternativo (o retrato do widget no site o mantém).
    ``png``: os bytes já prontos (por padrão, ``plotting.png_bytes``); ``size``: o
    ``plotting.png_layout`` deles, se já é conhecido (poupa ler o PNG de novo)."""
    import base64
    import html

    import matplotlib.pyplot as plt

    from .plotting import png_bytes, png_layout

    png = png_bytes(fig) if png is None else png
    plt.close(fig)
    size = png_layout(png) if size is None else size
    data = base64.b64encode(png).decode("ascii")
    # Largura natural (px de CSS) e mínima legível: ver plotting.png_bytes.
    return (f'<div class="figura-rolavel"><img src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt)}" width="{size["width"]}" '
            f'data-menor-texto="{size["smallest_px"]:.1f}" '
            f'style="max-width:100%; min-width:{size["min_width"]}px; height:auto; '
            'background:#fff"></div>')


def render(figure_function, alt_function, frame: dict | None = None, **kwargs) -> str:
    """Uma atualização do widget: a figura dos parâmetros dados, como ``<img>`` com alt.

    Com ``frame`` (um dicionário do widget), a primeira figura sai como no site (PNG compacto,
    layout refeito) e ela e a sua moldura ficam guardadas em ``frame``; as seguintes copiam os
    dados da figura nova para a guardada (``_moldura.transplant``, que poupa refazer as marcas
    dos eixos) e saem depressa com a moldura (``_moldura.fast_png``): é o que um kernel faz a
    cada movimento do controle. Se a figura nova tem outra estrutura, desenha-se a nova.
    """
    from ._moldura import fast_png, record_frame, transplant

    fig = figure_function(**kwargs)
    alt = alt_function(**kwargs)
    if frame is None or not frame:
        html = figure_html(fig, alt)  # exatamente o retrato de sempre
        if frame is not None:
            frame.update(record_frame(fig))
        return html
    old = frame.get("figure")
    if old is not None and transplant(old, fig):
        import matplotlib.pyplot as plt

        plt.close(fig)  # a nova só emprestou os dados: desenha-se a primeira, já com marcas
        png = fast_png(old, frame)
        if "layout" not in frame:  # o mesmo recorte e a mesma resolução: o mesmo tamanho
            from .plotting import png_layout

            frame["layout"] = png_layout(png)
        return figure_html(old, alt, png=png, size=frame["layout"])
    return figure_html(fig, alt, png=fast_png(fig, frame))


def _show(figure_function, alt_function, controls: dict):
    import ipywidgets as w
    from IPython.display import HTML, display

    frame: dict = {}  # a moldura da primeira figura, reaproveitada a cada movimento

    def draw(**kwargs):
        display(HTML(render(figure_function, alt_function, frame=frame, **kwargs)))

    sliders = {name: control for name, (control, _) in controls.items()}
    out = w.interactive_output(draw, sliders)
    return w.VBox([*(box for _, box in controls.values()), out])


def power_law_explorer(c: float = 1.0, k: float = -0.5, E: float = 0.0):
    """Explore c, k e um piso E: a mesma lei y = E + c·x^k em eixos lineares e log-log."""
    from .figures import power_law_panels, power_law_panels_alt

    c = _check.in_range("c", c, 0.1, 5.0)
    k = _check.in_range("k", k, -2.0, 0.0)
    E = _check.in_range("E", E, 0.0, 1.0)
    controls = {
        "c": labeled_slider("c (escala)", c, 0.1, 5.0, 0.1, 1),
        "k": labeled_slider("k (inclinação)", k, -2.0, 0.0, 0.05, 2),
        "E": labeled_slider("E (piso)", E, 0.0, 1.0, 0.05, 2),
    }
    return _show(power_law_panels, power_law_panels_alt, controls)


def fit_explorer(noise: float = 0.2, decades: float = 2.0):
    """Ajuste você mesmo: ruído e alcance dos dados → expoente ajustado e o seu intervalo."""
    from .figures import fit_demo, fit_demo_alt

    noise = _check.in_range("noise", noise, 0.0, 1.0)
    decades = _check.in_range("decades", decades, 0.5, 4.0)
    controls = {
        "noise": labeled_slider("ruído (desvio em log)", noise, 0.0, 1.0, 0.05, 2),
        "decades": labeled_slider("alcance (décadas de x)", decades, 0.5, 4.0, 0.25, 2),
    }
    return _show(fit_demo, fit_demo_alt, controls)


def kaplan_budget_explorer(log10_C: float = 23.5):
    """Orçamento de compute (log₁₀ FLOPs) → N_opt, D_opt e perda prevista de Kaplan."""
    from .figures import kaplan_allocation, kaplan_allocation_alt

    start = _check.in_range("log10_C", log10_C, 18.0, 26.0)
    controls = {"log10_C": labeled_slider("log₁₀ C (FLOPs)", start, 18.0, 26.0, 0.25, 2)}
    return _show(lambda log10_C: kaplan_allocation(10**log10_C),
                 lambda log10_C: kaplan_allocation_alt(10**log10_C), controls)


def _params_choices() -> dict:
    """Os três conjuntos do capítulo 3, com os nomes das legendas (``_params_name``)."""
    from . import chinchilla as ch
    from .figures._comum import _params_name

    return {_params_name(p): p
            for p in (ch.BESIROGLU_2024, ch.HOFFMANN_2022, ch.HOFFMANN_2022_FULL)}


def chinchilla_budget_explorer(log10_C: float = 23.76):
    """Orçamento e conjunto de parâmetros → alocações de Kaplan e do Chinchilla."""
    import ipywidgets as w

    from .figures import budget_comparison, budget_comparison_alt

    start = _check.in_range("log10_C", log10_C, 18.0, 27.0)
    choices = _params_choices()
    dropdown = w.Dropdown(options=list(choices), description="parâmetros da lei",
                          style={"description_width": "initial"})
    controls = {"log10_C": labeled_slider("log₁₀ C (FLOPs)", start, 18.0, 27.0, 0.25, 2),
                "params_name": (dropdown, dropdown)}
    return _show(lambda log10_C, params_name: budget_comparison(10**log10_C,
                                                                 choices[params_name]),
                 lambda log10_C, params_name: budget_comparison_alt(10**log10_C,
                                                                     choices[params_name]),
                 controls)


def isoflop_explorer(runs, bin_width: float = 0.1):
    """Largura das faixas de compute → a Abordagem 2 refeita nas execuções digitalizadas."""
    from .figures import isoflop_bands, isoflop_bands_alt

    start = _check.in_range("bin_width", bin_width, 0.05, 0.3)
    controls = {"bin_width": labeled_slider("largura da faixa (décadas)", start, 0.05, 0.3,
                                            0.05, 2)}
    return _show(lambda bin_width: isoflop_bands(runs, bin_width),
                 lambda bin_width: isoflop_bands_alt(runs, bin_width), controls)


def epochs_explorer(log10_U: float = 10.0, log10_N: float = 9.0):
    """Quantas épocas ainda valem a pena? Tokens únicos e tamanho → dados efetivos e perda."""
    from .figures import epochs_value, epochs_value_alt

    lu = _check.in_range("log10_U", log10_U, 8.0, 13.0)
    ln = _check.in_range("log10_N", log10_N, 7.0, 12.0)
    controls = {"log10_U": labeled_slider("log₁₀ tokens únicos", lu, 8.0, 13.0, 0.25, 2),
                "log10_N": labeled_slider("log₁₀ parâmetros", ln, 7.0, 12.0, 0.25, 2)}
    return _show(epochs_value, epochs_value_alt, controls)


def inference_explorer(log10_D_inference: float = 13.0):
    """Demanda de inferência (log₁₀ tokens) → N e D de treino ótimos (Sardana et al. 2024)."""
    from .figures import inference_demand, inference_demand_alt

    start = _check.in_range("log10_D_inference", log10_D_inference, 9.0, 15.0)
    controls = {"log10_D_inference": labeled_slider("log₁₀ tokens de inferência", start,
                                                    9.0, 15.0, 0.25, 2)}
    return _show(inference_demand, inference_demand_alt, controls)


def mirage_explorer(metric: str = "exact_match", length: int = 5, n_questions: int = 100):
    """Métrica, tamanho da resposta e tamanho do benchmark → as curvas sobre N (a "miragem")."""
    import ipywidgets as w

    from .emergence import METRIC_LABELS, METRICS
    from .figures import mirage, mirage_alt

    if metric not in METRICS:
        raise ValueError(f"metric deve ser um de {', '.join(METRICS)}; recebido {metric!r}.")
    # Inteiros, como em emergence.exact_match: 2,5 tokens não existe (o IntSlider truncaria).
    k = _check.positive_int("length", length, minimum=1, maximum=20)
    q = _check.positive_int("n_questions", n_questions, minimum=10, maximum=1000)
    for name, v in (("length", k), ("n_questions", q)):
        if not isinstance(v, int):
            raise TypeError(f"{name} deve ser um único número; recebido {v!r}.")
    dropdown = w.Dropdown(options=[(METRIC_LABELS[m], m) for m in METRICS], value=metric,
                          description="métrica", style={"description_width": "initial"})
    k_slider = w.IntSlider(value=int(k), min=1, max=20, description="tokens na resposta",
                           continuous_update=False, style={"description_width": "initial"})
    q_slider = w.IntSlider(value=int(q), min=10, max=1000, step=10,
                           description="questões no benchmark", continuous_update=False,
                           style={"description_width": "initial"})
    controls = {"metric": (dropdown, dropdown), "length": (k_slider, k_slider),
                "n_questions": (q_slider, q_slider)}
    return _show(mirage, mirage_alt, controls)


def lab_explorer(spectrum: float = 1.5, noise: float = 0.25):
    """Laboratório: espectro e ruído → uma varredura nova (≈ 1 s) e a lei ajustada."""
    from .figures import lab_sweep, lab_sweep_alt

    a = _check.in_range("spectrum", spectrum, 1.1, 3.0)
    s2 = _check.in_range("noise", noise, 0.05, 1.0)
    controls = {"spectrum": labeled_slider("espectro γ (λᵢ = i⁻ᵞ)", a, 1.1, 3.0, 0.1, 1),
                "noise": labeled_slider("ruído σ²", s2, 0.05, 1.0, 0.05, 2)}
    return _show(lab_sweep, lab_sweep_alt, controls)


def desafio_explorer(N, D, L, verdade, log10_N_minimo: float = 6.0):
    """Desafio (depois do envio): a partir de que tamanho usar as execuções → a fronteira
    prevista pela Abordagem 3 contra a verdadeira (cada atualização refaz o ajuste)."""
    from .desafio.figuras import fronteira, fronteira_alt

    start = _check.in_range("log10_N_minimo", log10_N_minimo, 6.0, 8.0)
    controls = {"log10_N_minimo": labeled_slider("log₁₀ do menor N usado", start, 6.0, 8.0,
                                                 0.25, 2)}
    return _show(lambda log10_N_minimo: fronteira(N, D, L, verdade, log10_N_minimo),
                 lambda log10_N_minimo: fronteira_alt(N, D, L, verdade, log10_N_minimo),
                 controls)
