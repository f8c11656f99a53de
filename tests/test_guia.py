"""O guia do professor (book/guia-do-professor.md): o que ele cita existe e confere.

- as figuras citadas são figuras dos capítulos (por nome, nunca "as figuras de …" soltas);
- os comandos do desafio que o guia manda rodar são aceitos pela linha de comando real;
- cada aula dos planos aponta para a sua chave, e cada chave é gerada dos capítulos;
- o tempo de leitura prévia dito para cada página cabe no tamanho dela.
"""

from __future__ import annotations

import itertools
import json
import re
import shlex
import sys

import pytest
from conftest import ROOT, notebooks

sys.path.insert(0, str(ROOT / "_ext"))
import chave_aula

GUIDE = ROOT / "book" / "guia-do-professor.md"
#: Menções genéricas às figuras do livro, que não apontam para nenhuma figura em particular.
GENERIC = ("as figuras, os *widgets*", "as mesmas figuras e fórmulas", "figura sem interpretação")


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _figure_names() -> set[str]:
    names = set()
    for path in notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            fig = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
            if fig.get("name"):
                names.add(fig["name"])
    return names


def test_every_cited_figure_exists():
    names = _figure_names()
    cited = re.findall(r"\{numref\}`(fig-[\w-]+)`", _guide())
    assert len(cited) >= 15, cited
    assert sorted(set(cited) - names) == [], "figuras citadas que não existem"


def test_figures_are_cited_by_name():
    """Uma linha que fala de uma figura a cita por {numref} (como "figuras das abordagens",
    que não existia, passaria despercebida)."""
    loose = []
    for n, line in enumerate(_guide().splitlines(), 1):
        if re.search(r"\bfiguras?\b", line, re.I) and "{numref}`fig-" not in line:
            if not any(g in line for g in GENERIC):
                loose.append(f"linha {n}: {line[:80]}")
    assert loose == []


def _desafio_commands() -> list[list[str]]:
    blocks = re.findall(r"```bash\n(.*?)```", _guide(), flags=re.S)
    inline = re.findall(r"`((?:\.venv/bin/)?python -m scaling_utils\.desafio [^`]*)`", _guide())
    lines = [ln for b in blocks for ln in b.splitlines()] + inline
    return [shlex.split(ln) for ln in lines if "scaling_utils.desafio" in ln]


def test_desafio_commands_in_the_guide_are_accepted_by_the_cli():
    from scaling_utils.desafio.__main__ import _parser

    commands = [c for c in _desafio_commands() if "..." not in c]
    assert {c[3] for c in commands} >= {"turma", "corrigir"}, commands
    for command in commands:
        args = _parser().parse_args(command[3:])  # sai com erro (SystemExit) se não aceitar
        assert args.comando == command[3]
        if args.comando == "corrigir":
            assert args.pasta == "envios/" and args.alunos and args.saida


def test_the_submission_call_in_the_guide_matches_the_library():
    from inspect import signature

    from scaling_utils.desafio import Laboratorio

    calls = re.findall(r"`meu_lab\.salvar_envio\(([^)]*)\)`", _guide())
    assert calls, "o guia não mostra como gravar o envio"
    params = list(signature(Laboratorio.salvar_envio).parameters)[1:]
    for call in calls:
        assert len(call.split(",")) == len(params), (call, params)


def _keys() -> list[tuple[str, list[str], list[str]]]:
    return chave_aula.keys_in(_guide())


def test_every_class_points_at_a_key_that_exists():
    keys = {name for name, _, _ in _keys()}
    assert {"Aula única", "Plano A, aula 1", "Plano B, aula 4", "O desafio"} <= keys
    cited = re.findall(r'\*Chaves? d[ea]s?[^*]*:\* no gabarito em PDF[^\n]*', _guide())
    items = {i for line in cited for i in re.findall(r'"([^"]+)"', line)}
    items -= {"Avaliação somativa e chaves das aulas"}
    assert len(cited) >= 6 and items == keys - {"Aula única"}, (items, keys)


@pytest.mark.parametrize("name,quizzes,exercises", _keys(), ids=lambda x: str(x)[:20])
def test_each_key_is_generated_from_the_chapters(name, quizzes, exercises):
    rows = chave_aula.key_rows(quizzes, exercises)
    assert len(rows) == len(quizzes) + len(exercises)
    for spec, (_, answer, _) in zip(quizzes, rows, strict=False):
        chosen = spec.partition(":")[2].split(",") if ":" in spec else ["1", "2", "3"]
        assert re.fullmatch(", ".join(rf"{n} \([a-c]\)" for n in chosen), answer), (spec, answer)
    for label, (_, answer, _) in zip(exercises, rows[len(quizzes):], strict=True):
        if "complete" in label:  # o valor que a autoverificação aceita
            assert re.fullmatch(r"−?[\d.,]+( × 10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)?", answer), (label, answer)
        elif not answer.startswith("texto"):  # o que o código da solução imprime no capítulo
            printed = _printed(chave_aula._chapter_of(label))
            assert all(piece in printed for piece in answer.split("; ")), (label, answer)


def _printed(stem: str) -> str:
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "".join("".join(o.get("text", "")) for c in cells for o in c.get("outputs", []))


def test_key_gives_the_numbers_of_the_by_hand_exercises():
    """Os exercícios à mão da aula única (contas de uma linha, corrigidas na lousa): a chave traz
    os números que a solução imprime, não só onde ela está."""
    rows = dict((r[0], r[1]) for r in chave_aula.key_rows([], ["ex-01-dobrar", "ex-03-tabela3"]))
    assert "0,949" in rows["{numref}`ex-01-dobrar`"] and "0,839" in rows["{numref}`ex-01-dobrar`"]
    assert "20,5 tokens por parâmetro" in rows["{numref}`ex-03-tabela3`"]
    assert chave_aula.key_rows([], ["ex-05-desenho"])[0][1].startswith("texto")


def test_key_refuses_unknown_items():
    with pytest.raises(ValueError, match="exercicios = 'ex-99-nada'"):
        chave_aula.key_rows([], ["ex-99-nada"])
    with pytest.raises(ValueError, match="testes = '09-nada'"):
        chave_aula.key_rows(["09-nada"], [])
    for spec in ("03-chinchilla:4", "03-chinchilla:x"):
        with pytest.raises(ValueError, match=f"pergunta inexistente; recebido testes = '{spec}'"):
            chave_aula.key_rows([spec], [])


def test_single_class_exit_ticket_does_not_have_one_letter_for_every_answer():
    """O teste de saída da aula única: perguntas de mais de um capítulo dado na aula, e as
    letras certas não são todas iguais (no papel, "tudo (b)" se adivinha)."""
    quizzes = dict((name, q) for name, q, _ in _keys())["Aula única"]
    answers = ", ".join(chave_aula.quiz_key(spec) for spec in quizzes)
    assert len(set(re.findall(r"\(([a-c])\)", answers))) >= 2, answers
    assert len(quizzes) >= 2, quizzes


@pytest.mark.parametrize("page", ["memoria", "minimo"])
def test_pre_class_reading_time_fits_the_page(page):
    """O guia diz quanto tempo cada leitura prévia leva: entre 40 e 200 palavras por minuto."""
    match = re.search(rf"\{{doc\}}`{page}` \(cerca de (\d+) minutos de leitura", _guide())
    assert match, f"o guia não diz quanto tempo leva {page}"
    words = len((ROOT / "book" / f"{page}.md").read_text(encoding="utf-8").split())
    assert words / 200 <= int(match.group(1)) <= words / 40, (page, words)


def _plans() -> list[list[tuple[int, int]]]:
    """Os minutos (início, fim) das linhas de cada plano de aula do guia, tabela a tabela."""
    plans = []
    for line in _guide().splitlines():
        if line.startswith("| tempo |"):
            plans.append([])
        elif plans and (m := re.match(r"\| (\d+)–(\d+) min \|", line)):
            plans[-1].append((int(m[1]), int(m[2])))
    return plans


def test_every_plan_fills_its_class_without_gaps():
    """Cada plano começa no minuto 0, cada linha começa onde a anterior termina, e o plano
    fecha a aula: 100 minutos (aula única, plano A, desafio) ou 50 (as quatro do plano B)."""
    plans = _plans()
    assert [p[-1][1] for p in plans] == [100, 100, 100, 50, 50, 50, 50, 100], plans
    for plan in plans:
        assert plan[0][0] == 0 and all(a < b for a, b in plan), plan
        assert all(prev[1] == cur[0] for prev, cur in itertools.pairwise(plan)), plan


def test_thirty_minute_path_adds_up():
    """O caminho de 30 minutos do topo do guia: os minutos dos passos somam 30, e o tempo dado
    para ler a seção da aula única cabe no tamanho dela (até 200 palavras por minuto)."""
    top = _guide().split("(antes-da-aula)=")[0]
    assert "**Se você tem 30 minutos**" in top
    steps = re.findall(r"^\d\. .*?\(cerca de (\d+) minutos\)", top, re.M)
    assert len(steps) == 4 and sum(map(int, steps)) == 30, steps
    section = _guide().split("(aula-unica)=")[1].split("\n## ")[1]
    words = len(re.sub(r"<[^>]+>|\{\w+\}`[^`]*`|\$[^$]*\$", " ", section).split())
    assert "{ref}`aula-unica` (cerca de" in top and words / 200 <= int(steps[0]), words
    assert 'tabela "Chave: Aula única"' in top
    assert "Aula única" in {name for name, _, _ in _keys()}


def test_thirty_minute_path_names_the_slides_and_the_solutions():
    """O caminho de 30 minutos não manda procurar os slides nas quatro apresentações: a lista do
    topo traz os mesmos slides que a coluna "o que projetar" da aula única cita, das mesmas
    apresentações; e manda ler, dentro dos 30 minutos, as soluções dos exercícios à mão da aula
    (os da chave dela que não são "complete o código", corrigidos na lousa)."""
    top = _guide().split("(antes-da-aula)=")[0]
    lesson = _guide().split("**A aula.**")[1].split("**O teste de saída.**")[0]

    def slides(text: str) -> tuple[set[str], set[str]]:
        decks, titles = set(), set()
        for line in text.splitlines():
            if line.startswith("|") and "../slides/" in line:
                cell = line.rstrip(" |").rsplit(" | ", 1)[1]
                decks |= set(re.findall(r'href="\.\./slides/([\w-]+)\.html"', cell))
                cell = re.sub(r"<a [^>]*>.*?</a>", "", cell)
                titles |= {m[1] for m in re.finditer(r'(?<![\w>])"(.+?)"(?=[\s,;:)]|$)', cell)
                           if not cell[:m.start()].endswith("explorador ")}
        return decks, titles

    listed, cited = slides(top), slides(lesson)
    assert len(cited[1]) >= 15 and listed == cited, (listed, cited)
    exercises = dict((name, e) for name, _, e in _keys())["Aula única"]
    by_hand = {e for e in exercises if "complete" not in e}
    step = next(s for s in re.findall(r"^\d\. .*", top, re.M) if "Solução" in s)
    assert by_hand and set(re.findall(r"\{numref\}`(ex-[\w-]+)`", step)) == by_hand, step
    # A chave: a busca no PDF acha antes as instruções; o guia diz qual ocorrência é a tabela.
    assert "última ocorrência" in top.split('tabela "Chave: Aula única"')[1].split("\n\n")[0]


def _caption_prefix(text: str) -> str:
    """O começo de uma legenda, até a primeira fórmula ou marcação: o que o slide mostra igual."""
    return re.split(r"[$`{*]", text)[0].strip()[:30]


def _slide_titles(deck) -> dict[str, list[str]]:
    """Título de cada slide → o começo das legendas das figuras dele e dos que vêm abaixo dele
    (os slides sem título da mesma pilha)."""
    import html as htmllib

    raw = deck.read_text(encoding="utf-8")
    stacks, current = {}, None
    for tag, body in re.findall(r"<(h[12]|figcaption)\b[^>]*>(.*?)</\1>", raw, flags=re.S):
        # O KaTeX escreve cada fórmula duas vezes (MathML e HTML): fica o texto até a fórmula.
        body = re.sub(r'<span class="katex">.*', "", body, flags=re.S)
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        if tag != "figcaption":
            if text.count('"') == 2 and text[0] == text[-1] == '"':
                text = text[1:-1]  # um título todo entre aspas: "20 tokens por parâmetro"
            current = text.rstrip(": ")  # "Parâmetros e dados juntos: L(N, D)"
            stacks.setdefault(current, [])
        elif current is not None:  # sem o número ("Figura 2.4"), que o slide põe na frente
            stacks[current].append(re.sub(r"^Figura \d+\.\d+\s*", "", text))
    return stacks


def _plan_projections() -> list[tuple[int, list[str], str]]:
    """(linha, baralhos citados, texto) da coluna "o que projetar" de cada linha dos planos."""
    rows = []
    for n, line in enumerate(_guide().splitlines(), 1):
        if line.startswith("|") and "../slides/" in line:
            cell = line.rstrip(" |").rsplit(" | ", 1)[1]
            decks = re.findall(r'href="\.\./slides/([\w-]+)\.html"', cell)
            rows.append((n, decks, re.sub(r"<a [^>]*>(.*?)</a>", r"\1", cell)))
    return rows


def test_cited_slides_and_their_figures_exist():
    """Cada slide citado pelo título nos planos existe num dos baralhos citados na mesma linha,
    e cada figura citada logo depois do título, entre parênteses, está nesse slide (ou nos
    slides sem título abaixo dele)."""
    from conftest import HTML, require

    require((HTML / "slides" / "01-leis-de-potencia.html").is_file(), "slides não construídos")
    captions = {}
    for path in notebooks():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            fig = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
            if fig.get("name"):
                captions[fig["name"]] = _caption_prefix(fig.get("caption", ""))
    decks = {d: _slide_titles(HTML / "slides" / f"{d}.html")
             for d in {d for _, ds, _ in _plan_projections() for d in ds}}
    problems, checked = [], 0
    for n, cited, cell in _plan_projections():
        # Um título entre aspas; aspas dentro dele viram simples ("Treinar além do 'ótimo'"),
        # e o slide o mostra como o capítulo (Treinar além do "ótimo").
        for m in re.finditer(r'(?<![\w>])"(.+?)"(?=[\s,;:)]|$)(?: \(([^)]*)\))?', cell):
            title, paren = m.group(1).replace("'", '"'), m.group(2) or ""
            if cell[:m.start()].endswith("explorador "):
                continue  # o nome de um explorador do site, não um slide
            stacks = [decks[d][title] for d in cited if title in decks[d]]
            if not stacks:
                problems.append(f"linha {n}: slide {title!r} não existe em {cited}")
                continue
            checked += 1
            for fig in re.findall(r"\{numref\}`(fig-[\w-]+)`", paren):
                prefix = captions[fig]
                if not any(c.startswith(prefix) for stack in stacks for c in stack):
                    problems.append(f"linha {n}: {fig} não está no slide {title!r}")
    assert checked >= 30, checked
    assert problems == [], "\n".join(problems)
