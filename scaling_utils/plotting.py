"""Estilo das figuras: fundo branco, paleta Okabe–Ito com marcadores e traços distintos,
rótulos de eixo em pt-BR (vírgula decimal, 10ⁿ nos eixos logarítmicos).
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
from cycler import cycler
from matplotlib.ticker import FuncFormatter, LogLocator

from . import fmt

#: Okabe & Ito (2008), *Color Universal Design*: seguro para daltonismo. O amarelo fica de fora
#: (pouco contraste no fundo branco).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)))

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


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
            "svg.hashsalt": "leis-de-escala",
        }
    )


def _log_label(value: float, _pos=None) -> str:
    if value <= 0:
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(round(exponent)).translate(_SUPERSCRIPT)


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


def _minor_log_labels(axis) -> FuncFormatter:
    """Rótulos "m × 10ⁿ" nas marcas menores 2, 3 e 5 quando o eixo cobre menos de ~1,5 década
    (senão nenhuma marca principal 10ⁿ apareceria e o eixo ficaria sem números)."""

    def label(value: float, _pos=None) -> str:
        lo, hi = sorted(axis.get_view_interval())
        if lo <= 0 or math.log10(hi / lo) > 1.5 or value <= 0:
            return ""
        exponent = math.floor(math.log10(value) + 1e-9)
        mantissa = value / 10**exponent
        shown = (2, 3, 5) if math.log10(hi / lo) > 0.7 else (2, 3, 4, 5, 6, 8)
        if min(abs(mantissa - m) for m in shown) > 1e-6:
            return ""
        if -3 <= exponent <= 3:  # curto: "0,3", "20" (e não "3 × 10⁻¹")
            return fmt.num(value, max(0, -exponent))
        return f"{round(mantissa)} × 10" + str(exponent).translate(_SUPERSCRIPT)

    return FuncFormatter(label)


def log_axes(ax, x: bool = True, y: bool = True) -> None:
    """Eixos logarítmicos com rótulos 10ⁿ (e os lineares com vírgula decimal)."""
    for on, axis, setter in ((x, ax.xaxis, ax.set_xscale), (y, ax.yaxis, ax.set_yscale)):
        if on:
            setter("log")
            axis.set_major_locator(LogLocator(base=10))
            axis.set_major_formatter(FuncFormatter(_log_label))
            axis.set_minor_formatter(_minor_log_labels(axis))
        else:
            axis.set_major_formatter(decimal_formatter())


def linear_axes(ax) -> None:
    """Eixos lineares com vírgula decimal nos dois eixos."""
    ax.xaxis.set_major_formatter(decimal_formatter())
    ax.yaxis.set_major_formatter(decimal_formatter())


def new_figure(ncols: int = 1, nrows: int = 1, width: float = 6.4, height: float = 4.0):
    """Figura e eixos no estilo do livro (sem mudar o estado global além do estilo)."""
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")



def png_bytes(fig) -> bytes:
    """A figura como PNG compacto: paleta de 256 cores (sem pontilhado), fundo branco opaco.

    Gráficos de linhas e pontos têm poucas cores; a paleta deixa o arquivo cerca de 3 vezes
    menor sem diferença visível, e mantém cada página do site dentro do orçamento de peso.
    """
    import io

    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", facecolor="white")
    buf.seek(0)
    image = Image.open(buf).convert("RGB")  # sem canal alfa: fundo branco opaco
    compact = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                             dither=Image.Dither.NONE)
    out = io.BytesIO()
    compact.save(out, format="PNG", optimize=True)
    return out.getvalue()


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
