"""Kernels do Jupyter com sockets IPC em vez de portas TCP (make execute, nbval e reexecuções).

Com TCP, o cliente escolhe portas livres e o kernel só as abre um segundo depois: dois kernels
iniciados ao mesmo tempo (o nbval principal e as reexecuções sob outros núcleos do OpenBLAS, ou
dois ``make execute``) podem ficar com a mesma porta, e o cliente espera para sempre respostas
que vão para o outro kernel. Aconteceu três vezes, sempre com outro kernel subindo junto.
Com IPC, cada kernel tem os seus arquivos de socket num diretório temporário só deste processo.

Uso: ``NotebookClient(..., kernel_manager_class=IpcKernelManager)``; no pytest, o plugin
``-p kernel_ipc`` faz o nbval usar este gerenciador (o nbval não tem opção para isso).
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile

from jupyter_client.manager import KernelManager

_COUNT = itertools.count()
_DIR: list[str] = []


def _socket_dir() -> str:
    if not _DIR:
        _DIR.append(tempfile.mkdtemp(prefix="kernels-"))
        atexit.register(shutil.rmtree, _DIR[0], True)
    return _DIR[0]


class IpcKernelManager(KernelManager):
    """Um ``KernelManager`` que fala com o kernel por sockets IPC, num caminho único."""

    def _transport_default(self) -> str:
        return "ipc"

    def _ip_default(self) -> str:
        return os.path.join(_socket_dir(), f"k{os.getpid()}-{next(_COUNT)}")


def pytest_configure(config) -> None:
    """Plugin do pytest: o nbval cria os seus kernels com ``IpcKernelManager``."""
    import nbval.kernel

    nbval.kernel.KernelManager = IpcKernelManager
