"""O mundo escondido do desafio: uma lei do Chinchilla sorteada a partir de uma semente.

Nada aqui guarda as constantes: elas são recalculadas da semente a cada chamada de
:func:`_constantes`. Isso só evita que apareçam ao inspecionar um objeto num caderno; quem ler
este arquivo consegue calculá-las. É um exercício, não um cofre.

Reprodutível bit a bit: cada sorteio usa ``numpy.random.default_rng`` com uma ``SeedSequence``
cuja entropia é o SHA-256 de um texto (semente, propósito, execução). Nada depende de ``hash()``
do Python (que muda a cada processo) nem da ordem das execuções.
"""

from __future__ import annotations

import hashlib
import math
import numbers
from dataclasses import dataclass

import numpy as np

from .. import _check
from ..chinchilla import LossParams

#: Versão do sorteio: muda se a receita do mundo mudar (as sementes antigas dariam outro mundo).
VERSAO = "desafio-v1"

# Faixas do sorteio, em volta dos ajustes publicados da lei L = E + A/N^α + B/D^β:
# Hoffmann et al. (2022), Ap. D.2: E = 1,6934, A = 406,40, B = 410,72, α = 0,33917, β = 0,28491;
# Besiroglu et al. (2024), Eq. 4: E = 1,8172, A = 482,01, B = 2085,43, α = 0,3478, β = 0,3658.
# A e B andam juntos com os expoentes (B = 410 com β = 0,28, B = 2085 com β = 0,37), então não
# se sorteiam A e B, e sim os termos num ponto de referência: A/N^α em N = 10⁸ (0,78 e 0,79 nos
# dois ajustes) e B/D^β em D = 10¹⁰ (0,58 e 0,46). Cada faixa cobre os dois ajustes com folga;
# um teste confere.
_FAIXAS = {
    "E": (1.65, 1.90),
    "alpha": (0.30, 0.38),
    "beta": (0.28, 0.38),
    "termo_N": (0.65, 0.95),  # A/N^α em N = N_REF
    "termo_D": (0.40, 0.65),  # B/D^β em D = D_REF
}
N_REF, D_REF = 1e8, 1e10

#: Tokens por parâmetro ótimos aceitos no sorteio: em volta dos ≈ 20 de Hoffmann et al. (2022,
#: Abordagens 1 e 2) e dos 18 a 26 da replicação de Besiroglu et al. (2024).
FAIXA_TOKENS = (8.0, 60.0)
#: Ruído de uma corrida para outra: desvio-padrão do log da perda, sorteado nesta faixa.
#: Da ordem dos resíduos do ajuste de Besiroglu et al. (2024) sobre as corridas do Chinchilla.
FAIXA_RUIDO = (0.002, 0.005)
#: Viés nas escalas pequenas: a perda ganha κ·(N_VIES/N) (κ sorteado nesta faixa). Modelos
#: pequenos ficam um pouco acima da lei (ex.: *embeddings* e hiperparâmetros afinados para
#: modelos maiores); em N = 10⁹ o viés já é menor que 10⁻³ nats.
FAIXA_VIES = (0.01, 0.03)
N_VIES = 1e7
#: O orçamento-alvo da previsão é de 10³ a 10⁴ vezes o orçamento de experimentos.
FAIXA_ALVO = (3.0, 4.0)

#: Tamanhos permitidos por corrida: N (parâmetros) e D (tokens).
N_MIN, N_MAX = 10**6, 10**10
D_MIN, D_MAX = 10**7, 10**12


def normalizar_semente(semente) -> str:
    """A semente como texto: aceita um inteiro ≥ 0 ou um texto não vazio (ex.: da turma)."""
    if isinstance(semente, bool) or semente is None:
        raise TypeError(f"semente deve ser um inteiro ou um texto; recebido {semente!r}.")
    if isinstance(semente, numbers.Integral):
        if semente < 0:
            raise ValueError(f"semente deve ser um inteiro maior ou igual a zero; "
                             f"recebido semente = {semente!r}.")
        return str(int(semente))
    if isinstance(semente, str):
        texto = semente.strip()
        if not texto:
            raise ValueError(f"semente não pode ser um texto vazio; recebido {semente!r}.")
        return texto
    raise TypeError(f"semente deve ser um inteiro ou um texto; recebido {semente!r}.")


def _rng(semente: str, *partes) -> np.random.Generator:
    """Gerador para (semente, propósito, ...): SHA-256 do texto → SeedSequence → PCG64."""
    texto = "|".join([VERSAO, semente, *map(str, partes)])
    entropia = int.from_bytes(hashlib.sha256(texto.encode("utf-8")).digest(), "big")
    return np.random.default_rng(np.random.SeedSequence(entropia))


@dataclass(frozen=True)
class _Constantes:
    lei: LossParams
    ruido: float  # desvio-padrão do log da perda
    vies: float  # κ do viés κ·(N_VIES/N)
    razao_alvo: float  # orçamento-alvo / orçamento de experimentos


def _tokens_por_parametro_ok(lei: LossParams) -> bool:
    from ..chinchilla import tokens_per_param

    return all(FAIXA_TOKENS[0] <= tokens_per_param(c, lei) <= FAIXA_TOKENS[1]
               for c in (1e17, 1e23))


def _constantes(semente: str) -> _Constantes:
    """As constantes do mundo da semente (texto normalizado). Sempre recalculadas.

    A lei é sorteada de novo (com o mesmo gerador) até dar um número de tokens por parâmetro
    realista, em FAIXA_TOKENS, tanto em 10¹⁷ quanto em 10²³ FLOPs.
    """
    rng = _rng(semente, "constantes")
    while True:
        E, alpha, beta, termo_n, termo_d = (float(rng.uniform(*_FAIXAS[k])) for k in _FAIXAS)
        A, B = termo_n * N_REF**alpha, termo_d * D_REF**beta
        if _tokens_por_parametro_ok(LossParams(E=E, A=A, B=B, alpha=alpha, beta=beta)):
            break
    ruido = float(rng.uniform(*FAIXA_RUIDO))
    vies = float(rng.uniform(*FAIXA_VIES))
    expoente = float(rng.uniform(*FAIXA_ALVO))
    razao = float(f"{10**expoente:.1e}")  # um número redondo: 2,7 × 10³, por exemplo
    return _Constantes(LossParams(E=E, A=A, B=B, alpha=alpha, beta=beta), ruido, vies, razao)


def vies(N, kappa: float):
    """O viés das escalas pequenas, κ·(N_VIES/N), em nats/token."""
    return kappa * N_VIES / _check.positive("N", N)


def _perda_verdadeira(semente: str, N, D):
    """A perda sem ruído do mundo: a lei mais o viés das escalas pequenas."""
    from ..chinchilla import loss

    k = _constantes(semente)
    return loss(N, D, k.lei) + vies(N, k.vies)


def _perda_observada(semente: str, N: int, D: int, repeticao: int) -> float:
    """Perda final de uma execução: a verdadeira vezes exp(σ·z), z normal da execução.

    ``repeticao`` conta quantas vezes o mesmo (N, D) já foi treinado: repetir uma execução dá
    outro ruído, como trocar a semente do treino; a mesma sequência de execuções dá as mesmas
    perdas, em qualquer ordem e em qualquer máquina.
    """
    k = _constantes(semente)
    z = float(_rng(semente, "corrida", N, D, repeticao).standard_normal())
    return float(_perda_verdadeira(semente, N, D)) * math.exp(k.ruido * z)
