"""Números para leitores: formatação pt-BR (vírgula decimal) feita pelo Babel.

>>> num(0.0764, 3)
'0,076'
>>> sci(5.76e23, 2)
'5,76 × 10²³'
>>> num(-0.5, 1)
'−0,5'

O sinal de menos é o verdadeiro (−, U+2212), como na tipografia brasileira; o Babel devolve o
hífen (-) do teclado.
"""

from __future__ import annotations

import decimal
import math
import re

from babel.numbers import format_decimal, format_percent, format_scientific

from . import _check

LOCALE = "pt_BR"
#: Dígitos do contexto decimal em que o Babel arredonda. O padrão do Python (28) não basta:
#: 1e25 com 3 casas já tem 29 dígitos e o Babel levantava ``decimal.InvalidOperation``.
#: 400 cobre qualquer float finito (até ~1,8 × 10³⁰⁸) com as 15 casas que ``digits`` permite.
_PRECISION = 400

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
#: Sinal de menos tipográfico (U+2212), no lugar do hífen que o Babel escreve.
MINUS = "\u2212"


def _minus(text: str) -> str:
    return text.replace("-", MINUS)


def _sign(text: str, value: float, signed: bool) -> str:
    """Com ``signed``, variações positivas levam "+" ("+2%"), como as negativas levam "−"."""
    if not isinstance(signed, bool):
        raise TypeError(f"signed deve ser True ou False; recebido {signed!r}.")
    if not any(ch in "123456789" for ch in text):  # arredondou para zero: sem sinal ("0,00")
        return text.lstrip("-")
    return ("+" if signed and value > 0 else "") + _minus(text)


def _digits(name: str, digits) -> int:
    d = _check.positive_int(name, digits, minimum=0)
    if not isinstance(d, int) or d > 15:
        raise ValueError(f"{name} deve ser um inteiro entre 0 e 15; recebido {digits!r}.")
    return d


def _babel(function, value, **kwargs) -> str:
    """Chama o Babel num contexto decimal com dígitos de sobra (ver ``_PRECISION``)."""
    with decimal.localcontext() as ctx:
        ctx.prec = _PRECISION
        return function(value, locale=LOCALE, **kwargs)


def num(x, digits: int = 2, signed: bool = False) -> str:
    """Número com ``digits`` casas decimais, em pt-BR: ``num(1234.5, 1)`` → ``'1.234,5'``,
    ``num(-0.5, 1)`` → ``'−0,5'``; com ``signed=True``, ``num(0.5, 1)`` → ``'+0,5'``."""
    value = _check.finite("x", x)
    if not isinstance(value, float):
        raise TypeError(f"x deve ser um único número; recebido um array de forma {value.shape}.")
    d = _digits("digits", digits)
    pattern = "#,##0" + ("." + "0" * d if d else "")
    return _sign(_babel(format_decimal, value, format=pattern), value, signed)


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
    text = _babel(format_scientific, rounded, format=pattern)
    mantissa, exponent = text.split("E")
    return f"{_minus(mantissa)} × 10{exponent.translate(_SUPERSCRIPT)}"


def pct(fraction, digits: int = 1, signed: bool = False) -> str:
    """Fração como porcentagem em pt-BR: ``pct(0.676)`` → ``'67,6%'``; variações com
    ``signed=True``: ``pct(0.02, 0, signed=True)`` → ``'+2%'``, ``pct(-0.12, 0)`` → ``'−12%'``."""
    value = _check.finite("fraction", fraction)
    if not isinstance(value, float):
        raise TypeError(
            f"fraction deve ser um único número; recebido um array de forma {value.shape}."
        )
    d = _digits("digits", digits)
    pattern = "#,##0" + ("." + "0" * d if d else "") + "%"
    return _sign(_babel(format_percent, value, format=pattern), value, signed)


def plain(x, significant: int = 6) -> str:
    """Um número calculado numa mensagem, em pt-BR e sem zeros inúteis.

    Até ``significant`` algarismos significativos; notação científica fora de [10⁻³, 10⁶):
    ``plain(1.69)`` → ``'1,69'``, ``plain(1e27)`` → ``'1 × 10²⁷'``, ``plain(4096)`` → ``'4.096'``.
    """
    value = _check.finite("x", x)
    if not isinstance(value, float):
        raise TypeError(f"x deve ser um único número; recebido um array de forma {value.shape}.")
    s = _check.positive_int("significant", significant, minimum=1)
    if not isinstance(s, int) or s > 15:
        raise ValueError(f"significant deve ser um inteiro entre 1 e 15; recebido {significant!r}.")
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(float(f"{value:.{s - 1}e}"))))
    if -3 <= magnitude < 6:
        return _strip(num(value, min(15, max(0, s - 1 - magnitude))))
    mantissa, power = sci(value, s - 1).split(" × ")
    return f"{_strip(mantissa)} × {power}"


def _strip(text: str) -> str:
    """Tira os zeros à direita da parte decimal: ``'1,6900'`` → ``'1,69'``, ``'2,0'`` → ``'2'``."""
    return text.rstrip("0").rstrip(",") if "," in text else text


def count(n, singular: str, plural: str) -> str:
    """Uma contagem com a palavra concordando: ``count(1, "token", "tokens")`` → ``'1 token'``,
    ``count(1000, "questão", "questões")`` → ``'1.000 questões'`` (em pt-BR, 0 vai no plural).
    """
    k = _check.positive_int("n", n, minimum=0)
    if not isinstance(k, int):
        raise TypeError(f"n deve ser um único número; recebido {n!r}.")
    for name, word in (("singular", singular), ("plural", plural)):
        if not isinstance(word, str) or not word:
            raise TypeError(f"{name} deve ser um texto não vazio; recebido {word!r}.")
    return f"{num(k, 0)} {singular if k == 1 else plural}"


def unit(number: str, singular: str, plural: str) -> str:
    """Um número já formatado com a unidade concordando: em pt-BR (e no SI, pelo INMETRO) o
    plural começa em 2, e a concordância vale para o valor impresso:
    ``unit(num(1.82, 2), "nat", "nats")`` → ``'1,82 nat'``, ``unit("2,00", "nat", "nats")`` →
    ``'2,00 nats'``, ``unit(sci(3.6e3, 2), "PF-dia", "PF-dias")`` → ``'3,60 × 10³ PF-dias'``.
    """
    for name, word in (("number", number), ("singular", singular), ("plural", plural)):
        if not isinstance(word, str) or not word:
            raise TypeError(f"{name} deve ser um texto não vazio; recebido {word!r}.")
    mantissa, _, power = number.partition(" × 10")
    digits = mantissa.replace(".", "").replace(",", ".").replace(MINUS, "-").lstrip("+")
    try:
        value = abs(float(digits))
    except ValueError:
        raise ValueError(f"number deve ser um número formatado por fmt; recebido "
                         f"{number!r}.") from None
    if power and power != "⁰":
        value = 2.0 if not power.startswith("⁻") else 0.0  # × 10ⁿ com n ≥ 1: ≥ 10
    return f"{number} {singular if value < 2 else plural}"


#: Um índice curto depois de uma letra (N_c, α_N, R_D): vira <sub> no HTML das tabelas.
_SUBSCRIPT = re.compile(r"(?<=[A-Za-zα-ω])_([A-Za-z]{1,3})\b")


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
            raise ValueError(f"rows[{bad[0]}] tem {count(len(rows[bad[0]]), 'célula', 'células')}"
                             f"; headers tem {count(len(headers), 'coluna', 'colunas')}.")
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

        def cell(text: str) -> str:  # N_c, α_N: o índice de verdade (<sub>), não o _ do código
            return _SUBSCRIPT.sub(r"<sub>\1</sub>", escape(text))

        head = "".join(f'<th scope="col">{cell(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + f'<th scope="row">{cell(r[0])}</th>'
            + "".join(f"<td>{cell(c)}</td>" for c in r[1:]) + "</tr>"
            for r in self.rows
        )
        cap = f"<caption>{cell(self.caption)}</caption>" if self.caption else ""
        return (f'<table class="tabela-livro">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")
