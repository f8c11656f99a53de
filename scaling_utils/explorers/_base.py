"""A maquinaria comum dos exploradores Vega-Lite (vivos no site, sem kernel e sem rede).

Cada explorador é uma grade: para cada posição dos seus controles, a função do tópico calcula,
com as funções da biblioteca, as curvas e os textos que a figura mostra. O navegador só
*escolhe* a linha da grade da posição atual (um ``filter`` do Vega sobre os parâmetros ligados
aos controles); nenhuma conta é refeita em JavaScript.

Uma linha da grade (``estados``) tem os índices dos controles (``i_<nome>``), listas de números
(as curvas; o Vega as desdobra com ``flatten``) e textos já formatados em pt-BR (``fmt``).
"""

from __future__ import annotations

import html
import itertools
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import _check, fmt
from .._eixo_log import _log_tick_label
from ..plotting import PALETTE


def _jsonschema_without_iri_parser() -> None:
    """Importa o jsonschema (que o Altair usa para validar as especificações) sem o verificador
    opcional do formato "iri": o ``rfc3987_syntax`` monta uma gramática Lark ao ser importado,
    ≈ 2 s de CPU em cada kernel, e nenhuma especificação do Vega-Lite usa esse formato.
    O bloqueio vale só durante esta importação; depois o módulo volta a poder ser importado."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # faz o "import rfc3987_syntax" do jsonschema falhar
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


_jsonschema_without_iri_parser()

DATA = "estados"
SIGNIFICANT = 4  # algarismos guardados nas curvas: erro < 0,05 %, menos de um pixel
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"  # a fonte das figuras do matplotlib
_JS = Path(__file__).with_name("explorador.js")
# Onde o Jupyter (fora do site) busca o Vega; o site usa as cópias de _vendor/ (window.LIVRO_VEGA).
CDN = ["https://cdn.jsdelivr.net/npm/vega@6.4.0/build/vega.min.js",
       "https://cdn.jsdelivr.net/npm/vega-lite@6.5.0/build/vega-lite.min.js",
       "https://cdn.jsdelivr.net/npm/vega-embed@7.3.0/build/vega-embed.min.js"]


@dataclass(frozen=True)
class Control:
    """Um controle: ``values`` são as posições da grade; ``labels``, o que o leitor lê."""

    name: str
    label: str
    values: tuple
    labels: tuple[str, ...]
    start: int
    kind: str = "range"  # "range" (controle deslizante) ou "select" (lista)

    @property
    def param(self) -> str:
        return f"p_{self.name}"

    @property
    def column(self) -> str:
        return f"i_{self.name}"


def slider(name: str, label: str, lo: float, hi: float, step: float, start: float,
           digits: int, exact: Sequence[float] = ()) -> Control:
    """Controle deslizante sobre lo, lo + step, ..., hi; rótulos com ``digits`` casas.

    ``exact``: valores que o texto do capítulo usa (o orçamento do GPT-3, o do Gopher); cada
    um toma o lugar da posição mais próxima da grade, para que o explorador mostre o mesmo
    número que o texto, e não o ponto da grade ao lado."""
    lo, hi = _check.finite("lo", lo), _check.finite("hi", hi)
    step = _check.positive("step", step)
    n = round((hi - lo) / step)
    if n < 2 or abs(lo + n * step - hi) > 1e-9 * max(1.0, abs(hi)):
        raise ValueError(f"a grade de {name} precisa de ao menos 3 posições e terminar em hi; "
                         f"recebido lo = {lo!r}, hi = {hi!r}, step = {step!r}.")
    grid_values = [round(lo + k * step, 10) for k in range(n + 1)]
    for v in exact:
        v = _check.in_range(f"{name} (valor exato)", v, lo, hi)
        grid_values[_nearest(name, grid_values, v)] = v
    values = tuple(grid_values)
    return Control(name, label, values, tuple(fmt.num(v, digits) for v in values),
                   _nearest(name, values, start))


def steps(name: str, label: str, values: Sequence[float], start: float,
          digits: int = 0) -> Control:
    """Controle deslizante sobre uma lista dada de posições (por exemplo 10, 20, 50, 100)."""
    values = tuple(_check.finite(name, v) for v in values)
    if len(values) < 3 or list(values) != sorted(set(values)):
        raise ValueError(f"{name}: as posições devem ser ao menos 3, crescentes; "
                         f"recebido {values!r}.")
    return Control(name, label, values, tuple(fmt.num(v, digits) for v in values),
                   _nearest(name, values, start))


def choice(name: str, label: str, options: dict, start) -> Control:
    """Lista de opções: ``options`` vai do texto que o leitor lê ao valor."""
    labels, values = tuple(options), tuple(options.values())
    if start not in values:
        raise ValueError(f"{name} deve ser um de {', '.join(map(str, values))}; "
                         f"recebido {start!r}.")
    return Control(name, label, values, labels, values.index(start), kind="select")


def _nearest(name: str, values: Sequence[float], start: float) -> int:
    start = _check.in_range(name, start, values[0], values[-1])
    return min(range(len(values)), key=lambda k: abs(values[k] - start))


def _compact(value):
    """Listas de números com ``SIGNIFICANT`` algarismos (JSON menor; nada de NaN no JSON)."""
    if isinstance(value, str | int | bool) or value is None:
        return value
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT}g}") if math.isfinite(value) else None
    return [v if isinstance(v, str) else _compact(float(v)) for v in value]


def grid(controls: Sequence[Control], state: Callable[..., dict]) -> list[dict]:
    """Uma linha por combinação de posições: ``state(**valores)`` e os índices ``i_<nome>``."""
    rows = []
    for index in itertools.product(*(range(len(c.values)) for c in controls)):
        values = {c.name: c.values[k] for c, k in zip(controls, index, strict=True)}
        row = {c.column: k for c, k in zip(controls, index, strict=True)}
        row.update({key: _compact(v) for key, v in state(**values).items()})
        rows.append(row)
    return rows


def current(controls: Sequence[Control], *arrays: str, axis: str | None = None,
            data: str = DATA):
    """Os dados da posição atual: a linha da grade escolhida pelos controles, desdobrada
    (``flatten``) nas listas ``arrays``, uma linha por ponto. Só seleção, nenhuma conta.

    ``axis``: o nome de um eixo comum a todas as posições (``Explorer.axes``), guardado uma
    vez só; o k-ésimo ponto recebe o k-ésimo valor do eixo (``lookup``). ``data``: outra
    tabela (``Explorer.tables``), com a grade só dos ``controls`` de que ela depende."""
    import altair as alt

    chart = alt.Chart(alt.NamedData(data))
    if controls:
        chart = chart.transform_filter(
            " && ".join(f"datum.{c.column} == {c.param}" for c in controls))
    if not arrays:
        return chart
    chart = chart.transform_flatten(list(arrays))
    if axis is None:
        return chart
    return chart.transform_window(k="row_number()").transform_lookup(
        lookup="k", from_=alt.LookupData(data=alt.NamedData(axis), key="k", fields=[axis]))


def bindings(controls: Sequence[Control]) -> list:
    """Os parâmetros do Vega ligados aos controles: guardam o índice da posição."""
    import altair as alt

    out = []
    for c in controls:
        if c.kind == "select":
            bind = alt.binding_select(options=list(range(len(c.values))), labels=list(c.labels),
                                      name=c.label + " ")
        else:
            bind = alt.binding_range(min=0, max=len(c.values) - 1, step=1, name=c.label + " ")
        out.append(alt.param(name=c.param, value=c.start, bind=bind))
    return out


def log_axis(title: str, lo: float, hi: float, every: int = 1) -> dict:
    """Eixo log com marcas nas potências de 10 e os rótulos das figuras (10ⁿ), calculados
    aqui: o Vega só troca um número pelo seu texto."""
    first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
    ticks = [float(10.0**k) for k in range(first, last + 1, every)]
    expr = "''"
    for t in reversed(ticks):
        expr = f"datum.value == {t!r} ? '{_log_tick_label(t)}' : {expr}"
    return {"title": title, "values": ticks, "labelExpr": expr, "grid": True}


def color(i: int) -> str:
    return PALETTE[i]


DASHES = ([1, 0], [6, 3], [6, 2, 1, 2], [1, 3])  # os traços de plotting.LINESTYLES
SHAPES = ("circle", "square", "triangle-up", "diamond", "triangle-down", "cross")  # MARKERS


def config() -> dict:
    """Tipografia e cores das figuras do livro (fundo branco, grade leve, sem moldura)."""
    return {
        "font": FONT, "background": "white",
        "view": {"stroke": None},
        "axis": {"labelFontSize": 11, "titleFontSize": 11, "gridOpacity": 0.3,
                 "titleFontWeight": "normal", "labelColor": "#222", "titleColor": "#222"},
        "title": {"fontSize": 12, "fontWeight": "normal", "anchor": "middle"},
        "legend": {"labelFontSize": 10, "titleFontSize": 10, "orient": "bottom",
                   "labelLimit": 320},
        "line": {"strokeWidth": 2},
        "range": {"category": list(PALETTE)},
    }


@dataclass
class Explorer:
    """Um explorador pronto: a especificação Vega-Lite (com a grade) e o texto alternativo.

    Num caderno aparece como HTML: no site, o ``explorador.js`` carrega o Vega de ``_vendor/``
    quando o explorador se aproxima da tela; num Jupyter com internet, das CDNs.
    """

    name: str
    controls: tuple[Control, ...]
    rows: list[dict]
    chart: object  # alt.TopLevelMixin
    alt_text: str
    axes: dict | None = None  # eixos comuns: nome → valores (ver ``current``)
    tables: dict | None = None  # tabelas que dependem de só alguns controles: nome → linhas

    def spec(self) -> dict:
        spec = self.chart.to_dict()
        spec["datasets"] = {DATA: self.rows, **(self.tables or {})}
        for name, values in (self.axes or {}).items():
            # Guardados uma vez só: com todos os algarismos (as curvas íngremes, como p^k,
            # ampliariam o arredondamento de x).
            spec["datasets"][name] = [{"k": k + 1, name: float(v)} for k, v in
                                      enumerate(values)]
        spec["description"] = self.alt_text
        spec["config"] = {**spec.get("config", {}), **config()}
        spec["usermeta"] = {"controles": [
            {"param": c.param, "coluna": c.column, "rotulo": c.label, "rotulos": list(c.labels)}
            for c in self.controls]}
        return spec

    def row(self, **positions: int) -> dict:
        """A linha da grade das posições dadas (índices), como o navegador a escolhe."""
        want = {f"i_{k}": v for k, v in positions.items()}
        return next(r for r in self.rows if all(r[k] == v for k, v in want.items()))

    def _repr_html_(self) -> str:
        data = json.dumps(self.spec(), ensure_ascii=False, separators=(",", ":"))
        data = data.replace("</", "<\\/")
        start = self.row(**{c.name: c.start for c in self.controls})
        return (
            f'<div class="explorador-vega" data-explorador="{self.name}">'
            # Fundo branco e texto escuro também no tema escuro, como as figuras PNG.
            '<style>.explorador-vega{margin:0.5em 0 1em;padding:0.5em;background:#fff;'
            'color:#222;border-radius:4px;overflow-x:auto}'
            '.explorador-vega .vega-bind{margin:0.3em 0}'
            '.explorador-vega .vega-bind-name{display:inline-block;min-width:14em}'
            '.explorador-vega input[type=range]+span{display:none}'
            '.explorador-vega .explorador-valor{display:inline-block;min-width:4em;'
            'margin-left:0.5em;font-variant-numeric:tabular-nums}'
            '.explorador-vega input[type=range]{vertical-align:middle;width:14em}'
            '.explorador-vega .explorador-resumo{font-size:0.9em}'
            '@media (max-width:600px){.explorador-vega .vega-bind-name{display:block;'
            'min-width:0}.explorador-vega input[type=range]{width:min(14em,80%)}}'
            '@media print{.explorador-vega{display:none}}</style>'
            f'<div class="explorador-grafico" role="figure" '
            f'aria-label="{html.escape(self.alt_text)}"></div>'
            '<p class="explorador-resumo" aria-live="polite">'
            f'{html.escape(start["resumo"])}</p>'
            f'<script type="application/json" class="explorador-spec">{data}</script>'
            f'<script>window.LIVRO_VEGA_CDN = {json.dumps(CDN)};\n'
            f'{_JS.read_text(encoding="utf-8")}</script></div>')

    def __repr__(self) -> str:
        return f"<Explorador {self.name}: {len(self.rows)} posições>"


def headline(controls: Sequence[Control], width: int, field: str = "resumo", lines: int = 1):
    """A linha de texto sobre a figura (o título das figuras do matplotlib), da grade; o mesmo
    texto vai, fora da figura, para os leitores de tela (``aria-live``)."""
    import altair as alt

    return current(controls).mark_text(fontSize=12, align="center", baseline="top",
                                       lineBreak="\n").encode(
        x=alt.value(width / 2), y=alt.value(2), text=f"{field}:N",
    ).properties(width=width, height=16 * lines + 4, name="titulo")


def series(layer, name: str, names: Sequence[str], colors: Sequence[int],
           dashes: Sequence[int] | None = None, mark: str | None = None):
    """Marca a camada como a série ``name`` (uma constante, sem contas), com a cor e o traço
    das figuras; a legenda lista ``names``. ``mark`` nomeia as marcas no Vega
    (``<mark>_marks``): os testes leem ali os dados desenhados."""
    import altair as alt

    enc = {"color": alt.Color("serie:N", title=None, scale=alt.Scale(
        domain=list(names), range=[color(i) for i in colors]))}
    if dashes is not None:
        enc["strokeDash"] = alt.StrokeDash("serie:N", title=None, scale=alt.Scale(
            domain=list(names), range=[DASHES[i] for i in dashes]))
    layer = layer.transform_calculate(serie=json.dumps(name)).encode(**enc)
    return layer.properties(name=mark) if mark else layer
