"""Versão da turma: com ``LIVRO_TURMA=1`` no ambiente, o site sai sem nenhuma solução.

Não usamos o ``hide_solutions`` do sphinx-exercise: com soluções "gated" (``solution-start`` …
``solution-end``, que envolvem células de código), ele some com o início mas deixa o fim e todo
o conteúdo no meio. Aqui, depois que o sphinx-exercise junta as soluções gated num nó só
(transformação de prioridade 10), removemos todos os nós de solução, com o que estiver dentro.
"""

from __future__ import annotations

import os

from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_node


def turma() -> bool:
    return os.environ.get("LIVRO_TURMA") == "1"


class RemoveSolutions(SphinxTransform):
    default_priority = 50  # depois de MergeGatedSolutions (10)

    def apply(self):
        if not turma():
            return
        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


def setup(app):
    app.add_transform(RemoveSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
