"""Estilo das figuras: fundo branco, paleta Okabe–Ito com marcadores e traços distintos,
rótulos de eixo em pt-BR (vírgula decimal, 10ⁿ nos eixos logarítmicos).
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.ticker import FuncFormatter, NullFormatter
from matplotlib.transforms import Bbox

from . import _check, fmt
from ._eixo_log import BookLogFormatter, BookLogLocator

#: Okabe & Ito (2008), *Color Universal Design*: seguro para daltonismo. O amarelo fica de fora
#: (pouco contraste no fundo branco).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)))

def style(i: int) -> dict:
    """Cor, marcador e traço da i-ésima série: a cor nunca é a única pista."""
    k = _check_index(i)
    return {
        "color": PALETTE[k % len(PALETTE)],
        "marker": MARKERS[k % len(MARKERS)],
        "linestyle": LINESTYLES[k % len(LINESTYLES)],
    }


def _check_index(i) -> int:
    if isinstance(i, bool) or not isinstance(i, int) or i < 0:
        raise TypeError(f"i deve ser um inteiro maior ou igual a zero; recebido {i!r}.")
    return i


def apply_style() -> None:
    """Aplica o estilo do livro ao matplotlib (figuras PNG de fundo branco)."""
    mpl.rcParams.update(
        {
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": cycler(color=PALETTE) + cycler(linestyle=LINESTYLES),
            "lines.linewidth": 2.0,
            "lines.markersize": 6,
            "legend.frameon": False,
            "font.size": 11,
            "axes.formatter.use_mathtext": False,
            "axes.unicode_minus": True,  # sinal de menos verdadeiro (−) nos textos do matplotlib
            "svg.hashsalt": "leis-de-escala",
        }
    )


def decimal_formatter(digits: int | None = None) -> FuncFormatter:
    """Rótulos com vírgula decimal; ``digits=None`` usa o menor número de casas necessário."""
    if digits is not None:
        fmt.num(0.0, digits)  # valida digits já, não na hora de desenhar

    def label(value: float, _pos=None) -> str:
        if digits is not None:
            return fmt.num(value, digits)
        for d in range(0, 7):
            if abs(value - round(value, d)) < 1e-9:
                return fmt.num(value, d)
        return fmt.num(value, 6)

    return FuncFormatter(label)


def log_axes(ax, x: bool = True, y: bool = True) -> None:
    """Eixos logarítmicos com rótulos 10ⁿ (e os lineares com vírgula decimal).

    Cada eixo log tem um só formato (``BookLogFormatter``): 10ⁿ quando as marcas são potências
    de 10; quando não são (um eixo de menos de duas décadas), todas em número comum (20, 100).

    O eixo log sempre mostra ao menos dois números (``BookLogLocator``), mesmo quando cobre
    menos de uma década; as marcas menores ficam sem rótulo.
    """
    for on, axis, setter in ((x, ax.xaxis, ax.set_xscale), (y, ax.yaxis, ax.set_yscale)):
        if on:
            setter("log")
            axis.set_major_locator(BookLogLocator())
            axis.set_major_formatter(BookLogFormatter())
            axis.set_minor_formatter(NullFormatter())
        else:
            axis.set_major_formatter(decimal_formatter())


def linear_axes(ax) -> None:
    """Eixos lineares com vírgula decimal nos dois eixos."""
    ax.xaxis.set_major_formatter(decimal_formatter())
    ax.yaxis.set_major_formatter(decimal_formatter())


#: Largura máxima de uma figura, em polegadas: a coluna de texto do site tem ≈ 741 px de CSS,
#: e cada polegada da figura vale 100 px de CSS (``CSS_PX_PER_INCH``). Assim a figura aparece
#: no desktop sem ser encolhida, e o menor texto (``MIN_FONT_PT``) fica com ≥ 11 px de CSS.
MAX_WIDTH_IN = 7.2
CSS_PX_PER_INCH = 100
#: Menor corpo de letra das figuras: 8 pt × 100/72 ≈ 11,1 px de CSS no tamanho natural.
MIN_FONT_PT = 8
#: Resolução do PNG: o dobro dos px de CSS, nítida em telas HiDPI (retina).
DPI = 2 * CSS_PX_PER_INCH


def new_figure(ncols: int = 1, nrows: int = 1, width: float = 6.4, height: float = 4.0):
    """Figura e eixos no estilo do livro (sem mudar o estado global além do estilo).

    ``width`` não passa de ``MAX_WIDTH_IN``: uma figura mais larga seria encolhida na coluna
    do site e as suas letras ficariam ilegíveis.
    """
    apply_style()
    width = _check.positive("width", width)
    if width > MAX_WIDTH_IN:
        raise ValueError(f"width deve ser no máximo {fmt.num(MAX_WIDTH_IN, 1)} polegadas (a "
                         f"largura da coluna do site); recebido width = {width!r}.")
    return plt.subplots(nrows, ncols, figsize=(width, _check.positive("height", height)),
                        layout="constrained")


def smallest_font_pt(fig) -> float:
    """O menor corpo de letra (pt) entre os textos visíveis e não vazios da figura."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip()]
    return min(sizes) if sizes else float(mpl.rcParams["font.size"])



def png_bytes(fig) -> bytes:
    """A figura como PNG compacto: paleta de 256 cores (sem pontilhado), fundo branco opaco.

    Gráficos de linhas e pontos têm poucas cores; a paleta deixa o arquivo cerca de 3 vezes
    menor sem diferença visível, e mantém cada página do site dentro do orçamento de peso.
    A resolução é ``DPI`` (o dobro dos px de CSS). O PNG leva, em blocos de texto, o tamanho
    do menor texto em px da imagem (``livro:menor-texto``) e os px de CSS por polegada: o
    site (``_ext/figuras.py``) mostra a figura no tamanho certo e nunca a encolhe a ponto de
    as letras ficarem com menos de 11 px.
    """
    import io

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    smallest_px = smallest_font_pt(fig) * DPI / 72
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", facecolor="white", dpi=DPI)
    buf.seek(0)
    image = Image.open(buf).convert("RGB")  # sem canal alfa: fundo branco opaco
    compact = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
    info = PngInfo()
    info.add_text("livro:menor-texto", f"{smallest_px:.1f}")
    info.add_text("livro:dpi", str(DPI))
    out = io.BytesIO()
    compact.save(out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def png_layout(data: bytes) -> dict:
    """Do PNG de ``png_bytes``: largura em px de CSS e largura mínima legível (menor texto
    com 11 px de CSS). Devolve ``{}`` para PNGs sem os blocos de texto do livro."""
    import io

    from PIL import Image

    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("data deve ser o conteúdo de um PNG (bytes); recebido "
                        f"{type(data).__name__}.")
    try:
        image = Image.open(io.BytesIO(data))
    except OSError as exc:
        raise ValueError("data não é uma imagem PNG válida.") from exc
    text = getattr(image, "text", {}) or {}
    if "livro:menor-texto" not in text:
        return {}
    smallest = float(text["livro:menor-texto"])
    scale = CSS_PX_PER_INCH / float(text.get("livro:dpi", DPI))
    return {"width": round(image.width * scale),
            "min_width": math.ceil(11 * image.width / smallest),
            "smallest_px": smallest}


def setup_notebook() -> None:
    """Para a célula de preparação dos cadernos: estilo do livro e figuras em PNG compacto."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    apply_style()
    # O backend inline só é carregado na primeira figura, e ao carregar troca os formatadores
    # de Figure pelos dele; forçamos o carregamento antes de registrar o nosso.
    plt.close(plt.figure())
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - fora do IPython não há o que registrar
        return
    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.formatters["image/png"]
    formatter.for_type(Figure, png_bytes)
    plt.rcParams["figure.max_open_warning"] = 0


#: Posições candidatas de um rótulo em torno do seu ponto (pontos tipográficos, alinhamento).
_LABEL_SPOTS = ((6, 4, "left", "bottom"), (6, -4, "left", "top"), (-6, 4, "right", "bottom"),
                (-6, -4, "right", "top"), (0, 8, "center", "bottom"), (0, -8, "center", "top"),
                (10, 0, "left", "center"), (-10, 0, "right", "center"),
                (14, 12, "left", "bottom"), (-14, -12, "right", "top"),
                (14, -12, "left", "top"), (-14, 12, "right", "bottom"))


def place_labels(ax, xs, ys, names, fontsize: float = 9, marker_px: float = 7) -> list:
    """Rótulos de pontos sem sobreposição: cada um vai para a primeira posição candidata
    que não cobre outro rótulo, outro ponto nem sai dos eixos (busca gulosa, determinística).
    Devolve os textos criados."""
    if not len(xs) == len(ys) == len(names):
        raise ValueError("xs, ys e names devem ter o mesmo tamanho; recebidos "
                         f"{len(xs)}, {len(ys)} e {len(names)}.")
    fig = ax.figure
    fig.canvas.draw()  # o layout (constrained) define onde os eixos ficam
    renderer = fig.canvas.get_renderer()
    points = ax.transData.transform(np.column_stack([xs, ys]))
    scale = fig.dpi / 72
    taken = [Bbox.from_extents(px - marker_px * scale, py - marker_px * scale,
                               px + marker_px * scale, py + marker_px * scale)
             for px, py in points]
    frame = ax.get_window_extent(renderer)
    texts = []
    for x, y, name in zip(xs, ys, names, strict=True):
        chosen = None
        for dx, dy, ha, va in _LABEL_SPOTS:
            text = ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, fontsize=fontsize)
            box = text.get_window_extent(renderer)
            if (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
                    and not any(box.overlaps(other) for other in taken)):
                chosen = (text, box)
                break
            text.remove()
        if chosen is None:  # nenhuma posição livre: fica a primeira
            dx, dy, ha, va = _LABEL_SPOTS[0]
            text = ax.annotate(name, (x, y), xytext=(dx, dy), textcoords="offset points",
                               ha=ha, va=va, fontsize=fontsize)
            chosen = (text, text.get_window_extent(renderer))
        texts.append(chosen[0])
        taken.append(chosen[1])
    return texts


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pares de textos visíveis da figura cujas caixas se sobrepõem (para os testes)."""
    from matplotlib.text import Annotation

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in fig.findobj(Annotation)
             if t.get_visible() and t.get_text().strip()]
    return [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
            if box_a.overlaps(box_b)]
