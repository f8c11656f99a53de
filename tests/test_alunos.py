"""Material dos alunos sem respostas; gabarito do professor com todas.

As respostas são tiradas dos capítulos: o texto de cada solução (prosa, código e saídas) e de
cada resposta do teste rápido. De cada uma saem "fragmentos": trechos de texto corrido que não
aparecem em nenhum material dos alunos legítimo (os cadernos dos alunos e as páginas book/*.md).
Um fragmento achado num artefato dos alunos é um vazamento; o gabarito precisa conter, de cada
resposta, pelo menos um fragmento.
"""

from __future__ import annotations

import html as htmllib
import json
import re
import sys
import unicodedata
from functools import lru_cache

import pytest
from conftest import HTML, ROOT, notebooks, pdf_text, require

sys.path.insert(0, str(ROOT / "scripts"))
import alunos

TURMA = ROOT / "_build" / "turma" / "_build" / "html"
TURMA_SINGLE = ROOT / "_build" / "pdf-turma" / "_build" / "singlehtml"
APOSTILA = ROOT / "_build" / "apostila.pdf"
GABARITO = ROOT / "_build" / "gabarito.pdf"

# Matemática, código em linha, marcação e aspas cortam o texto corrido em pedaços.
CUT = re.compile(r"\$\$.*?\$\$|\$[^$\n]*\$|`[^`\n]*`|\{[^}\n]*\}|[*_\[\]<>|#\"'“”‘’\n]", re.S)


def squash(text: str) -> str:
    """Forma comparável: NFKC (ligaduras do PDF), sem espaço nenhum, minúsculas."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _text(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _outputs(cell: dict) -> str:
    out = []
    for o in cell.get("outputs", []):
        out.append("".join(o.get("text", "")))
        out.append("".join(o.get("data", {}).get("text/plain", "")))
    return "\n".join(out)


def answers(path) -> list[tuple[str, str]]:
    """(rótulo, texto) de cada solução e de cada resposta do teste rápido de um capítulo."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    _, removed = alunos.split(nb)
    found, current = [], None
    for i in removed:
        cell = nb["cells"][i]
        if alunos.is_solution_start(cell):
            current = [f"{path.stem}: {_text(cell).splitlines()[0]}", ""]
            found.append(current)
        elif not alunos.is_solution_end(cell):
            current[1] += "\n" + _text(cell) + "\n" + _outputs(cell)
    items = [tuple(x) for x in found]
    for cell in nb["cells"]:
        for k, block in enumerate(alunos.quiz_answers(_text(cell)), 1):
            body = re.sub(r"</?details>|<summary>Resposta</summary>", "", block)
            items.append((f"{path.stem}: teste rápido, resposta {k}", body))
    return items


@lru_cache(maxsize=1)
def student_corpus() -> str:
    return squash(student_text())


@lru_cache(maxsize=1)
def student_text() -> str:
    """Tudo o que os alunos podem ler legitimamente (cadernos dos alunos e páginas, sem o guia)."""
    pages = [p for p in sorted((ROOT / "book").glob("*.md")) if p.stem != "guia-do-professor"]
    # A biblioteca é material dos alunos (o Binder a instala; a referência mostra o código): as
    # dicas da autoverificação dizem o método, nunca o resultado.
    library = sorted((ROOT / "scaling_utils").rglob("*.py"))
    parts = [p.read_text(encoding="utf-8") for p in [*pages, ROOT / "references.bib", *library]]
    for path in notebooks():
        nb = alunos.student_notebook(json.loads(path.read_text(encoding="utf-8")))
        parts += [_text(c) + "\n" + _outputs(c) + "\n" + json.dumps(c.get("metadata", {}),
                                                                   ensure_ascii=False)
                  for c in nb["cells"]]
    return "\n".join(parts)


@lru_cache(maxsize=1)
def fragments() -> dict[str, list[str]]:
    """Rótulo da resposta → trechos dela que nenhum material legítimo dos alunos contém."""
    legit = student_corpus()
    table = {}
    for path in notebooks():
        for label, body in answers(path):
            pieces = [p.strip(" .,;:!?−-") for p in CUT.split(body)]
            pieces = [p for p in pieces if len(p) >= 12 and len(p.split()) >= 2]
            table[label] = [p for p in pieces if squash(p) not in legit]
    return table


def test_every_answer_has_a_fingerprint():
    """Sem fragmento, uma resposta não poderia ser achada: o teste de vazamento seria cego."""
    table = fragments()
    assert len(table) >= 8 * 6, sorted(table)
    blind = [label for label, frags in table.items() if not frags]
    assert not blind, f"respostas sem trecho próprio (o teste não as veria): {blind}"


def _leaks(name: str, text: str) -> list[str]:
    """Cada resposta achada no texto, como ``"arquivo: resposta: «trecho»"``."""
    hay = squash(text)
    return [f"{name}: {label}: «{f}»" for label, f in _found(hay)]


def _found(hay: str) -> list[tuple[str, str]]:
    return [(label, f) for label, frags in fragments().items() for f in frags if squash(f) in hay]


def _html_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", raw))


def test_student_notebooks_are_in_sync_and_a_prefix_of_the_chapter_run():
    """Cadernos atualizados; cada célula mantida é idêntica (fonte, id, saídas) à do capítulo;
    as células removidas vêm depois da última célula de código mantida. Assim a execução do
    caderno dos alunos é um prefixo da execução do capítulo, que o nbval já confere: rodá-los
    de novo no nbval não testaria nada novo."""
    assert alunos.main(["--conferir"]) == 0, "rode: make alunos"
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        student = json.loads((ROOT / "alunos" / path.name).read_text(encoding="utf-8"))
        kept, removed = alunos.split(nb)
        assert removed, f"{path.name}: nenhuma solução achada"
        assert len(student["cells"]) == len(kept)
        for i, cell in zip(kept, student["cells"], strict=True):
            orig = nb["cells"][i]
            assert cell["id"] == orig["id"] and cell["cell_type"] == orig["cell_type"]
            if orig["cell_type"] == "code":
                assert _text(cell) == _text(orig), f"{path.name}[{i}]"
                assert cell["outputs"] == orig["outputs"], f"{path.name}[{i}]: saídas diferentes"
        last_code = max(i for i in kept if nb["cells"][i]["cell_type"] == "code")
        assert last_code < min(removed), f"{path.name}: código depois de uma solução"


def test_student_notebooks_have_no_answers():
    for path in sorted((ROOT / "alunos").glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert "solution-start" not in text and "<summary>Resposta" not in text, path.name
        nb = json.loads(text)
        body = "\n".join(_text(c) + "\n" + _outputs(c) for c in nb["cells"])
        assert not _leaks(f"alunos/{path.name}", body)


def test_the_chapters_do_contain_the_answers():
    """Controle: os mesmos fragmentos são achados nos capítulos (o detector enxerga)."""
    for path in notebooks():
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        body = "\n".join(_text(c) + "\n" + _outputs(c) for c in nb["cells"])
        labels = {label for label, _ in answers(path)}
        assert labels <= {label for label, _ in _found(squash(body))}


def test_class_site_has_no_answers():
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    leaks = []
    for path in sorted(TURMA.rglob("*")):
        if not path.is_file() or path.suffix not in {".html", ".js", ".txt", ".ipynb", ".md"}:
            continue
        if path.suffix == ".js" and path.name != "searchindex.js":
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = _html_text(raw) if path.suffix == ".html" else raw
        if path.suffix == ".ipynb":
            nb = json.loads(raw)
            text = "\n".join(_text(c) + "\n" + _outputs(c) for c in nb["cells"])
        leaks += _leaks(str(path.relative_to(TURMA)), text)
    assert not leaks, "\n".join(leaks[:20])


def _answer_only_stems() -> set[str]:
    """Radicais (como no índice de busca) de palavras que só aparecem nas respostas."""
    sys.path.insert(0, str(ROOT / "_ext"))
    from busca_pt import SearchPortugueseSemAcentos

    lang = SearchPortugueseSemAcentos({})
    text = unicodedata.normalize("NFKC", student_text())
    legit_words = {w.lower() for w in re.findall(r"\w+", text)}
    stems = set()
    for frags in fragments().values():
        for word in re.findall(r"[^\W\d_]{7,}", " ".join(frags)):
            if word.lower() not in legit_words:
                stems.add(lang.stem(word))
    # Radicais que também vêm de palavras legítimas não servem de prova.
    legit_stems = {lang.stem(w) for w in legit_words}
    return stems - legit_stems


def _index_terms(path) -> set[str]:
    raw = path.read_text(encoding="utf-8")
    data = json.loads(raw[raw.index("(") + 1: raw.rindex(")")])
    return set(data["terms"])


def test_class_search_index_has_no_answer_words():
    require((TURMA / "searchindex.js").is_file(), "versão da turma não construída (make turma)")
    require((HTML / "searchindex.js").is_file(), "site não construído (make book)")
    stems = _answer_only_stems()
    assert stems, "nenhuma palavra exclusiva das respostas: o teste não enxergaria nada"
    assert stems & _index_terms(HTML / "searchindex.js"), "controle: o site normal as indexa"
    assert not stems & _index_terms(TURMA / "searchindex.js")


def test_class_launch_buttons_open_the_student_notebooks():
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    for path in notebooks():
        page = (TURMA / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        urls = re.findall(r'href="([^"]*(?:mybinder|colab)[^"]*)"', page)
        assert len(urls) >= 2, path.stem
        for url in urls:
            assert f"alunos/{path.name}" in url or f"alunos%2F{path.name}" in url, url
        download = TURMA / "_sources" / "notebooks" / path.name
        assert download.read_text(encoding="utf-8") == alunos.render(path)


def test_student_pdf_has_no_answers():
    require(APOSTILA.is_file(), "apostila não gerada (make pdf; precisa do Chromium)")
    text = pdf_text(APOSTILA)
    assert squash("Leis de potência") in squash(text)
    assert not _leaks("apostila.pdf", text)


def test_teacher_pdf_has_every_answer():
    require(GABARITO.is_file(), "gabarito não gerado (make pdf; precisa do Chromium)")
    hay = squash(pdf_text(GABARITO))
    missing = [label for label, frags in fragments().items()
               if not any(squash(f) in hay for f in frags)]
    assert not missing, f"respostas ausentes do gabarito: {missing}"


@pytest.mark.parametrize("path", [TURMA / "book" / "guia-do-professor.html",
                                  TURMA_SINGLE / "livro.html"])
def test_teacher_guide_is_not_in_student_materials(path):
    require(path.is_file(), f"{path} não construído (make turma / make pdf)")
    text = _html_text(path.read_text(encoding="utf-8"))
    assert "não faz parte da versão da turma" in text
    assert "Equívocos comuns" not in text and "Perguntas para discussão" not in text


def _assessment_answers() -> list[list[str]]:
    """Os trechos de texto corrido de cada gabarito da avaliação somativa do guia (uma lista por
    questão; trechos curtos, cortados também na pontuação, como em ``fragments``)."""
    sys.path.insert(0, str(ROOT / "_ext"))
    import so_professor

    guide = (ROOT / "book" / "guia-do-professor.md").read_text(encoding="utf-8")
    start = guide.index(so_professor.HEADING)
    section = guide[start:].split("\n## ", 1)[0]
    assert so_professor.without_assessment(guide) == guide.replace(
        section, so_professor.NOTICE.format(heading=section.splitlines()[0]))
    answers = []
    for key in re.findall(r"\*Gabarito:\*(.*)", section):
        pieces = [q.strip(" .!?−-") for p in CUT.split(key) for q in re.split(r"[,;:]", p)]
        answers.append([p for p in pieces if len(p) >= 16 and len(p.split()) >= 3])
    return answers


def test_summative_assessment_only_in_the_teacher_pdf():
    """A prova e o gabarito do guia: fora do site público (página, busca, download) e no
    gabarito em PDF (cada resposta, por pelo menos um trecho: a extração de texto do PDF mistura
    o que está nos dois lados de uma quebra de página)."""
    require((HTML / "book" / "guia-do-professor.html").is_file(), "site não construído")
    require(GABARITO.is_file(), "gabarito não gerado (make pdf; precisa do Chromium)")
    answers = _assessment_answers()
    assert len(answers) >= 4 and all(answers), answers
    public = {"página": _html_text((HTML / "book" / "guia-do-professor.html").read_text("utf-8")),
              "busca": (HTML / "searchindex.js").read_text(encoding="utf-8"),
              "download": (HTML / "_sources" / "book" / "guia-do-professor.md").read_text("utf-8")}
    assert "gabarito.pdf" in public["página"]
    for where, text in public.items():
        leaked = [p for pieces in answers for p in pieces if squash(p) in squash(text)]
        assert not leaked, f"avaliação somativa no site público ({where}): {leaked}"
    teacher = squash(pdf_text(GABARITO))
    missing = [pieces for pieces in answers if not any(squash(p) in teacher for p in pieces)]
    assert missing == [], f"respostas da avaliação ausentes do gabarito: {missing}"


def _lesson_keys() -> list[str]:
    """Os trechos da chave de cada aula do guia (as letras do teste rápido e os valores dos
    "complete o código", gerados dos capítulos por _ext/chave_aula.py)."""
    sys.path.insert(0, str(ROOT / "_ext"))
    import chave_aula

    keys = sorted(set(chave_aula.fingerprints(
        (ROOT / "book" / "guia-do-professor.md").read_text(encoding="utf-8"))))
    assert len(keys) >= 10, keys
    return keys


def test_lesson_keys_only_in_the_teacher_pdf():
    """As chaves das aulas: fora do site público (página do guia, busca, download), da versão
    da turma (todas as páginas, busca e downloads), da apostila e dos cadernos dos alunos; no
    gabarito em PDF, todas."""
    require((HTML / "book" / "guia-do-professor.html").is_file(), "site não construído")
    require((TURMA / "index.html").is_file(), "versão da turma não construída (make turma)")
    require(GABARITO.is_file() and APOSTILA.is_file(), "PDFs não gerados (make pdf)")
    keys = _lesson_keys()
    places = {"site: página do guia": _html_text(
                  (HTML / "book" / "guia-do-professor.html").read_text(encoding="utf-8")),
              "site: busca": (HTML / "searchindex.js").read_text(encoding="utf-8"),
              "site: download do guia": (HTML / "_sources" / "book" /
                                         "guia-do-professor.md").read_text(encoding="utf-8"),
              "apostila.pdf": pdf_text(APOSTILA)}
    for path in sorted(TURMA.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".js", ".txt", ".ipynb", ".md"}:
            raw = path.read_text(encoding="utf-8", errors="replace")
            places[f"turma: {path.relative_to(TURMA)}"] = (
                _html_text(raw) if path.suffix == ".html" else raw)
    for path in sorted((ROOT / "alunos").glob("*.ipynb")):
        places[f"alunos/{path.name}"] = path.read_text(encoding="utf-8")
    hay = {where: squash(text) for where, text in places.items()}  # uma vez por texto
    leaks = [f"{where}: «{k}»" for where, text in hay.items() for k in keys
             if squash(k) in text]
    assert leaks == [], "\n".join(leaks[:20])
    teacher = squash(pdf_text(GABARITO))
    assert [k for k in keys if squash(k) not in teacher] == [], "chaves ausentes do gabarito"


#: A frase da introdução sobre as soluções: no site completo, escondidas; na turma, com o
#: professor (_ext/turma.py, STUDENT_TEXT).
HIDDEN, WITH_TEACHER = "ficam escondidas até você clicar", "ficam com o professor"
OPEN_IN_PDF = "no gabarito em PDF, elas vêm abertas"


def test_intro_sentence_about_solutions_changes_in_the_class_version():
    """A introdução não promete aos alunos soluções "escondidas até você clicar", que a versão da
    turma não tem; se a frase mudar no livro, a troca falha alto em vez de sumir calada."""
    sys.path.insert(0, str(ROOT / "_ext"))
    import turma

    intro = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert HIDDEN in intro  # o site completo continua dizendo como as ver
    student = turma.student_page("book/intro", intro)
    assert HIDDEN not in student and WITH_TEACHER in student
    with pytest.raises(ValueError, match=r"não está em book/intro\.md"):
        turma.student_page("book/intro", intro.replace(HIDDEN, "ficam noutro lugar"))
    teacher = turma.student_page("book/intro", intro, turma.PDF_TEXT)
    assert OPEN_IN_PDF in teacher


def test_teacher_pdf_says_its_solutions_come_open():
    """No gabarito as soluções vêm impressas: a introdução diz isso, em vez de só "escondidas
    até você clicar"."""
    require(GABARITO.is_file(), "gabarito não construído (make pdf)")
    assert squash(OPEN_IN_PDF) in squash(pdf_text(GABARITO))


@pytest.mark.parametrize("where", ["site da turma", "download da turma", "apostila"])
def test_class_materials_say_the_solutions_stay_with_the_teacher(where):
    paths = {"site da turma": TURMA / "book" / "intro.html",
             "download da turma": TURMA / "_sources" / "book" / "intro.md",
             "apostila": APOSTILA}
    require(paths[where].is_file(), f"{paths[where]} não construído (make turma / make pdf)")
    if where == "apostila":
        text = pdf_text(APOSTILA)
    else:
        text = paths[where].read_text(encoding="utf-8")
        text = _html_text(text) if where == "site da turma" else text
    assert squash(WITH_TEACHER) in squash(text) and squash(HIDDEN) not in squash(text), where
