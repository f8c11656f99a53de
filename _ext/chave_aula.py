"""A chave de respostas de cada aula do guia do professor, tirada dos capítulos na construção.

No guia, cada aula pede a sua chave com a diretiva, que leva o nome da aula::

    ```{chave-da-aula} Aula única
    :testes: 01-leis-de-potencia:2,3 03-chinchilla
    :exercicios: ex-01-dobrar ex-03-complete
    ```

(``01-leis-de-potencia:2,3``: só as perguntas 2 e 3 daquele teste rápido)

e a chave sai numa tabela, com o nome da aula logo acima ("Chave: Aula única", para a busca
do leitor de PDF; título e tabela na mesma página, pelo CSS de impressão): a letra certa de
cada pergunta do teste rápido e, para os exercícios "complete o código", o valor que a
autoverificação aceita (os dois lidos e calculados por scripts/moodle.py, a mesma fonte do
banco do Moodle); para os demais, o que o código da solução imprime (as saídas versionadas, que
o nbval confere), para corrigir na lousa, e onde está o
raciocínio. Nenhuma resposta é digitada no guia.

As chaves ficam na seção "Avaliação somativa" do guia, que ``_ext/so_professor.py`` tira do site
público (página, busca e ``_sources``); a versão da turma nem tem o guia (``_ext/turma.py``).
Só o gabarito em PDF (``make pdf``) as mostra. Por segurança, a própria diretiva não escreve
nenhuma resposta fora desse construtor: lá ela vira só o aviso.
"""

from __future__ import annotations

import json
import re
import sys
import typing
from functools import cache
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parents[1]
NOTICE = "A chave desta aula está no gabarito em PDF (`make pdf` → `_build/gabarito.pdf`)."


def _moodle():
    sys.path.insert(0, str(ROOT / "scripts"))
    import moodle

    return moodle


@cache
def _chapter(stem: str) -> tuple[list[dict], dict[str, float], dict[str, str]]:
    """(perguntas do teste rápido, {rótulo: valor} dos "complete o código", {rótulo: o que a
    solução imprime}) de um capítulo."""
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    if not path.is_file():
        raise ValueError(f"chave-da-aula: capítulo inexistente; recebido testes = {stem!r}")
    nb = json.loads(path.read_text(encoding="utf-8"))
    moodle = _moodle()
    values = {e["label"]: e["value"] for e in moodle.objective_exercises(nb)}
    return moodle.quiz(nb), values, _printed_results(nb)


def _printed_results(nb: dict) -> dict[str, str]:
    """{rótulo: linhas impressas pelo código da solução, separadas por "; "} (só as soluções
    que imprimem texto; uma tabela ou figura fica de fora)."""
    _moodle()  # scripts/ no caminho
    import alunos  # as mesmas marcas de solução que os cadernos dos alunos cortam

    results, label, lines = {}, None, []
    for cell in nb["cells"]:
        if alunos.is_solution_start(cell):
            label = re.search(r"\{solution-start\}\s*(ex-[\w-]+)", "".join(cell["source"]))[1]
            lines = []
        elif label and alunos.is_solution_end(cell):
            if lines:
                results[label] = "; ".join(lines)
            label = None
        elif label and cell["cell_type"] == "code":
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream" and out.get("name") == "stdout":
                    lines += [t.strip() for t in "".join(out["text"]).splitlines() if t.strip()]
    return results


def _chapter_of(label: str) -> str:
    number = label.split("-")[1]
    found = sorted((ROOT / "notebooks").glob(f"{number}-*.ipynb"))
    if not label.startswith("ex-") or len(found) != 1:
        raise ValueError(f"chave-da-aula: exercício desconhecido; recebido exercicios = {label!r}")
    return found[0].stem


def quiz_key(spec: str) -> str:
    """``'1 (b), 2 (a), 3 (c)'``: a letra certa de cada pergunta do teste rápido.

    ``spec`` é o capítulo (``03-chinchilla``: todas as perguntas) ou o capítulo e as perguntas
    escolhidas (``01-leis-de-potencia:2,3``)."""
    stem, _, chosen = spec.partition(":")
    questions = _chapter(stem)[0]
    if chosen:
        numbers = {q["n"] for q in questions}
        try:
            wanted = [int(n) for n in chosen.split(",")]
        except ValueError:
            wanted = [0]
        if not set(wanted) <= numbers:
            raise ValueError(f"chave-da-aula: pergunta inexistente; recebido testes = {spec!r}")
        questions = [q for q in questions if q["n"] in wanted]
    return ", ".join(f"{q['n']} ({q['right']})" for q in questions)


def exercise_key(label: str) -> str | None:
    """O valor aceito de um "complete o código" (três algarismos, como a autoverificação), ou
    None para os outros exercícios (a solução é um texto: fica no capítulo)."""
    from scaling_utils import fmt

    value = _chapter(_chapter_of(label))[1].get(label)
    return None if value is None else fmt.plain(value, 3)


def solution_result(label: str) -> str | None:
    """O que o código da solução de um exercício imprime, ou None se ele não imprime texto."""
    return _chapter(_chapter_of(label))[2].get(label)


def _cell(text: str) -> str:
    """Texto literal numa célula de tabela do Markdown."""
    return re.sub(r"([\\|*_`$\[\]<])", r"\\\1", text)


def key_rows(quizzes: list[str], exercises: list[str]) -> list[tuple[str, str, str]]:
    """(item, resposta, onde está a explicação) de uma aula."""
    rows = []
    for spec in quizzes:
        n = int(spec[:2])
        rows.append((f"Teste rápido do capítulo {n}", quiz_key(spec),
                     f"a explicação de cada letra: o fim do capítulo {n}; no Moodle, a categoria "
                     f"{n:02d}"))
    for label in exercises:
        value = exercise_key(label)
        n = int(_chapter_of(label)[:2])
        result = solution_result(label) if value is None else None
        if result is not None:
            rows.append((f"{{numref}}`{label}`", result,
                         f"capítulo {n}, caixa \"Solução\" (o raciocínio e as contas)"))
        elif value is None:
            rows.append((f"{{numref}}`{label}`", "texto: a solução comentada",
                         f"capítulo {n}, caixa \"Solução\" logo depois do enunciado"))
        else:
            rows.append((f"{{numref}}`{label}`", value,
                         f"capítulo {n}, caixa \"Solução\" (o raciocínio); no Moodle, a "
                         f"questão numérica da categoria {n:02d}"))
    return rows


def key_markdown(quizzes: list[str], exercises: list[str]) -> str:
    lines = ["| item | resposta | onde está a explicação |", "|---|---|---|"]
    lines += [f"| {a} | {_cell(b)} | {c} |" for a, b, c in key_rows(quizzes, exercises)]
    return "\n".join(lines)


KEY_BLOCK = r"```\{chave-da-aula\} ([^\n]+)\n:testes: ([^\n]*)\n:exercicios: ([^\n]*)\n```"


def title(name: str) -> str:
    """O título da chave de uma aula, como sai no PDF: ``Chave: Aula única``."""
    return f"Chave: {name}"


def keys_in(text: str) -> list[tuple[str, list[str], list[str]]]:
    """(nome da aula, testes, exercícios) de cada chave pedida num texto (o guia)."""
    return [(name.strip(), t.split(), e.split()) for name, t, e in re.findall(KEY_BLOCK, text)]


def fingerprints(text: str) -> list[str]:
    """Trechos de texto corrido das chaves pedidas em ``text``, como saem na página: a linha de
    cada teste rápido com as suas letras e cada resposta (o valor aceito ou o que a solução
    imprime) com o local da solução (para o teste de vazamento, tests/test_alunos.py)."""
    out = []
    for _, quizzes, exercises in keys_in(text):
        for item, answer, where in key_rows(quizzes, exercises):
            if item.startswith("Teste rápido"):
                out.append(f"{item} {answer}")
            elif not answer.startswith("texto"):
                out.append(f"{answer} {where.split(' (')[0].split(',')[0]}, caixa")
    return out


def _teacher_build(app) -> bool:
    from turma import turma

    return app.builder.name == "singlehtml" and not turma()


class ChaveDaAula(SphinxDirective):
    has_content = False
    optional_arguments = 1  # o nome da aula (opcional para o docutils, exigido abaixo)
    final_argument_whitespace = True
    option_spec: typing.ClassVar[dict] = {"testes": str, "exercicios": str}

    def run(self):
        name = self.arguments[0].strip() if self.arguments else ""
        if not name:
            raise self.error("chave-da-aula: dê o nome da aula depois da diretiva, como "
                             "```{chave-da-aula} Aula única; recebido nenhum")
        quizzes = self.options.get("testes", "").split()
        exercises = self.options.get("exercicios", "").split()
        if not quizzes and not exercises:
            raise self.error("chave-da-aula: dê :testes: ou :exercicios:; recebido nenhum")
        try:
            body = key_markdown(quizzes, exercises) if _teacher_build(self.env.app) else NOTICE
        except ValueError as error:
            raise self.error(str(error)) from None
        # O título e a tabela num só bloco, que a impressão não parte (_assets/livro.css).
        text = f"**{_cell(title(name))}.**\n\n{body}"
        container = nodes.container(classes=["chave-da-aula"])
        self.state.nested_parse(StringList(text.splitlines(), source=self.get_source_info()[0]),
                                self.content_offset, container)
        return [container]


def setup(app):
    app.add_directive("chave-da-aula", ChaveDaAula)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
