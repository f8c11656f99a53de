"""Autoverificação dos exercícios "complete o código": diz se a conta está certa sem mostrá-la.

Cada item guarda só o SHA-256 da resposta arredondada a poucos algarismos significativos, e
uma dica em português. O caderno dos alunos, o site e este módulo não trazem a resposta: quem a
tem é a solução, no livro completo e no gabarito do professor. As respostas vêm das contas dos
próprios capítulos (as fontes estão na dica de cada item), e tests/test_autoverificacao.py
confere cada hash com a conta feita de novo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import _check


@dataclass(frozen=True)
class Item:
    sha256: str
    algarismos: int  # algarismos significativos comparados
    dica: str


def chave(valor: float, algarismos: int) -> str:
    """O hash de ``valor`` arredondado a ``algarismos`` significativos (formato ``.Ng``)."""
    return hashlib.sha256(f"{valor:.{algarismos}g}".encode()).hexdigest()


ITENS: dict[str, Item] = {
    "01-quadruplicar": Item(
        "8139b33952401b3ee0e2ca84651cb9a1d7f66d442bf908f9cf1f53ea746e5801", 3,
        "numa lei L ∝ N⁻ᵅ, multiplicar N por r multiplica L por r⁻ᵅ; aqui α = 0,076, o expoente "
        "de N (Kaplan et al., 2020, eq. 1.1)."),
    "02-flops": Item(
        "fa39244f3c8301af4a2ea0c8213a0b4615ffebbad5b3508f181c0936d8ba9dd4", 3,
        "o custo de treino é C ≈ 6·N·D (Kaplan et al., 2020, seção 2.1): 2 FLOPs por parâmetro "
        "e por token na passagem direta e 4 na retropropagação."),
    "03-compute-20-tokens": Item(
        "1c3b3d532b627e7e66d0afd807def44b412e02611ce7366a75f3aff3ccf8a277", 3,
        "primeiro D = 20·N tokens, depois C ≈ 6·N·D (Hoffmann et al., 2022, Tabela 3)."),
    "04-largura": Item(
        "312b95ee5a344d2f7a16ad817ff70788980da6e30b9bb04b651d53847abd476f", 3,
        "a largura de um intervalo de confiança cai com 1/√n: n vezes k divide a largura por √k."),
    "05-acerto-exato": Item(
        "bdedfa235553951d8e24972690bed55c81b7f1b541c65d73a16716c0108e6a6c", 3,
        "com acerto p por token, a resposta de k tokens sai inteira certa com probabilidade p^k "
        "(Schaeffer et al., 2023, seção 2)."),
    "06-pass-at-k": Item(
        "4aa931833115df575e4ca4acf5f50c0b22c381be652f0ac8acd7004341658d86", 3,
        "k tentativas independentes falham todas com probabilidade (1 − p)^k; pass@k é o "
        "complemento (Chen et al., 2021, seção 2.1)."),
    "07-perda": Item(
        "a976726b1d1bda3e1f271287f3aa7229ca3204ff8bf9cb2b581c610b9c811bef", 3,
        "some o piso E ao termo A/N^α (a lei do laboratório, Hoffmann et al., 2022, eq. 2, "
        "sem o termo dos dados)."),
    "08-custo": Item(
        "1c2441ad429f982257b541addb948ebea44ce1031fe6b320a026170de5dda51b", 3,
        "o custo de uma corrida é C ≈ 6·N·D FLOPs (Kaplan et al., 2020, seção 2.1)."),
}


def _valida(item: str) -> Item:
    if item not in ITENS:
        raise ValueError(f"item deve ser um destes: {', '.join(sorted(ITENS))}; "
                         f"recebido {item!r}.")
    return ITENS[item]


def confere(item: str, valor) -> bool:
    """``True`` se ``valor`` é a resposta do exercício ``item``; não imprime nada."""
    spec = _valida(item)
    if valor is Ellipsis:
        return False
    numero = float(_check.finite("valor", valor))
    return chave(numero, spec.algarismos) == spec.sha256


def conferir(item: str, valor) -> None:
    """Diz em português se ``valor`` é a resposta do exercício ``item``.

    Não devolve nada, para a célula não mostrar um ``True`` ou ``False`` em inglês no fim;
    quem precisa do resultado como valor usa :func:`confere`.
    """
    spec = _valida(item)
    if valor is Ellipsis:
        print("Complete o código: troque as reticências (...) pela sua conta "
              "e rode a célula de novo.")
    elif confere(item, valor):
        print("Certo! A conta confere.")
    else:
        print(f"Ainda não. Dica: {spec.dica}")
