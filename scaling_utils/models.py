"""Modelos reais: parâmetros N e tokens de treino D, cada um com a sua fonte.

Chaves de ``source`` = chaves de ``references.bib``. Para modelos de mistura de especialistas
(MoE), N conta os parâmetros **ativos** por token (os que entram em 6·N·D), e ``note`` diz isso.
Modelos sem número de tokens publicado (GPT-2, Mistral 7B) ficam de fora: não inventamos dados.
"""

from __future__ import annotations

from typing import NamedTuple


class Model(NamedTuple):
    name: str
    year: int
    N: float  # parâmetros (para MoE: ativos por token)
    D: float  # tokens de treinamento
    source: str  # chave em references.bib
    note: str = ""

    @property
    def tokens_per_param(self) -> float:
        """D/N: tokens vistos por parâmetro."""
        return self.D / self.N


MODELS = (
    Model("GPT-3", 2020, 175e9, 300e9, "brown2020", "Tabela D.1"),
    Model("Gopher", 2021, 280e9, 300e9, "rae2021"),
    Model("MT-NLG", 2022, 530e9, 270e9, "hoffmann2022", "Tabela 1 de Hoffmann et al."),
    Model("Chinchilla", 2022, 70e9, 1.4e12, "hoffmann2022"),
    Model("PaLM", 2022, 540e9, 780e9, "chowdhery2022"),
    Model("OPT", 2022, 175e9, 180e9, "zhang2022"),
    Model("BLOOM", 2022, 176e9, 366e9, "bigscience2022"),
    Model("LLaMA 7B", 2023, 7e9, 1.0e12, "touvron2023"),
    Model("LLaMA 13B", 2023, 13e9, 1.0e12, "touvron2023"),
    Model("LLaMA 33B", 2023, 33e9, 1.4e12, "touvron2023"),
    Model("LLaMA 65B", 2023, 65e9, 1.4e12, "touvron2023"),
    Model("Llama 2 7B", 2023, 7e9, 2.0e12, "touvron2023b"),
    Model("Llama 2 70B", 2023, 70e9, 2.0e12, "touvron2023b"),
    Model("Falcon 180B", 2023, 180e9, 3.5e12, "almazrouei2023"),
    Model("Llama 3 8B", 2024, 8e9, 15e12, "dubey2024"),
    Model("Llama 3 70B", 2024, 70e9, 15e12, "dubey2024"),
    Model("Llama 3.1 405B", 2024, 405e9, 15.6e12, "dubey2024", "3,8 × 10²⁵ FLOPs"),
    Model(
        "DeepSeek-V3", 2024, 37e9, 14.8e12, "deepseek2024",
        "MoE: 671 bilhões de parâmetros no total, 37 bilhões ativos por token",
    ),
)


def by_name(name: str) -> Model:
    """O modelo de nome ``name`` (ex.: ``by_name("Gopher")``)."""
    if not isinstance(name, str):
        raise TypeError(f"name deve ser um texto; recebido {name!r}.")
    for m in MODELS:
        if m.name == name:
            return m
    names = ", ".join(m.name for m in MODELS)
    raise ValueError(f"modelo desconhecido: name = {name!r}. Disponíveis: {names}.")
