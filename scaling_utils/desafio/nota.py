"""A previsão, o gabarito (os valores verdadeiros) e a nota do desafio.

A nota compara a previsão com os valores verdadeiros por razões em escala log:

- no tamanho, o fator de erro f = exp(média de |ln(N/N*)| e |ln(D/D*)|) (1 = exato, 2 = o dobro
  ou a metade);
- na perda, o erro relativo e = |ln(L/L*)| (0,02 ≈ 2%).

Nota = 100 / f / 2^(e / 0,02): errar o tamanho por um fator 2 divide a nota por 2; errar a perda
em 2% também. A perda pesa tanto porque é o que se promete a quem paga o treino grande, e
porque no alvo ela fica perto do piso E: 2% da perda são uma fração grande do que ainda falta
cair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .. import _check, fmt
from ..chinchilla import LossParams, compute_optimal
from . import mundo

#: Erro relativo na perda que divide a nota por 2.
PERDA_METADE = 0.02
#: Tolerância para 6·N·D diferir do orçamento-alvo antes de um aviso.
TOLERANCIA_ORCAMENTO = 0.10


@dataclass(frozen=True)
class Previsao:
    """N_opt (parâmetros), D_opt (tokens) e a perda (nats/token) previstos no orçamento-alvo."""

    N_opt: float
    D_opt: float
    perda: float
    orcamento_alvo: float

    def __post_init__(self):
        for nome in ("N_opt", "D_opt", "perda", "orcamento_alvo"):
            valor = _check.positive(nome, getattr(self, nome))
            if not isinstance(valor, float):
                raise TypeError(f"{nome} deve ser um único número; recebido "
                                f"{nome} = {getattr(self, nome)!r}.")
            object.__setattr__(self, nome, valor)


@dataclass(frozen=True)
class Verdade:
    """Os valores verdadeiros do mundo (o gabarito): a lei, o ruído, o viés e o ótimo no
    orçamento-alvo."""

    lei: LossParams
    ruido: float
    vies: float
    orcamento_alvo: float
    N_opt: float
    D_opt: float
    perda: float

    def tabela(self, caption: str = "A lei verdadeira do mundo") -> fmt.Table:
        p = self.lei
        return fmt.Table(
            ["E", "A", "B", "α", "β", "ruído (desvio-padrão do log)", "viés em N = 10⁷"],
            [[fmt.num(p.E, 3), fmt.num(p.A, 1), fmt.num(p.B, 1), fmt.num(p.alpha, 3),
              fmt.num(p.beta, 3), fmt.num(self.ruido, 4), fmt.num(self.vies, 3)]],
            caption=caption)

    def perda_verdadeira(self, N, D):
        """A perda sem ruído do mundo em (N, D): a lei mais o viés das escalas pequenas."""
        from ..chinchilla import loss

        return loss(N, D, self.lei) + mundo.vies(N, self.vies)

    def minimo_isoflop(self, C) -> float:
        """O N que minimiza a perda verdadeira (lei + viés) na fatia 6·N·D = C (numérico)."""
        from scipy.optimize import minimize_scalar

        c = _check.positive("C", C)
        if not isinstance(c, float):
            raise TypeError(f"C deve ser um único número; recebido C = {C!r}.")
        centro = math.log(float(compute_optimal(c, self.lei)[0]))

        def perda(log_n):
            n = math.exp(log_n)
            return float(self.perda_verdadeira(n, c / (6 * n)))

        res = minimize_scalar(perda, bounds=(centro - 3, centro + 3), method="bounded",
                              options={"xatol": 1e-9})
        return float(math.exp(res.x))

    def __repr__(self) -> str:
        return f"{self.tabela()!r}\n{self._resumo()}"

    def _repr_html_(self) -> str:
        """No caderno e no site, a tabela em HTML (como as demais), não a régua de texto."""
        # O resumo vai na legenda da tabela: um <p> solto na saída ficaria com a cor de texto
        # que o tema dá às saídas HTML, escura demais no modo escuro.
        return self.tabela(f"A lei verdadeira do mundo. {self._resumo()}")._repr_html_()

    def _resumo(self) -> str:
        return (f"No orçamento-alvo de {fmt.sci(self.orcamento_alvo, 2)} FLOPs: "
                f"Nₒₚₜ = {fmt.sci(self.N_opt, 2)}, Dₒₚₜ = {fmt.sci(self.D_opt, 2)}, "
                f"perda = {fmt.unit(fmt.num(self.perda, 3), 'nat/token', 'nats/token')}")


def verdade_da_semente(semente: str, orcamento_alvo: float) -> Verdade:
    """O ótimo verdadeiro: forma fechada da lei (Hoffmann et al. 2022, Eq. 4); a perda inclui o
    viés, que no alvo é desprezível (menos de 10⁻⁴ nats)."""
    k = mundo._constantes(semente)
    n, d = compute_optimal(orcamento_alvo, k.lei)
    perda = float(mundo._perda_verdadeira(semente, float(n), float(d)))
    return Verdade(k.lei, k.ruido, k.vies, orcamento_alvo, float(n), float(d), perda)


def _fator(previsto: float, verdadeiro: float) -> str:
    r = previsto / verdadeiro
    lado = "acima" if r >= 1 else "abaixo"
    return f"fator {fmt.num(max(r, 1 / r), 2)} {lado}"


@dataclass(frozen=True)
class Avaliacao:
    """A nota de uma previsão, com os erros e a explicação."""

    previsao: Previsao
    verdade: Verdade
    fator_tamanho: float  # f ≥ 1
    erro_perda: float  # |ln(L/L*)|
    nota: float  # 0 a 100

    def explicacao(self) -> str:
        p, v = self.previsao, self.verdade
        sinal = "acima" if p.perda >= v.perda else "abaixo"
        linhas = [
            f"Nota: {fmt.num(self.nota, 0)} de 100.",
            f"Nₒₚₜ: previsto {fmt.sci(p.N_opt, 2)}, verdadeiro {fmt.sci(v.N_opt, 2)} "
            f"({_fator(p.N_opt, v.N_opt)}).",
            f"Dₒₚₜ: previsto {fmt.sci(p.D_opt, 2)}, verdadeiro {fmt.sci(v.D_opt, 2)} "
            f"({_fator(p.D_opt, v.D_opt)}).",
            f"Perda: prevista {fmt.num(p.perda, 3)}, verdadeira {fmt.num(v.perda, 3)} "
            f"({fmt.pct(self.erro_perda, 2)} {sinal}).",
            f"A nota parte de 100, é dividida pelo fator de erro no tamanho "
            f"({fmt.num(self.fator_tamanho, 2)}) e por 2 a cada "
            f"{fmt.pct(PERDA_METADE, 0)} de erro na perda.",
        ]
        gasto = 6 * p.N_opt * p.D_opt / p.orcamento_alvo
        if abs(gasto - 1) > TOLERANCIA_ORCAMENTO:
            linhas.append(f"Atenção: 6·Nₒₚₜ·Dₒₚₜ = {fmt.sci(6 * p.N_opt * p.D_opt, 2)} FLOPs, "
                          f"não o orçamento-alvo de {fmt.sci(p.orcamento_alvo, 2)}.")
        return "\n".join(linhas)

    def __repr__(self) -> str:
        return self.explicacao()


def avaliar(previsao: Previsao, verdade: Verdade) -> Avaliacao:
    """Compara a previsão com os valores verdadeiros (razões em escala log) e dá a nota de
    0 a 100."""
    if not isinstance(previsao, Previsao):
        raise TypeError(f"previsao deve ser uma Previsao; recebido {previsao!r}.")
    if not isinstance(verdade, Verdade):
        raise TypeError("verdade deve ser uma Verdade; recebido um objeto de outro tipo.")
    if not math.isclose(previsao.orcamento_alvo, verdade.orcamento_alvo, rel_tol=1e-9):
        raise ValueError(f"a previsão é para outro orçamento; recebido orcamento_alvo = "
                         f"{previsao.orcamento_alvo!r}, esperado {verdade.orcamento_alvo!r}.")
    log_n = abs(math.log(previsao.N_opt / verdade.N_opt))
    log_d = abs(math.log(previsao.D_opt / verdade.D_opt))
    fator = math.exp((log_n + log_d) / 2)
    erro = abs(math.log(previsao.perda / verdade.perda))
    nota = 100.0 / fator / 2.0 ** (erro / PERDA_METADE)
    return Avaliacao(previsao, verdade, fator, erro, nota)
