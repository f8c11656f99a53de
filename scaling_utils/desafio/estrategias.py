"""Estratégias do desafio: como gastar o orçamento e como prever a partir das execuções.

Os ajustes são os da biblioteca (``chinchilla.fit_isoflop`` para a Abordagem 2, a do capítulo
4, ``chinchilla.fit_parametric`` para a Abordagem 3, a dos capítulos 3 e 4); aqui só se
escolhem as execuções e se extrapola até o orçamento-alvo.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .. import _check
from .. import chinchilla as ch
from ..powerlaw import fit_loglog
from . import mundo
from .nota import Previsao

#: Palpite inicial para o centro de cada fatia IsoFLOP: a regra de ~20 tokens por parâmetro
#: (Hoffmann et al. 2022, Tabela 3), N ≈ √(C/120). O aluno não conhece o mundo; só os artigos.
TOKENS_POR_PARAMETRO_PALPITE = 20.0


def plano_isoflop(orcamentos, pontos: int = 6, decadas: float = 0.8):
    """Execuções em fatias IsoFLOP: para cada C, ``pontos`` tamanhos N espaçados em log, de
    ``decadas`` abaixo a ``decadas`` acima de √(C/120), e D = C/(6N). Devolve (N, D)."""
    cs = np.atleast_1d(_check.positive("orcamentos", orcamentos))
    k = _check.positive_int("pontos", pontos, minimum=3)
    w = _check.positive("decadas", decadas)
    centro = np.sqrt(cs / (6.0 * TOKENS_POR_PARAMETRO_PALPITE))
    N = np.concatenate([c0 * np.logspace(-w, w, k) for c0 in centro])
    N = np.round(np.clip(N, mundo.N_MIN, mundo.N_MAX))
    D = np.round(np.repeat(cs, k) / (6.0 * N))
    return N, D


def plano_cuidadoso(orcamento=10**19):
    """Cinco fatias IsoFLOP de seis execuções, cada fatia com o triplo do compute da anterior, a
    maior tão grande quanto o orçamento permite (gasta ≈ 95%): quase duas décadas de compute,
    execuções em volta da fronteira e a maior parte do orçamento nas escalas maiores."""
    total = _check.positive("orcamento", orcamento)
    escala = 3.0 ** np.arange(-4, 1)  # 1/81, 1/27, …, 1 da maior fatia
    pontos = 6
    maior = 0.95 * total / (pontos * escala.sum())
    return plano_isoflop(maior * escala, pontos=pontos, decadas=0.8)


def plano_ingenuo(orcamento=10**19):
    """Uma grade 6 × 6 de modelos pequenos (N de 10⁶ a 3·10⁷, D de 10⁷ a 10⁹): muitas execuções
    baratas, longe do alvo e onde o viés das escalas pequenas pesa."""
    _check.positive("orcamento", orcamento)
    n, d = np.meshgrid(np.geomspace(1e6, 3e7, 6), np.geomspace(1e7, 1e9, 6), indexing="ij")
    return np.round(n.ravel()), np.round(d.ravel())


#: Inícios refinados pelo L-BFGS na Abordagem 3 (ver ``prever_abordagem3``).
N_REFINE = 4


@dataclass(frozen=True)
class Ajuste3:
    """Abordagem 3 sobre as execuções (com N ≥ ``N_minimo``) e a previsão no alvo."""

    ajuste: ch.ParametricFit
    previsao: Previsao
    N_minimo: float


def prever_abordagem3(N, D, L, orcamento_alvo, N_minimo: float = 0.0) -> Ajuste3:
    """Ajusta L = E + A/N^α + B/D^β às execuções com N ≥ ``N_minimo`` (Abordagem 3) e usa a
    forma fechada no orçamento-alvo.

    O L-BFGS parte dos 4 melhores pontos da grade de inícios (``n_refine=4``): nestas execuções,
    os 16 do padrão chegam ao mesmo ótimo (um teste confere), em um quarto do tempo.
    """
    n, d, lv = (np.atleast_1d(_check.positive(k, v)) for k, v in (("N", N), ("D", D), ("L", L)))
    c = _check.positive("orcamento_alvo", orcamento_alvo)
    piso = _check.nonnegative("N_minimo", N_minimo)
    _check.same_shape(N=n, D=d, L=lv)
    sel = n >= piso
    if sel.sum() < 5:
        raise ValueError(f"sobram {int(sel.sum())} execuções com N ≥ N_minimo (são precisas 5); "
                         f"recebido N_minimo = {N_minimo!r}.")
    n, d, lv = n[sel], d[sel], lv[sel]
    chave = (n.tobytes(), d.tobytes(), lv.tobytes(), c)
    if chave not in _AJUSTES:
        if len(_AJUSTES) >= 64:
            _AJUSTES.clear()
        fit = ch.fit_parametric(n, d, lv, n_refine=N_REFINE)
        n_opt, d_opt = ch.compute_optimal(c, fit.params)
        perda = ch.optimal_loss(c, fit.params)
        _AJUSTES[chave] = Ajuste3(fit, Previsao(float(n_opt), float(d_opt), float(perda), c),
                                  piso)
    return replace(_AJUSTES[chave], N_minimo=piso)


#: Ajustes já feitos (as mesmas corridas dão o mesmo ajuste): a figura e o explorador do
#: capítulo refazem o ajuste do texto sem pagar de novo os segundos do L-BFGS.
_AJUSTES: dict = {}


@dataclass(frozen=True)
class Ajuste2:
    """Abordagem 2: as parábolas, a reta N_opt ∝ C^a e N_opt, D_opt extrapolados até o alvo."""

    isoflop: ch.IsoflopFit
    reta: object  # powerlaw.PowerLawFit de N_opt contra C
    orcamento_alvo: float
    N_opt: float
    D_opt: float

    def previsao(self, lei_da_perda: ch.LossParams) -> Previsao:
        """A Abordagem 2 não dá a perda: ela vem de ``lei_da_perda`` (em geral a da
        Abordagem 3) no N_opt e D_opt previstos."""
        perda = float(ch.loss(self.N_opt, self.D_opt, lei_da_perda))
        return Previsao(self.N_opt, self.D_opt, perda, self.orcamento_alvo)


def prever_abordagem2(N, D, L, orcamento_alvo, bin_width: float = 0.1) -> Ajuste2:
    """Parábolas IsoFLOP (``chinchilla.fit_isoflop``), N_opt ∝ C^a extrapolado até o alvo e
    D_opt = C/(6·N_opt)."""
    iso = ch.fit_isoflop(N, D, L, bin_width=bin_width, min_runs=5)
    c = _check.positive("orcamento_alvo", orcamento_alvo)
    reta = fit_loglog(iso.budgets, iso.N_opt)
    n_opt = float(reta.predict(c))
    return Ajuste2(iso, reta, c, n_opt, c / (6.0 * n_opt))


def razoes_vertice(iso: ch.IsoflopFit, verdade):
    """Para cada fatia, o vértice da parábola dividido pelo N que minimiza a perda verdadeira
    da fatia (``Verdade.minimo_isoflop``): 1 = sem viés."""
    if not isinstance(iso, ch.IsoflopFit):
        raise TypeError(f"iso deve ser um IsoflopFit; recebido {iso!r}.")
    return np.array([n / verdade.minimo_isoflop(float(c))
                     for c, n in zip(iso.budgets, iso.N_opt, strict=True)])
