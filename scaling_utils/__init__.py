"""scaling_utils — a biblioteca do livro *As Leis de Escala*.

Módulos: ``compute`` (FLOPs, PF-dias), ``powerlaw`` (leis de potência e ajustes log-log),
``kaplan`` (Kaplan et al. 2020), ``chinchilla`` (Hoffmann et al. 2022 e a replicação de 2024),
``emergence`` (métricas e a "miragem"), ``models`` (modelos reais), ``data`` (as execuções do
Chinchilla), ``fmt`` (números em pt-BR), ``plotting`` e ``widgets``; para 2023–2025,
``inference`` (Sardana et al. 2024), ``dados_restritos`` (Muennighoff et al. 2023),
``previsao`` (Llama 3 e a previsão em duas etapas) e ``amostragem`` (pass@k); ``lab`` (o
laboratório) e ``desafio`` (o desafio do orçamento e o seu modo turma); ``navegador`` (os dados
pelo ``fetch`` do navegador, no JupyterLite).

Os módulos são importados sob demanda (``from scaling_utils import chinchilla``), para que
``import scaling_utils`` seja rápido.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scaling-utils")
except PackageNotFoundError:  # pragma: no cover - pacote não instalado (uso direto da pasta)
    __version__ = "0.0.0"

_SUBMODULES = (
    "compute", "powerlaw", "kaplan", "chinchilla", "emergence", "models", "planets",
    "data", "fmt", "plotting", "widgets", "inference", "dados_restritos", "previsao",
    "amostragem", "figures", "desafio", "navegador", "explorers",
)

__all__ = ["__version__", *_SUBMODULES]


def __getattr__(name):
    if name in _SUBMODULES:
        return import_module(f"{__name__}.{name}")
    raise AttributeError(f"o módulo scaling_utils não tem o atributo {name!r}")
