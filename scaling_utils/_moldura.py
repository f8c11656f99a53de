"""A atualização rápida de uma figura de widget num kernel (issue 15, parte 3).

A primeira figura de um widget sai como sempre (``plotting.png_bytes``) e a sua moldura fica
guardada (``record_frame``): a figura, o tamanho, a posição de cada eixo e o recorte do PNG.
A cada movimento do controle, ``transplant`` copia os dados e os textos da figura nova para a
guardada (as marcas dos eixos, o que mais custa num desenho, são reaproveitadas) e ``fast_png``
a desenha na moldura, sem refazer o layout. As funções das figuras continuam puras.
"""

from __future__ import annotations


def record_frame(fig) -> dict:
    """A moldura de uma figura: tamanho, posição de cada eixo depois do layout, o recorte do
    PNG (o de ``bbox_inches="tight"`` na resolução do PNG, em polegadas) e o menor texto em px."""
    import matplotlib.pyplot as plt

    from .plotting import DPI, smallest_font_pt

    fig.set_dpi(DPI)  # o mesmo desenho que o savefig de png_bytes mede
    fig.draw_without_rendering()
    bbox = fig.get_tightbbox().padded(plt.rcParams["savefig.pad_inches"])
    # A figura fica guardada (fora do pyplot): as atualizações trocam só os dados dela
    # (``transplant``) e reaproveitam as marcas dos eixos, o que mais custa num desenho.
    plt.close(fig)
    return {"size": tuple(fig.get_size_inches()), "bbox": bbox, "figure": fig,
            "positions": [ax.get_position().frozen() for ax in fig.axes],
            "titles": [t.get_position() for t in _figure_titles(fig)],
            "smallest_px": smallest_font_pt(fig) * DPI / 72}


def _figure_titles(fig) -> list:
    """suptitle, supxlabel e supylabel que existirem (o layout também os posiciona)."""
    return [t for t in (getattr(fig, f"_{name}", None)
                        for name in ("suptitle", "supxlabel", "supylabel")) if t is not None]


def _same_kinds(a, b) -> bool:
    return len(a) == len(b) and all(type(x) is type(y) for x, y in zip(a, b, strict=True))


def _kind(transform, ax) -> str | None:
    """Que transformação dos eixos ``ax`` é esta (dados, eixos, misturadas), ou None."""
    for name, t in (("data", ax.transData), ("axes", ax.transAxes),
                    ("x", ax.get_xaxis_transform()), ("y", ax.get_yaxis_transform())):
        if transform == t:
            return name
    return None


def _transform(kind: str, ax):
    return {"data": ax.transData, "axes": ax.transAxes, "x": ax.get_xaxis_transform(),
            "y": ax.get_yaxis_transform()}[kind]


def _style(handle) -> tuple:
    if hasattr(handle, "get_marker"):
        return (handle.get_color(), handle.get_linestyle(), handle.get_marker())
    return (tuple(handle.get_facecolor()), tuple(handle.get_edgecolor()))


def _fits(a, b) -> bool:
    """Os eixos ``a`` e ``b`` têm a mesma estrutura (as mesmas peças, nas mesmas coordenadas)."""
    la, lb = a.get_legend(), b.get_legend()
    if (not _same_kinds(a.lines, b.lines) or not _same_kinds(a.texts, b.texts)
            or not _same_kinds(a.patches, b.patches) or a.collections or b.collections
            or a.images or b.images or (la is None) != (lb is None)
            or a.get_xscale() != b.get_xscale() or a.get_yscale() != b.get_yscale()
            or any(type(p).__name__ != "Rectangle" for p in a.patches)
            or any(type(t).__name__ != "Text" for t in a.texts)):
        return False
    for x, y in zip([*a.lines, *a.patches, *a.texts], [*b.lines, *b.patches, *b.texts],
                    strict=True):
        kind = _kind(y.get_transform(), b)
        if kind is None or kind != _kind(x.get_transform(), a):
            return False
    return la is None or (len(la.texts) == len(lb.texts) and [
        _style(h) for h in la.legend_handles] == [_style(h) for h in lb.legend_handles])


def transplant(old, new) -> bool:
    """Copia para a figura ``old`` os dados e os textos da ``new`` (o mesmo desenho, noutra
    posição dos controles): linhas, textos, retângulos, limites, localizadores e formatadores
    das marcas, rótulos, títulos e legendas. Devolve False, sem mexer em nada, se as duas não
    têm a mesma estrutura (então a atualização desenha a nova)."""
    if (len(old.axes) != len(new.axes)
            or not _same_kinds(_figure_titles(old), _figure_titles(new))
            or not all(_fits(a, b) for a, b in zip(old.axes, new.axes, strict=True))):
        return False
    for a, b in zip(old.axes, new.axes, strict=True):
        for x, y in zip([*a.lines, *a.patches, *a.texts], [*b.lines, *b.patches, *b.texts],
                        strict=True):
            kind, clip = _kind(x.get_transform(), a), x.get_clip_box()
            x.update_from(y)  # estilo (cor, traço, marcador, fonte), mas também transform e clip
            x.set_transform(_transform(kind, a))
            x.set_clip_box(clip)
            if hasattr(x, "set_data"):
                x.set_data(y.get_xdata(orig=True), y.get_ydata(orig=True))
            elif hasattr(x, "set_text"):
                x.set_text(y.get_text())
                x.set_position(y.get_position())
            else:
                x.set_bounds(*y.get_bbox().bounds)
        a.set_xlim(b.get_xlim())
        a.set_ylim(b.get_ylim())
        for xa, xb in ((a.xaxis, b.xaxis), (a.yaxis, b.yaxis)):
            xa.set_major_locator(xb.get_major_locator())
            xa.set_minor_locator(xb.get_minor_locator())
            xa.set_major_formatter(xb.get_major_formatter())
            xa.set_minor_formatter(xb.get_minor_formatter())
            _copy_text(xa.label, xb.label)
        for x, y in ((a.title, b.title), (a._left_title, b._left_title),
                     (a._right_title, b._right_title)):
            _copy_text(x, y)
        if a.get_legend() is not None:
            for x, y in zip(a.get_legend().texts, b.get_legend().texts, strict=True):
                x.set_text(y.get_text())
    for x, y in zip(_figure_titles(old), _figure_titles(new), strict=True):
        _copy_text(x, y)
    return True


def _copy_text(x, y) -> None:
    """O texto e a fonte de ``y`` em ``x``; a posição e a transformação de ``x`` ficam."""
    transform, clip, position = x.get_transform(), x.get_clip_box(), x.get_position()
    x.update_from(y)
    x.set_transform(transform)
    x.set_clip_box(clip)
    x.set_position(position)
    x.set_text(y.get_text())


def fast_png(fig, frame: dict) -> bytes:
    """PNG de uma atualização, várias vezes mais rápido que ``plotting.png_bytes``: os eixos
    ficam onde estavam na primeira figura (sem refazer o layout), um só desenho com o recorte
    dela, sem paleta e com compressão leve. O arquivo sai maior, mas só viaja do kernel ao
    navegador; o retrato guardado no caderno (a primeira figura) continua compacto.

    Se a figura não tem a forma da moldura (tamanho, número de eixos ou de títulos), sai por
    ``plotting.png_bytes``.
    """
    import io

    from .plotting import DPI, png_bytes

    titles = _figure_titles(fig)
    if (tuple(fig.get_size_inches()) != frame["size"]
            or len(fig.axes) != len(frame["positions"]) or len(titles) != len(frame["titles"])):
        return png_bytes(fig)
    fig.set_layout_engine(None)  # sem layout: sem o desenho "a seco" que o savefig faria
    for ax, pos in zip(fig.axes, frame["positions"], strict=True):
        ax.set_position(pos)
    for text, pos in zip(titles, frame["titles"], strict=True):
        text.set_position(pos)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, bbox_inches=frame["bbox"], facecolor="white",
                pil_kwargs={"compress_level": 1},
                metadata={"livro:menor-texto": f"{frame['smallest_px']:.1f}",
                          "livro:dpi": str(DPI)})
    return out.getvalue()
