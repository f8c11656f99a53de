"""Números para leitores: formatação pt-BR (vírgula decimal) feita pelo Babel.

>>> num(0.0764, 3)
'0,076'
>>> sci(5.76e23, 2)
'5,76 × 10²³'
"""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent, format_scientific

from . import _check

LOCALE = "pt_BR"

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _digits(name: str, digits) -> int:
    d = _check.positive_int(name, digits, minimum=0)
    if not isinstance(d, int) or d > 15:
        raise ValueError(f"{name} deve ser um inteiro entre 0 e 15; recebido {digits!r}.")
    return d


def num(x, digits: int = 2) -> str:
    """Número com ``digits`` casas decimais, em pt-BR: ``num(1234.5, 1)`` → ``'1.234,5'``."""
    value = _check.finite("x", x)
    if not isinstance(value, float):
        raise TypeError(f"x deve ser um único número; recebido um array de forma {value.shape}.")
    d = _digits("digits", digits)
    pattern = "#,##0" + ("." + "0" * d if d else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def sci(x, digits: int = 2) -> str:
    """Notação científica em pt-BR: ``sci(5.76e23, 2)`` → ``'5,76 × 10²³'``."""
    value = _check.finite("x", x)
    if not isinstance(value, float):
        raise TypeError(f"x deve ser um único número; recebido um array de forma {value.shape}.")
    d = _digits("digits", digits)
    pattern = "0" + ("." + "0" * d if d else "") + "E0"
    # Arredonda a mantissa antes: o Babel escolhe o expoente antes de arredondar
    # (9.996e3 com 2 casas sairia "10,00 × 10³").
    rounded = float(f"{value:.{d}e}")
    text = format_scientific(rounded, format=pattern, locale=LOCALE)
    mantissa, exponent = text.split("E")
    return f"{mantissa} × 10{exponent.translate(_SUPERSCRIPT)}"


def pct(fraction, digits: int = 1) -> str:
    """Fração como porcentagem em pt-BR: ``pct(0.676)`` → ``'67,6%'``."""
    value = _check.finite("fraction", fraction)
    if not isinstance(value, float):
        raise TypeError(
            f"fraction deve ser um único número; recebido um array de forma {value.shape}."
        )
    d = _digits("digits", digits)
    pattern = "#,##0" + ("." + "0" * d if d else "") + "%"
    return format_percent(value, format=pattern, locale=LOCALE)
