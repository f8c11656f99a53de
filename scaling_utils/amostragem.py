"""Compute no teste: cobertura com várias amostras (pass@k).

Com k tentativas independentes num problema que o modelo acerta com probabilidade p, a chance
de ao menos um acerto é 1 − (1 − p)^k. Num conjunto de problemas, a **cobertura** é a média
disso; Brown et al. (2024, *Large Language Monkeys*) a medem até milhares de amostras.

Para estimar pass@k a partir de n ≥ k amostras com c acertos, o estimador sem viés de Chen et
al. (2021, *Evaluating Large Language Models Trained on Code*, Eq. 1) é
1 − C(n−c, k)/C(n, k), calculado aqui como produto, sem números binomiais enormes.
"""

from __future__ import annotations

import numpy as np

from . import _check


def pass_at_k(n, c, k):
    """Estimador sem viés de pass@k (Chen et al. 2021, Eq. 1): 1 − C(n−c, k)/C(n, k).

    n: amostras geradas por problema; c: quantas acertaram (0 ≤ c ≤ n); k ≤ n.
    Aceita arrays de c (um por problema) e devolve um valor por problema.
    """
    n_v = _check.positive_int("n", n)
    k_v = _check.positive_int("k", k)
    if k_v > n_v:
        raise ValueError(f"k deve ser no máximo n = {n_v}; recebido k = {k!r}.")
    c_arr = np.atleast_1d(np.asarray(c))
    if c_arr.dtype.kind not in "iu" or np.any(c_arr < 0) or np.any(c_arr > n_v):
        raise ValueError(f"c deve ter inteiros entre 0 e n = {n_v}; recebido {c!r}.")
    out = np.empty(c_arr.shape, dtype=float)
    for idx, ci in np.ndenumerate(c_arr):
        if n_v - ci < k_v:
            out[idx] = 1.0
        else:
            out[idx] = 1.0 - np.prod(1.0 - k_v / np.arange(n_v - ci + 1, n_v + 1))
    return float(out[0]) if np.ndim(c) == 0 else out


def coverage(p, k):
    """Cobertura esperada com k amostras: média de 1 − (1 − pᵢ)^k sobre os problemas."""
    pv = np.atleast_1d(_check.probability("p", p))
    kv = _check.positive("k", k)
    out = 1.0 - np.mean(np.power(1.0 - pv[:, None], np.atleast_1d(kv)[None, :]), axis=0)
    return float(out[0]) if np.ndim(kv) == 0 else out


def beta_coverage(a: float, b: float, k):
    """Cobertura esperada quando p ~ Beta(a, b): 1 − B(a, b + k)/B(a, b).

    Com a pequeno (muitos problemas difíceis), 1 − cobertura cai como uma lei de potência de k,
    ≈ Γ(a+b)/Γ(b) · k^(−a): o crescimento lento e contínuo que Brown et al. (2024) observam.
    """
    from scipy.special import betaln

    av = _check.positive("a", a)
    bv = _check.positive("b", b)
    kv = _check.positive("k", k)
    return 1.0 - np.exp(betaln(av, bv + kv) - betaln(av, bv))


def simulate_coverage(a: float, b: float, n_problems: int, n_samples: int, ks, seed: int):
    """Um experimento simulado: p de cada problema ~ Beta(a, b), n_samples tentativas cada.

    Devolve (ks, pass@k estimado pela média do estimador sem viés, cobertura verdadeira dos
    problemas sorteados), com semente.
    """
    av = _check.positive("a", a)
    bv = _check.positive("b", b)
    m = _check.positive_int("n_problems", n_problems)
    n = _check.positive_int("n_samples", n_samples)
    s = _check.positive_int("seed", seed, minimum=0)
    k_list = [_check.positive_int("ks", x) for x in np.atleast_1d(np.asarray(ks, dtype=object))]
    if not k_list or max(k_list) > n:
        raise ValueError(f"ks deve ficar entre 1 e n_samples = {n}; recebido {ks!r}.")
    rng = np.random.default_rng(s)
    p = rng.beta(av, bv, size=m)
    c = rng.binomial(n, p)
    estimated = np.array([np.mean(pass_at_k(n, c, k)) for k in k_list])
    true = np.array([np.mean(1.0 - (1.0 - p) ** k) for k in k_list])
    return np.array(k_list), estimated, true
