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


class Table:
    """Tabela para leitores: HTML de verdade no site (cabeçalhos com ``scope``) e texto alinhado
    no terminal e no nbval. As células já vêm formatadas (use ``num``, ``sci``, ``pct``).
    """

    def __init__(self, headers, rows, caption: str | None = None):
        if isinstance(headers, str) or not all(isinstance(h, str) for h in headers):
            raise TypeError(f"headers deve ser uma lista de textos; recebido {headers!r}.")
        rows = [tuple(str(c) for c in row) for row in rows]
        if not rows:
            raise ValueError("rows não pode ser vazio; recebido [].")
        bad = [i for i, r in enumerate(rows) if len(r) != len(headers)]
        if bad:
            raise ValueError(f"rows[{bad[0]}] tem {len(rows[bad[0]])} células; "
                             f"headers tem {len(headers)}.")
        self.headers, self.rows, self.caption = tuple(headers), rows, caption

    def __repr__(self) -> str:
        widths = [max(len(r[j]) for r in [self.headers, *self.rows])
                  for j in range(len(self.headers))]

        def line(r):
            return "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()

        out = [line(self.headers), "  ".join("-" * w for w in widths)]
        out += [line(r) for r in self.rows]
        return ((self.caption + "\n") if self.caption else "") + "\n".join(out)

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + f'<th scope="row">{escape(r[0])}</th>'
            + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>"
            for r in self.rows
        )
        cap = f"<caption>{escape(self.caption)}</caption>" if self.caption else ""
        return (f'<table class="tabela-livro">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")
