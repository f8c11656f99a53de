"""As marcas e os rótulos de um eixo logarítmico das figuras (``plotting.log_axes``).

- ``BookLogLocator``: sempre ao menos dois números no eixo, mesmo em menos de uma década;
- ``BookLogFormatter``: um só formato por eixo (CONTRIBUTING.md, Notação): 10ⁿ, número comum
  (20, 50, 100) ou m × 10ⁿ, nunca "20, 50, 10², 200".
"""

from __future__ import annotations

import math

from matplotlib.ticker import Formatter, Locator, LogLocator, MaxNLocator

from . import fmt

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _log_label(value: float, _pos=None) -> str:
    if value <= 0:
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return ""
    return "10" + str(round(exponent)).translate(_SUPERSCRIPT)


class BookLogLocator(Locator):
    """Marcas de um eixo log que sempre deixam ≥ 2 números no eixo.

    Com duas ou mais potências de 10 à vista, as marcas são 10ⁿ (como o ``LogLocator``).
    Com menos (o eixo cobre pouco mais de uma década ou menos), as marcas são 1, 2 e 5 × 10ⁿ
    se couberem ao menos duas; senão, valores "redondos" escolhidos como num eixo linear.
    """

    def __call__(self):
        lo, hi = self.axis.get_view_interval()
        return self.tick_values(lo, hi)

    def _decades(self, lo, hi):
        locator = LogLocator(base=10)  # com o eixo: pula décadas se não couberem todas
        if self.axis is not None:
            locator.set_axis(self.axis)
            return locator()
        return locator.tick_values(lo, hi)

    def tick_values(self, vmin, vmax):
        lo, hi = sorted((float(vmin), float(vmax)))
        if hi <= 0:
            return []
        lo = lo if lo > 0 else hi / 10
        decades = [10.0**k for k in range(math.ceil(math.log10(lo) - 1e-9),
                                          math.floor(math.log10(hi) + 1e-9) + 1)]
        if len(decades) >= 2:
            return self._decades(lo, hi)
        # 1, 2 e 5 × 10ⁿ: igualmente espaçados no eixo log (20, 50, 100, 200, 500), sem o
        # amontoado de 200, 400, 600 que as marcas lineares fazem no fim de uma década.
        k0 = math.floor(math.log10(lo)) - 1
        nice = [m * 10.0**k for k in range(k0, k0 + 4) for m in (1, 2, 5)
                if lo * (1 - 1e-9) <= m * 10.0**k <= hi * (1 + 1e-9)]
        if len(nice) >= 2:
            return nice
        for nbins in (4, 6, 8):
            ticks = [t for t in MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10])
                     .tick_values(lo, hi) if lo * (1 - 1e-9) <= t <= hi * (1 + 1e-9) and t > 0]
            if len(ticks) >= 2:
                return ticks
        return [lo, hi]


def _is_power_of_ten(value: float) -> bool:
    exponent = math.floor(math.log10(value) + 1e-9)
    mantissa = value / 10**exponent
    return abs(mantissa - round(mantissa)) < 1e-6 and round(mantissa) in (1, 10)


def _plain(value: float) -> str:
    """Número comum, com as casas decimais necessárias: "0,3", "20", "1.000"."""
    digits = 0
    while digits < 6 and abs(value - round(value, digits)) > 1e-9 * max(1.0, value):
        digits += 1
    return fmt.num(value, digits)


def _times_power(value: float) -> str:
    """m × 10ⁿ: "2,5 × 10²⁰", "1 × 10²¹"."""
    exponent = math.floor(math.log10(value) + 1e-9)
    mantissa = value / 10**exponent
    if mantissa >= 10 - 1e-6:  # 9,999999 × 10ⁿ é 10ⁿ⁺¹
        exponent, mantissa = exponent + 1, mantissa / 10
    shown = fmt.num(mantissa, 0 if abs(mantissa - round(mantissa)) < 1e-6 else 1)
    return f"{shown} × 10" + str(exponent).translate(_SUPERSCRIPT)


def _log_style(values) -> str:
    """O formato de um eixo log inteiro (CONTRIBUTING.md: um formato por eixo): "10ⁿ" se toda
    marca é potência de 10; senão "número" (20, 50, 100), se todas ficam entre 10⁻³ e 10³;
    senão "× 10ⁿ" (2 × 10²⁰, 1 × 10²¹)."""
    values = [v for v in values if v > 0]
    if all(_is_power_of_ten(v) for v in values):
        return "10ⁿ"
    if all(-3 <= math.floor(math.log10(v) + 1e-9) <= 3 for v in values):
        return "número"
    return "× 10ⁿ"


def _log_tick_label(value: float, _pos=None, style: str | None = None) -> str:
    """O rótulo de uma marca no formato ``style`` (``_log_style``); sem ``style``, o da marca
    sozinha: 10ⁿ nas potências de 10, "0,3", "20" ou "2,5 × 10²⁰" nas outras."""
    if value <= 0:
        return ""
    style = style or _log_style([value])
    if style == "10ⁿ":
        return _log_label(value)
    return _plain(value) if style == "número" else _times_power(value)


class BookLogFormatter(Formatter):
    """Os rótulos de um eixo log, todos num formato só (``_log_style`` das marcas à vista):
    "10⁰, 10¹, 10²" ou "20, 50, 100, 200", nunca "20, 50, 10², 200"."""

    style: str | None = None

    def set_locs(self, locs):
        super().set_locs(locs)
        shown = [v for v in locs if v > 0]
        if self.axis is not None:
            lo, hi = sorted(self.axis.get_view_interval())
            shown = [v for v in shown if lo * (1 - 1e-9) <= v <= hi * (1 + 1e-9)] or shown
        self.style = _log_style(shown) if shown else None

    def __call__(self, x, pos=None):
        return _log_tick_label(x, pos, self.style)
