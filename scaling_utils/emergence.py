"""Métricas e a "miragem" da emergência (Schaeffer, Miranda e Koyejo, 2023).

Se a entropia cruzada por token L cai suavemente, a acurácia por token p = e^(−L) sobe
suavemente; o acerto exato de uma resposta de k tokens, p^k, parece abrupto; a distância de
edição em tokens, k·(1 − p), continua suave.
"""

from __future__ import annotations

import numpy as np

from . import _check


def per_token_accuracy(loss):
    """p = exp(−L): probabilidade do token certo, dada a perda L ≥ 0 em nats/token."""
    return np.exp(-_check.nonnegative("loss", loss))


def exact_match(p, length):
    """Acerto exato de uma resposta de ``length`` tokens: p^length (tokens independentes)."""
    pv = _check.probability("p", p)
    k = _check.positive_int("length", length)
    _check.broadcastable(p=pv, length=k)
    return np.power(pv, k)


def token_edit_distance(p, length):
    """Distância de edição esperada, em tokens: length · (1 − p)."""
    pv = _check.probability("p", p)
    k = _check.positive_int("length", length)
    _check.broadcastable(p=pv, length=k)
    return k * (1.0 - pv)


def sample_accuracy(p_correct, n_questions, seed):
    """Acurácia medida num teste finito: Binomial(n_questions, p_correct)/n_questions, semeada.

    Mostra o efeito da resolução: com poucas questões, modelos pequenos leem exatamente 0.
    """
    pv = _check.probability("p_correct", p_correct)
    n = _check.positive_int("n_questions", n_questions)
    s = _check.positive_int("seed", seed, minimum=0)
    rng = np.random.default_rng(s)
    hits = rng.binomial(n, pv)
    return hits / n
