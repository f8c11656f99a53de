"""Versão da turma: com ``LIVRO_TURMA=1`` no ambiente, o site sai sem nenhuma resposta.

Cada capítulo é lido já como o caderno dos alunos (scripts/alunos.py: sem soluções e sem as
respostas do teste rápido), então nem as páginas nem o índice de busca as veem. No fim, os
``_sources/notebooks/*.ipynb`` (o botão de baixar) são trocados pelos cadernos dos alunos, e os
botões do Binder e do Colab apontam para ``alunos/`` no ramo ``alunos`` do repositório
(scripts/ramo_alunos.py), que não tem ``notebooks/`` nem o guia do professor. Os botões
"Repositório" e "Abrir issue", que levariam ao ramo principal, saem da versão da turma.

Não usamos o ``hide_solutions`` do sphinx-exercise: com soluções "gated" (``solution-start`` …
``solution-end``, que envolvem células de código), ele some com o início mas deixa o fim e todo
o conteúdo no meio. Aqui, depois que o sphinx-exercise junta as soluções gated num nó só
(transformação de prioridade 10), removemos todos os nós de solução, com o que estiver dentro.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from sphinx.transforms import SphinxTransform
from sphinx_exercise.nodes import solution_node

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import ramo_alunos

import alunos


def turma() -> bool:
    return os.environ.get("LIVRO_TURMA") == "1"


GUIDE_STUB = """# Guia do professor

O guia do professor não faz parte da versão da turma.
Ele está no livro completo (`make book`) e no gabarito em PDF (`make pdf`, `_build/gabarito.pdf`).
"""


#: Frases das páginas do livro que só valem no site completo → a forma da versão da turma.
INTRO = "book/intro"
HIDDEN = "e as soluções dos exercícios ficam escondidas até você clicar."
STUDENT_TEXT = {INTRO: [(HIDDEN, "e as soluções dos exercícios ficam com o professor.")]}
#: No PDF do livro completo (o gabarito), as soluções vêm impressas, abertas.
PDF_TEXT = {INTRO: [(HIDDEN, HIDDEN[:-1] + "; no gabarito em PDF, elas vêm abertas, logo "
                     "depois de cada exercício.")]}


def student_page(docname: str, text: str, changes: dict = STUDENT_TEXT) -> str:
    """O texto de uma página na versão da turma (sem prometer soluções que ela não tem), ou,
    com ``changes=PDF_TEXT``, no PDF do professor. Uma frase que não está mais na página é um
    erro: a troca não pode falhar calada."""
    for old, new in changes.get(docname, []):
        if old not in text:
            raise ValueError(f"turma: a frase {old!r} não está em {docname}.md; atualize "
                             "STUDENT_TEXT e PDF_TEXT em _ext/turma.py")
        text = text.replace(old, new)
    return text


def read_student_notebook(app, docname, source):
    """Troca o texto do capítulo pelo caderno dos alunos antes de o myst-nb lê-lo; o guia do
    professor (com as respostas das discussões e a avaliação) vira um aviso; as frases do
    livro sobre as soluções mudam (``STUDENT_TEXT``)."""
    if not turma():
        if app.builder.name == "singlehtml" and docname in PDF_TEXT:  # o gabarito (make pdf)
            source[0] = student_page(docname, source[0], PDF_TEXT)
        return
    if docname.startswith("notebooks/"):
        source[0] = alunos.dumps(alunos.student_notebook(json.loads(source[0])))
    elif docname == "book/guia-do-professor":
        source[0] = GUIDE_STUB
    elif docname in STUDENT_TEXT:
        source[0] = student_page(docname, source[0])


def student_branch(app, config):
    """Na turma, os botões de execução abrem o ramo dos alunos; sem botões para o repositório."""
    if not turma():
        return
    options = config.html_theme_options
    options["repository_branch"] = ramo_alunos.BRANCH
    options["use_repository_button"] = False
    options["use_issues_button"] = False
    options["use_edit_page_button"] = False


def _retarget(node):
    if isinstance(node, dict):
        url = node.get("url")
        if isinstance(url, str) and ("binder" in url or "colab" in url):
            node["url"] = url.replace("/notebooks/", "/alunos/").replace(
                "%2Fnotebooks%2F", "%2Falunos%2F").replace("=notebooks/", "=alunos/")
        for value in node.values():
            _retarget(value)
    elif isinstance(node, list):
        for value in node:
            _retarget(value)


def student_launch_buttons(app, pagename, templatename, context, doctree):
    """Binder e Colab da turma abrem alunos/NN.ipynb (depois do tema, prioridade 501)."""
    if turma() and pagename.startswith("notebooks/"):
        _retarget(context.get("header_buttons", []))


def student_sources(app, exception):
    """O botão de baixar serve _sources/notebooks/*.ipynb: ali vão os cadernos dos alunos."""
    if exception is not None or not turma() or app.builder.format != "html":
        return
    guide = Path(app.outdir) / "_sources" / "book" / "guia-do-professor.md"
    if guide.is_file():
        guide.write_text(GUIDE_STUB, encoding="utf-8")
    for docname in STUDENT_TEXT:
        page = Path(app.outdir) / "_sources" / f"{docname}.md"
        if page.is_file():
            page.write_text(student_page(docname, page.read_text(encoding="utf-8")),
                            encoding="utf-8")
    sources = Path(app.outdir) / "_sources" / "notebooks"
    for path in sorted(sources.glob("*.ipynb")):
        chapter = Path(app.srcdir) / "notebooks" / path.name
        path.write_text(alunos.render(chapter), encoding="utf-8")


class RemoveSolutions(SphinxTransform):
    default_priority = 50  # depois de MergeGatedSolutions (10)

    def apply(self):
        if not turma():
            return
        for node in list(self.document.findall(solution_node)):
            node.parent.remove(node)


def setup(app):
    app.add_transform(RemoveSolutions)
    app.connect("config-inited", student_branch)
    app.connect("source-read", read_student_notebook)
    app.connect("html-page-context", student_launch_buttons, priority=600)
    app.connect("build-finished", student_sources)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
