"""Remissões e nomes consistentes (issue 13, CONTRIBUTING.md: Remissões e Termos).

- Uma remissão a capítulo, no meio de uma frase, é "o capítulo N", com o número como texto do
  link: ``o {doc}`capítulo 4 <04-replicacao>``` ou ``os capítulos {doc}`5 <05-paradoxo>` e …``.
  O título solto ("(A replicação (2024))", "os capítulos O paradoxo: … e Depois do …") só vale
  numa célula de tabela que lista capítulos.
- A figura interativa do site é o *explorador*; "widget" só na frase sobre o ambiente Jupyter.
- Um só nome por coisa: os termos da tabela do CONTRIBUTING.md e os conjuntos de parâmetros.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from conftest import ROOT, notebooks

BOOK = ROOT / "book"
#: O Guia do professor está sendo reescrito noutro ramo (sessão 5); entra quando for fundido.
NOT_YET: set[str] = set()
DOC = re.compile(r"\{doc\}`([^`]*)`")
CHAPTER = re.compile(r"(?:\.\./notebooks/)?(0\d)-[\w-]+$")


def _markdown_sources() -> list[tuple[str, str]]:
    """(nome, texto Markdown) de cada página do livro e de cada célula de texto dos capítulos."""
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(BOOK.glob("*.md"))
           if p.name not in NOT_YET]
    for nb in notebooks():
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                out.append((f"{nb.stem}#{cell.get('id')}", "".join(cell["source"])))
    return out


def cross_reference_problems(name: str, text: str) -> list[str]:
    """As remissões a capítulos de ``text`` que quebram a frase ou têm o número errado."""
    bad = []
    for line in text.splitlines():
        in_table = line.lstrip().startswith("|")
        for m in DOC.finditer(line):
            body = m.group(1)
            label, _, target = body.rpartition("<") if body.endswith(">") else ("", "", body)
            target = target.rstrip(">").strip()
            chapter = CHAPTER.search(target)
            if not chapter:
                continue  # páginas do livro: "a página {doc}`ambiente`"
            number = str(int(chapter.group(1)))
            if not label:
                if not in_table:
                    bad.append(f"{name}: título solto na frase: {line.strip()[:120]}")
            elif not re.fullmatch(rf"(capítulo )?{number}", label.strip()):
                bad.append(f"{name}: o texto {label.strip()!r} não é 'capítulo {number}'")
        if re.search(r"\bcapítulos? \{doc\}`[^`<]*`", line):
            bad.append(f"{name}: 'capítulo' seguido do título do capítulo: {line.strip()[:120]}")
    return bad


def test_chapter_cross_references_read_as_chapter_numbers():
    bad = [p for name, text in _markdown_sources() for p in cross_reference_problems(name, text)]
    assert bad == []


def test_cross_reference_check_catches_what_it_should():
    bad = ["Como mostraram trabalhos posteriores ({doc}`04-replicacao`).",
           "Os capítulos {doc}`../notebooks/05-paradoxo` e {doc}`../notebooks/06-x` dão.",
           "Ver o {doc}`capítulo 3 <04-replicacao>`.",  # número errado
           "Ver o {doc}`A replicação <04-replicacao>`."]
    good = ["Ver o {doc}`capítulo 4 <04-replicacao>`; a página {doc}`ambiente`.",
            "Os capítulos {doc}`5 <../notebooks/05-paradoxo>` e {doc}`6 <06-depois>` dão.",
            "| 4 | {doc}`../notebooks/04-replicacao` | as execuções reais |"]
    assert [cross_reference_problems("t", t) != [] for t in bad] == [True] * len(bad)
    assert [cross_reference_problems("t", t) for t in good] == [[]] * len(good)


def test_the_interactive_figure_is_called_explorer_in_the_chapters():
    """No site o leitor vê um explorador; "widget" só quando a frase fala do ambiente Jupyter."""
    bad = [f"{name}: {line.strip()[:120]}" for name, text in _markdown_sources()
           if "#" in name for line in text.splitlines()
           if re.search(r"widget", line, re.I) and not re.search(r"Jupyter|execut", line, re.I)]
    assert bad == []


#: Um nome por coisa (CONTRIBUTING.md, Termos): à esquerda o que não usar, à direita o nome.
ONE_NAME = {
    r"\balocação compute-ótima\b": "alocação ótima",
    r"\bcompute (de|no) teste\b": "compute na inferência",
    r"\(loss\)|\bLoss é\b": "a perda",
    r"\b\d+-shot\b": "com 5 exemplos (few-shot, explicado no primeiro uso)",
    r"\bde comprimento fixo\b": "com duração fixa",
    r"\bquadrados mínimos\b": "mínimos quadrados",
    r"\bmarcar zero\b": "tirar zero",
}


@pytest.mark.parametrize("pattern", ONE_NAME, ids=list(ONE_NAME.values()))
def test_one_name_per_thing_in_the_sources(pattern):
    hits = [f"{name}: {m.group()}" for name, text in _markdown_sources()
            for m in re.finditer(pattern, text)]
    assert hits == [], f"use {ONE_NAME[pattern]!r}"


def test_parameter_sets_have_one_name_in_figures_and_widgets():
    """A legenda de uma figura e o menu do explorador dão o mesmo nome ao mesmo conjunto."""
    from scaling_utils import chinchilla as ch
    from scaling_utils import widgets
    from scaling_utils.explorers import orcamento
    from scaling_utils.figures._comum import _params_name

    sets = {"besiroglu_2024": ch.BESIROGLU_2024, "hoffmann_2022": ch.HOFFMANN_2022,
            "hoffmann_2022_full": ch.HOFFMANN_2022_FULL}
    for label, key in orcamento.PARAMS.items():
        name = _params_name(sets[key])
        assert label == name, (label, name)
        assert "Besiroglu et al. 2024" not in name and "publicados)" not in name
    for label, params in widgets._params_choices().items():
        assert label == _params_name(params), label


def citation_label_clashes(bib: str) -> list[str]:
    """Os rótulos de citação ("Touvron et al., 2023") que duas obras diferentes dividem."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import slides_conteudo

    keys: dict[str, list[str]] = {}
    for key, (who, year) in slides_conteudo._authors(bib).items():
        keys.setdefault(f"{who}, {year}", []).append(key)
    return [f"{label}: {', '.join(k)}" for label, k in keys.items() if len(k) > 1]


def test_two_works_never_share_a_citation_label():
    """CONTRIBUTING.md (Remissões): duas obras, dois rótulos (2023a e 2023b, no ano)."""
    assert citation_label_clashes((ROOT / "references.bib").read_text(encoding="utf-8")) == []


def test_citation_label_check_can_fail():
    entry = "@article{{{key},\n  author = {{{who}}},\n  title = {{T}},\n  year = {{{year}}}\n}}\n"
    touvron = "Touvron, Hugo and Lavril, Thibaut and others"
    same = (entry.format(key="t1", who=touvron, year="2023")
            + entry.format(key="t2", who="Touvron, Hugo and Martin, Louis and others",
                           year="2023"))
    assert citation_label_clashes(same) == ["Touvron et al., 2023: t1, t2"]
    apart = same.replace("year = {2023}", "year = {2023a}", 1)
    assert citation_label_clashes(apart) == []
    two = entry.format(key="a", who="Pearce, Tim and Song, Jinyeop", year="2024")
    assert citation_label_clashes(two + two.replace("{a,", "{b,").replace("Song", "Sun")) == []
