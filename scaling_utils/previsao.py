"""Depois do Chinchilla: o ajuste do Llama 3 e a previsão de capacidades em duas etapas.

Dubey et al. (2024, *The Llama 3 Herd of Models*, §3.2.1) ajustaram a sua própria lei de
alocação e previram a acurácia do modelo final em duas etapas: dos FLOPs de treino para a
log-verossimilhança negativa (NLL) da resposta certa, e da NLL para a acurácia, com uma sigmoide
ajustada também a modelos mais antigos (Llama 2). O artigo mostra as curvas, não as constantes
da previsão; por isso o exemplo deste módulo usa um **mundo ilustrativo**, com verdade conhecida.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _check

#: Dubey et al. (2024), §3.2.1: N*(C) = A·C^α tokens de treino compute-ótimos, com
#: (α, A) = (0,53; 0,29) impressos, ajustados entre 6 × 10¹⁸ e 10²² FLOPs (modelos de 40M a
#: 16B). Extrapolada a 3,8 × 10²⁵ FLOPs, a lei "sugere treinar um modelo de 402B parâmetros com
#: 16,55T tokens" (o artigo). Com os (α, A) arredondados, a fórmula dá ≈ 10,5T tokens, não
#: 16,55T; e 6·N·D com o par publicado dá ≈ 4,0 × 10²⁵, não 3,8 × 10²⁵.
LLAMA3_ALPHA, LLAMA3_A = 0.53, 0.29
LLAMA3_C = 3.8e25
LLAMA3_N, LLAMA3_D = 402e9, 16.55e12
#: Faixa das execuções da lei do Llama 3 (§3.2.1).
LLAMA3_FIT_RANGE = (6e18, 1e22)


def llama3_optimal_tokens(C):
    """N*(C) = 0,29 · C^0,53 tokens (Dubey et al. 2024, §3.2.1, constantes arredondadas)."""
    return LLAMA3_A * np.power(_check.positive("C", C), LLAMA3_ALPHA)


# --- A previsão em duas etapas, num mundo ilustrativo ----------------------------------------

def nll_law(C, E: float, a: float, b: float, C0: float = 1e20):
    """Etapa 1: NLL(C) = E + a·(C/C0)^(−b), a NLL da resposta certa em função dos FLOPs."""
    c = _check.positive("C", C)
    return E + a * np.power(c / C0, -b)


def accuracy_from_nll(nll, chance: float, midpoint: float, width: float):
    """Etapa 2: acurácia = acaso + (1 − acaso) / (1 + e^((NLL − meio)/largura))."""
    x = _check.nonnegative("nll", nll)
    ch = _check.probability("chance", chance)
    w = _check.positive("width", width)
    return ch + (1.0 - ch) / (1.0 + np.exp((x - midpoint) / w))


@dataclass(frozen=True)
class World:
    """Um mundo ilustrativo com verdade conhecida (não são constantes do Llama 3)."""

    E: float = 0.25
    a: float = 0.9
    b: float = 0.12
    chance: float = 0.25  # múltipla escolha com 4 opções
    midpoint: float = 0.75
    width: float = 0.12

    def nll(self, C):
        return nll_law(C, self.E, self.a, self.b)

    def accuracy(self, C):
        return accuracy_from_nll(self.nll(C), self.chance, self.midpoint, self.width)


ILLUSTRATIVE_WORLD = World()


@dataclass(frozen=True)
class TwoStageFit:
    """Resultado de :func:`fit_two_stage`: as duas etapas ajustadas."""

    stage1: tuple  # (E, a, b)
    stage2: tuple  # (meio, largura)
    chance: float

    def nll(self, C):
        return nll_law(C, *self.stage1)

    def accuracy_of_nll(self, nll):
        return accuracy_from_nll(nll, self.chance, *self.stage2)

    def accuracy(self, C):
        return self.accuracy_of_nll(self.nll(C))


def synthetic_data(world: World = ILLUSTRATIVE_WORLD, seed: int = 0, n_runs: int = 12,
                   n_old: int = 10, n_questions: int = 1000):
    """Dados simulados: execuções pequenas (FLOPs, NLL) e modelos antigos (NLL, acurácia).

    As execuções cobrem a faixa da lei do Llama 3 (6 × 10¹⁸ a 10²² FLOPs), com ruído de 1% na
    NLL; os modelos antigos cobrem NLL de 0,45 a 1,3, com a acurácia medida em ``n_questions``.
    """
    s = _check.positive_int("seed", seed, minimum=0)
    m = _check.positive_int("n_runs", n_runs, minimum=4)
    k = _check.positive_int("n_old", n_old, minimum=4)
    q = _check.positive_int("n_questions", n_questions)
    rng = np.random.default_rng(s)
    C = np.geomspace(*LLAMA3_FIT_RANGE, m)
    nll = world.nll(C) * np.exp(rng.normal(0.0, 0.01, m))
    old_nll = np.linspace(0.45, 1.3, k)
    p = accuracy_from_nll(old_nll, world.chance, world.midpoint, world.width)
    old_acc = rng.binomial(q, p) / q
    return C, nll, old_nll, old_acc


def fit_two_stage(C, nll, old_nll, old_acc, chance: float) -> TwoStageFit:
    """Ajusta a etapa 1 às execuções (C, NLL) e a etapa 2 aos modelos antigos (NLL, acurácia)."""
    from scipy.optimize import curve_fit

    c = np.atleast_1d(_check.positive("C", C))
    y = np.atleast_1d(_check.positive("nll", nll))
    _check.same_shape(C=c, nll=y)
    x2 = np.atleast_1d(_check.nonnegative("old_nll", old_nll))
    y2 = np.atleast_1d(_check.probability("old_acc", old_acc))
    _check.same_shape(old_nll=x2, old_acc=y2)
    ch = _check.probability("chance", chance)
    p1, _ = curve_fit(lambda cc, E, a, b: nll_law(cc, E, a, b), c, y, p0=(0.1, 1.0, 0.1),
                      bounds=([0.0, 1e-6, 1e-6], [5.0, 50.0, 2.0]))
    p2, _ = curve_fit(lambda xx, mid, w: accuracy_from_nll(xx, ch, mid, w), x2, y2,
                      p0=(float(np.median(x2)), 0.1), bounds=([0.0, 1e-3], [5.0, 2.0]))
    return TwoStageFit(tuple(float(v) for v in p1), tuple(float(v) for v in p2), ch)
