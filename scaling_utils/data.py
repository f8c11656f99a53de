"""As execuções de treino do Chinchilla, digitalizadas por Besiroglu et al. (2024).

Os 245 pontos da Figura 4 (esquerda) de Hoffmann et al. (2022), lidos do SVG pela Epoch AI.
O arquivo **não é redistribuído** com o livro (não tem licença): é lido de um caminho explícito,
da pasta em ``SCALING_UTILS_DATA_DIR``, do cache do usuário ou, na falta deles, baixado do
repositório público da Epoch AI. O SHA-256 é sempre conferido.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FILENAME = "svg_extracted_data.csv"
URL = (
    "https://raw.githubusercontent.com/epoch-research/analyzing-chinchilla/main/data/" + FILENAME
)
SHA256 = "193478df4e90f040016431996c45682659306840ecdadf83cfb9cd5ca0aa1b30"
ENV_VAR = "SCALING_UTILS_DATA_DIR"
#: O ajuste principal de Besiroglu et al. (2024) descarta as 5 execuções de maior perda
#: (todas perto de 10¹⁹ FLOPs, com D/N < 0,41). Seleção por posição, não por limiar.
N_OUTLIERS = 5


class DataUnavailableError(RuntimeError):
    """Os dados não estão no disco e não puderam ser baixados."""


@dataclass(frozen=True)
class ChinchillaRuns:
    """Execuções: N (parâmetros, todos), D = C/(6N) (tokens), C (FLOPs), loss (nats/token)."""

    N: np.ndarray
    D: np.ndarray
    C: np.ndarray
    loss: np.ndarray
    source: Path

    def __len__(self) -> int:
        return int(self.N.size)


def cache_dir() -> Path:
    """Pasta de cache do usuário: $XDG_CACHE_HOME/scaling_utils (ou ~/.cache/scaling_utils)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "scaling_utils"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verified(path: Path) -> Path:
    digest = _sha256(path)
    if digest != SHA256:
        raise ValueError(
            f"o arquivo {path} não é a cópia esperada dos dados: SHA-256 {digest}, "
            f"esperado {SHA256}. Apague-o ou aponte para a cópia correta."
        )
    return path


def _download(dest: Path, timeout: float = 30.0) -> Path:
    try:
        with urllib.request.urlopen(URL, timeout=timeout) as response:
            payload = response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise DataUnavailableError(
            "Não encontrei os dados das execuções do Chinchilla e não consegui baixá-los "
            f"({exc}).\nComo resolver (uma das opções):\n"
            f"  1. conecte-se à internet e rode de novo (o arquivo vem de {URL});\n"
            f"  2. baixe o arquivo e defina a variável de ambiente {ENV_VAR} com a pasta "
            f"que contém {FILENAME};\n"
            f"  3. passe o caminho: load_chinchilla_runs(path='.../{FILENAME}')."
        ) from exc
    digest = hashlib.sha256(payload).hexdigest()
    if digest != SHA256:
        raise ValueError(
            f"o download de {URL} não confere: SHA-256 {digest}, esperado {SHA256}. "
            "O arquivo público pode ter mudado; não vou usá-lo."
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=dest.parent, delete=False) as tmp:
        tmp.write(payload)
    Path(tmp.name).replace(dest)
    return dest


def locate(path=None) -> Path:
    """Caminho verificado do CSV: ``path`` → ``$SCALING_UTILS_DATA_DIR`` → cache → download."""
    if path is not None:
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"path deve ser um caminho (texto ou Path); recebido {path!r}.")
        p = Path(path)
        if p.is_dir():
            p = p / FILENAME
        if not p.is_file():
            raise FileNotFoundError(f"path não aponta para um arquivo existente: {str(p)!r}.")
        return _verified(p)
    env = os.environ.get(ENV_VAR)
    if env:
        p = Path(env) / FILENAME
        if not p.is_file():
            raise FileNotFoundError(
                f"{ENV_VAR} = {env!r}, mas {FILENAME} não está nessa pasta."
            )
        return _verified(p)
    cached = cache_dir() / FILENAME
    if cached.is_file():
        return _verified(cached)
    return _download(cached)


def load_chinchilla_runs(path=None, drop_outliers: bool = True) -> ChinchillaRuns:
    """Carrega as execuções (N, D, C, perda).

    Com ``drop_outliers``, descarta as 5 de maior perda.
    """
    if not isinstance(drop_outliers, (bool, np.bool_)):
        raise TypeError(f"drop_outliers deve ser True ou False; recebido {drop_outliers!r}.")
    source = locate(path)
    with source.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    N = np.array([float(r["Model Size"]) for r in rows])
    C = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    if drop_outliers:
        keep = np.sort(np.argsort(loss, kind="stable")[: loss.size - N_OUTLIERS])
        N, C, loss = N[keep], C[keep], loss[keep]
    return ChinchillaRuns(N=N, D=C / (6.0 * N), C=C, loss=loss, source=source)


def load_or_explain(path=None, drop_outliers: bool = True) -> ChinchillaRuns | None:
    """Como :func:`load_chinchilla_runs`, mas sem dados imprime o que fazer e devolve None.

    Para os cadernos: as células que dependem das execuções testam ``if runs is not None``,
    e o resto do capítulo continua rodando.
    """
    try:
        return load_chinchilla_runs(path, drop_outliers)
    except (DataUnavailableError, FileNotFoundError, ValueError) as exc:
        print("Sem os dados das execuções do Chinchilla: as células que dependem deles vão "
              "pular os cálculos.")
        print(exc)
        return None
