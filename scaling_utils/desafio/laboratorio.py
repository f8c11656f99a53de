"""O laboratório do desafio: um orçamento de FLOPs, execuções que custam 6·N·D e um envio.

A contabilidade é feita em inteiros (FLOPs exatos): uma execução que custa exatamente o que
resta é aceita; um FLOP a mais, recusada.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _check, fmt
from . import mundo
from .nota import Avaliacao, Previsao, Verdade, avaliar, verdade_da_semente

#: Orçamento de experimentos padrão, em FLOPs: 10¹⁹, o compute de um modelo de 400 milhões de
#: parâmetros treinado com ≈ 4 bilhões de tokens (6·N·D).
ORCAMENTO_PADRAO = 10**19


class OrcamentoEsgotado(ValueError):
    """A execução custaria mais FLOPs do que restam no orçamento."""


class EnvioRepetido(RuntimeError):
    """O laboratório já recebeu a sua previsão (uma só por semente)."""


@dataclass(frozen=True)
class Corrida:
    """Uma execução registrada: ordem, N, D, custo (FLOPs = 6·N·D) e a perda final."""

    ordem: int
    N: int
    D: int
    custo: int
    perda: float


def custo(N, D) -> int:
    """Custo total (FLOPs, inteiro exato) de um plano de execuções: Σ 6·N·D, com N e D
    arredondados para inteiros como em ``Laboratorio.treinar``."""
    ns = np.atleast_1d(_check.positive("N", N))
    ds = np.atleast_1d(_check.positive("D", D))
    _check.same_shape(N=ns, D=ds)
    return sum(6 * int(n) * int(d) for n, d in zip(np.rint(ns), np.rint(ds), strict=True))


def _inteiro(nome: str, valor, lo: int, hi: int) -> int:
    v = _check.positive(nome, valor)
    if not isinstance(v, float):
        raise TypeError(f"{nome} deve ser um único número; recebido {nome} = {valor!r}.")
    n = int(np.rint(v))
    if not lo <= n <= hi:
        raise ValueError(f"{nome} deve estar entre {fmt.sci(float(lo), 0)} e "
                         f"{fmt.sci(float(hi), 0)}; "
                         f"recebido {nome} = {valor!r}.")
    return n


class Laboratorio:
    """Um laboratório com um mundo escondido (da ``semente``) e um orçamento de FLOPs.

    - ``treinar(N, D)`` devolve a perda final de uma execução e desconta 6·N·D do orçamento;
    - ``enviar(N_opt, D_opt, perda)`` registra a previsão para ``orcamento_alvo`` e devolve a
      nota, com o gabarito; ``verdade()`` só responde depois do envio ou com
      ``modo_professor=True``.

    As constantes do mundo não ficam guardadas no objeto: são recalculadas da semente quando
    preciso. É um exercício, não segurança: quem ler o código-fonte consegue calculá-las.
    """

    def __init__(self, semente, orcamento=ORCAMENTO_PADRAO, *, modo_professor: bool = False):
        self._semente = mundo.normalizar_semente(semente)
        total = _check.positive("orcamento", orcamento)
        if not isinstance(total, float):
            raise TypeError(f"orcamento deve ser um único número; recebido {orcamento!r}.")
        self._orcamento = int(np.rint(total))
        if self._orcamento < 6 * mundo.N_MIN * mundo.D_MIN:
            raise ValueError(f"orcamento deve pagar ao menos a menor execução "
                             f"({fmt.sci(6.0 * mundo.N_MIN * mundo.D_MIN, 0)} FLOPs); "
                             f"recebido orcamento = {orcamento!r}.")
        if not isinstance(modo_professor, bool):
            raise TypeError(f"modo_professor deve ser True ou False; recebido {modo_professor!r}.")
        self._professor = modo_professor
        self._corridas: list[Corrida] = []
        self._recusas: list[str] = []
        self._repeticoes: dict[tuple[int, int], int] = {}
        self._envio: Avaliacao | None = None

    # --- estado público ---------------------------------------------------------------
    @property
    def semente(self) -> str:
        return self._semente

    @property
    def orcamento(self) -> int:
        """Orçamento total de experimentos, em FLOPs."""
        return self._orcamento

    @property
    def gasto(self) -> int:
        return sum(c.custo for c in self._corridas)

    @property
    def restante(self) -> int:
        return self._orcamento - self.gasto

    @property
    def orcamento_alvo(self) -> float:
        """O orçamento (FLOPs) para o qual se prevê N_opt, D_opt e a perda."""
        return float(f"{self._orcamento * mundo._constantes(self._semente).razao_alvo:.2e}")

    @property
    def corridas(self) -> tuple[Corrida, ...]:
        return tuple(self._corridas)

    @property
    def recusas(self) -> tuple[str, ...]:
        """As mensagens das execuções recusadas, em ordem (também ficam no registro)."""
        return tuple(self._recusas)

    def dados(self):
        """(N, D, perda) de todas as execuções, como arrays de float, prontos para ajustar."""
        if not self._corridas:
            raise ValueError("nenhuma execução ainda: chame treinar(N, D) antes.")
        return tuple(np.array([getattr(c, k) for c in self._corridas], dtype=float)
                     for k in ("N", "D", "perda"))

    def __repr__(self) -> str:
        execucoes = fmt.count(len(self._corridas), "execução", "execuções")
        return (f"Laboratório (semente “{self._semente}”; orçamento "
                f"{fmt.sci(float(self.orcamento), 2)} FLOPs; gasto "
                f"{fmt.pct(self.gasto / self.orcamento, 1)}; {execucoes}; "
                f"alvo {fmt.sci(self.orcamento_alvo, 1)} FLOPs)")

    # --- corridas -------------------------------------------------------------------------
    def _recusar(self, erro: Exception):
        self._recusas.append(str(erro))
        raise erro

    def treinar(self, N, D) -> float:
        """Treina um modelo de N parâmetros com D tokens e devolve a perda final (nats/token).

        N e D são arredondados para inteiros; o custo, 6·N·D FLOPs, sai do orçamento.
        """
        try:
            n = _inteiro("N", N, mundo.N_MIN, mundo.N_MAX)
            d = _inteiro("D", D, mundo.D_MIN, mundo.D_MAX)
        except (TypeError, ValueError) as erro:
            self._recusar(erro)
        custo = 6 * n * d
        if custo > self.restante:
            self._recusar(OrcamentoEsgotado(
                f"A execução com N = {fmt.plain(n)} e D = {fmt.plain(d)} custa "
                f"6·N·D = {fmt.sci(float(custo), 3)} FLOPs, "
                f"mas restam {fmt.sci(float(self.restante), 3) if self.restante else '0'} FLOPs "
                f"do orçamento de {fmt.sci(float(self.orcamento), 2)}."))
        rep = self._repeticoes.get((n, d), 0)
        self._repeticoes[(n, d)] = rep + 1
        perda = mundo._perda_observada(self._semente, n, d, rep)
        self._corridas.append(Corrida(len(self._corridas) + 1, n, d, custo, perda))
        return perda

    def treinar_varios(self, N, D) -> np.ndarray:
        """Várias execuções (pares N[k], D[k]); recusa o lote inteiro se ele não couber no
        orçamento ou se algum tamanho estiver fora do permitido."""
        total = custo(N, D)
        ns, ds = np.atleast_1d(_check.positive("N", N)), np.atleast_1d(_check.positive("D", D))
        try:  # tamanhos conferidos antes de treinar qualquer corrida do lote
            for n, d in zip(ns, ds, strict=True):
                _inteiro("N", float(n), mundo.N_MIN, mundo.N_MAX)
                _inteiro("D", float(d), mundo.D_MIN, mundo.D_MAX)
        except ValueError as erro:
            self._recusar(ValueError(f"{erro} Nada do lote foi treinado."))
        if total > self.restante:
            self._recusar(OrcamentoEsgotado(
                f"o lote de {ns.size} execuções custa {fmt.sci(float(total), 3)} FLOPs, mas restam "
                f"{fmt.sci(float(self.restante), 3) if self.restante else '0'} FLOPs; nada foi "
                f"treinado; recebido N com {ns.size} valores."))
        return np.array([self.treinar(n, d) for n, d in zip(ns, ds, strict=True)])

    def registro(self, ultimas: int | None = None) -> fmt.Table:
        """As execuções (ou as ``ultimas``), como tabela para leitores."""
        k = None if ultimas is None else _check.positive_int("ultimas", ultimas)
        linhas = self._corridas if k is None else self._corridas[-k:]
        if not linhas:
            raise ValueError("nenhuma execução ainda: chame treinar(N, D) antes.")
        return fmt.Table(["nº", "N", "D", "custo (FLOPs)", "perda"],
                         [[str(c.ordem), fmt.sci(float(c.N), 2), fmt.sci(float(c.D), 2),
                           fmt.sci(float(c.custo), 2),
                           fmt.num(c.perda, 4)] for c in linhas])

    # --- envio e verdade -----------------------------------------------------------------
    def enviar(self, N_opt, D_opt, perda) -> Avaliacao:
        """Registra a previsão para ``orcamento_alvo`` (uma só vez) e devolve a avaliação."""
        if self._envio is not None:
            raise EnvioRepetido("este laboratório já recebeu uma previsão; recebido um "
                                f"segundo envio (N_opt = {N_opt!r}). Crie outro para treinar.")
        previsao = Previsao(N_opt, D_opt, perda, self.orcamento_alvo)
        self._envio = avaliar(previsao, self._verdade())
        return self._envio

    def salvar_envio(self, caminho, aluno: str, N_opt, D_opt, perda) -> None:
        """Modo turma: grava a previsão e as execuções em JSON, para o professor corrigir.

        Não mostra a nota nem o gabarito, e não conta como envio: o professor corrige todos
        juntos (``python -m scaling_utils.desafio corrigir``).
        """
        import json

        from .turma import envio

        dados = envio(self, aluno, N_opt, D_opt, perda)
        with open(caminho, "w", encoding="utf-8") as fh:
            json.dump(dados, fh, ensure_ascii=False, indent=1)

    @property
    def enviado(self) -> bool:
        return self._envio is not None

    @property
    def avaliacao(self) -> Avaliacao | None:
        """A avaliação do envio (None antes de enviar)."""
        return self._envio

    def _verdade(self) -> Verdade:
        return verdade_da_semente(self._semente, self.orcamento_alvo)

    def verdade(self) -> Verdade:
        """Os valores verdadeiros do mundo (o gabarito): só depois de ``enviar`` ou com
        ``modo_professor=True``."""
        if not (self._professor or self._envio is not None):
            raise PermissionError("o gabarito só aparece depois do envio (lab.enviar) ou no "
                                  "modo do professor (modo_professor=True); recebido um "
                                  "pedido antes do envio.")
        return self._verdade()
