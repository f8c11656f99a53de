"""Validação de entradas: toda função pública passa por aqui.

Cada verificação devolve floats (ou arrays de float) prontos para o cálculo, ou levanta
``TypeError``/``ValueError`` com uma mensagem em português que nomeia o argumento e o valor.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float_array(name: str, value) -> np.ndarray:
    """Converte ``value`` para array de float, recusando tipos que não são números."""
    if value is None:
        raise TypeError(f"{name} é obrigatório; recebido None.")
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} deve ser um número, não um booleano; recebido {value!r}.")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} deve ser um número, não um texto; recebido {value!r}.")
    if isinstance(value, numbers.Number) and not isinstance(value, numbers.Real):
        raise TypeError(f"{name} deve ser um número real; recebido {value!r}.")
    arr = np.asarray(value)
    if arr.dtype == bool:
        raise TypeError(f"{name} deve conter números, não booleanos; recebido {_describe(value)}.")
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} deve conter apenas números reais; recebido {_describe(value)}.")
    if arr.size == 0:
        raise ValueError(f"{name} não pode ser vazio; recebido {_describe(value)}.")
    return arr.astype(float)


def _first_bad(arr: np.ndarray, ok: np.ndarray):
    idx = np.argwhere(~ok)[0]
    return arr[tuple(idx)], tuple(int(i) for i in idx)


def _reject(name: str, arr: np.ndarray, ok: np.ndarray, requirement: str) -> None:
    if ok.all():
        return
    bad, idx = _first_bad(arr, ok)
    where = name if arr.ndim == 0 else f"{name}[{', '.join(map(str, idx))}]"
    raise ValueError(f"{name} deve ser {requirement}; recebido {where} = {float(bad)!r}.")


def _out(arr: np.ndarray):
    return float(arr) if arr.ndim == 0 else arr


def finite(name: str, value):
    """Número(s) real(is) finito(s)."""
    arr = as_float_array(name, value)
    _reject(name, arr, np.isfinite(arr), "um número finito")
    return _out(arr)


def positive(name: str, value):
    """Número(s) finito(s) e estritamente positivo(s)."""
    arr = as_float_array(name, value)
    _reject(name, arr, np.isfinite(arr), "um número finito")
    _reject(name, arr, arr > 0, "um número positivo (> 0)")
    return _out(arr)


def nonnegative(name: str, value):
    """Número(s) finito(s) maior(es) ou igual(is) a zero."""
    arr = as_float_array(name, value)
    _reject(name, arr, np.isfinite(arr), "um número finito")
    _reject(name, arr, arr >= 0, "um número maior ou igual a zero")
    return _out(arr)


def probability(name: str, value):
    """Probabilidade(s) no intervalo [0, 1]."""
    arr = as_float_array(name, value)
    _reject(name, arr, np.isfinite(arr), "um número finito")
    _reject(name, arr, (arr >= 0) & (arr <= 1), "uma probabilidade entre 0 e 1")
    return _out(arr)


def positive_int(name: str, value, minimum: int = 1, maximum: int | None = None):
    """Inteiro(s) maior(es) ou igual(is) a ``minimum`` (e, se dado, no máximo ``maximum``)."""
    arr = as_float_array(name, value)
    _reject(name, arr, np.isfinite(arr), "um número finito")
    _reject(name, arr, arr == np.round(arr), "um número inteiro")
    if maximum is None:
        _reject(name, arr, arr >= minimum, f"um inteiro maior ou igual a {minimum}")
    else:
        ok = (arr >= minimum) & (arr <= maximum)
        if not ok.all():  # a mensagem só é montada quando há o que recusar
            _reject(name, arr, ok, f"um inteiro entre {_plain(minimum)} e {_plain(maximum)}")
    return int(arr) if arr.ndim == 0 else arr.astype(int)


def same_shape(**arrays) -> None:
    """Exige que os arrays dados tenham a mesma forma (para dados pareados, sem broadcasting)."""
    shapes = {name: np.shape(a) for name, a in arrays.items()}
    if len(set(shapes.values())) > 1:
        desc = ", ".join(f"{n} {s}" for n, s in shapes.items())
        raise ValueError(f"os argumentos devem ter a mesma forma; recebido {desc}.")


def broadcastable(**arrays) -> None:
    """Exige que os arrays possam ser combinados elemento a elemento (broadcasting)."""
    try:
        np.broadcast_shapes(*(np.shape(a) for a in arrays.values()))
    except ValueError:
        desc = ", ".join(f"{n} {np.shape(a)}" for n, a in arrays.items())
        raise ValueError(f"as formas não são compatíveis; recebido {desc}.") from None


def min_length(name: str, arr: np.ndarray, n: int) -> None:
    if arr.ndim != 1 or arr.size < n:
        raise ValueError(
            f"{name} deve ser um vetor com pelo menos {_count(n, 'valor', 'valores')}; "
            f"recebido forma {arr.shape}."
        )


def in_range(name: str, value, low: float, high: float) -> float:
    """Um número no intervalo fechado [low, high] (ex.: o valor inicial de um controle)."""
    v = finite(name, value)
    if not isinstance(v, float):
        raise TypeError(f"{name} deve ser um único número; recebido {_describe(value)}.")
    if not low <= v <= high:
        raise ValueError(f"{name} deve estar entre {_plain(low)} e {_plain(high)}; "
                         f"recebido {name} = {value!r}.")
    return v


def _count(n, singular: str, plural: str) -> str:
    from .fmt import count

    return count(n, singular, plural)


def _plain(x) -> str:
    """Um limite ou valor calculado, escrito para o leitor (vírgula decimal, 1 × 10²⁷)."""
    from .fmt import plain  # fmt usa este módulo: importado só na hora

    return plain(x)
