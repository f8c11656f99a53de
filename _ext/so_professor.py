"""A avaliação somativa do guia do professor (a prova e a chave de cada aula) só existe no
gabarito em PDF.

O site completo é público (qualquer aluno o encontra), e o guia traz a prova com o gabarito.
No site (construtor ``html``), a seção "Avaliação somativa" do guia vira um aviso, na página,
no índice de busca e no ``_sources`` do botão de baixar. O gabarito (construtor ``singlehtml``,
``make pdf``) a traz inteira; a versão da turma não tem o guia (``_ext/turma.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from turma import turma

GUIDE = "book/guia-do-professor"
HEADING = "## Avaliação somativa"
NOTICE = ("{heading}\n\nA chave de respostas de cada aula, a prova e o seu gabarito ficam só "
          "no PDF do professor (`make pdf` → `_build/gabarito.pdf`), fora do site público.\n")


def without_assessment(text: str) -> str:
    """O guia com o corpo da seção da avaliação somativa trocado pelo aviso."""
    match = re.search(rf"^{re.escape(HEADING)}[^\n]*\n", text, flags=re.M)
    if match is None:
        raise ValueError(f"o guia do professor não tem a seção {HEADING!r}")
    following = re.search(r"^## ", text[match.end():], flags=re.M)
    end = match.end() + following.start() if following else len(text)
    notice = NOTICE.format(heading=match.group(0).strip())
    return text[:match.start()] + notice + ("\n" if following else "") + text[end:]


def _public_site(app) -> bool:
    """O site completo (a turma já não tem o guia; o gabarito usa o singlehtml)."""
    return app.builder.name == "html" and not turma()


def hide_in_source(app, docname, source):
    if docname == GUIDE and _public_site(app):
        source[0] = without_assessment(source[0])


def hide_in_download(app, exception):
    if exception is not None or not _public_site(app):
        return
    copy = Path(app.outdir) / "_sources" / f"{GUIDE}.md"
    if copy.is_file():
        copy.write_text(without_assessment(copy.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app):
    # Depois do _ext/turma.py, que na versão da turma troca o guia inteiro por um aviso.
    app.connect("source-read", hide_in_source, priority=600)
    app.connect("build-finished", hide_in_download)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
