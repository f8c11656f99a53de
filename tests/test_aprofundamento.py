"""As seções "(aprofundamento)": marcadas só onde há cálculo ou otimização, e explicadas."""

from __future__ import annotations

import json
import re

from conftest import ROOT, notebooks

MARK = " (aprofundamento)"
# O que faz uma seção pedir cálculo ou otimização numérica.
NEEDS = re.compile(r"\\frac\{d|derivando|derivada|L-BFGS|otimizador", re.I)


def sections(path) -> dict[str, str]:
    """Título ``##`` → texto Markdown da seção, de um capítulo."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_marked_sections_need_calculus_or_optimization():
    marked = {}
    for path in notebooks():
        for title, body in sections(path).items():
            if title.endswith(MARK):
                marked[f"{path.stem}: {title}"] = bool(NEEDS.search(body))
    assert marked, "nenhuma seção marcada"
    assert all(marked.values()), [k for k, ok in marked.items() if not ok]


def test_chapters_whose_prerequisites_warn_have_a_marked_section():
    """Quem avisa, na caixa "Pré-requisitos", que usa derivadas ou otimização numérica diz onde."""
    warned = 0
    for path in notebooks():
        box = re.search(r"admonition\} Pré-requisitos(.*?):::",
                        path.read_text(encoding="utf-8"), re.S)
        if box and re.search(r"derivadas|otimização numérica", box.group(1)):
            warned += 1
            assert any(t.endswith(MARK) for t in sections(path)), path.stem
    assert warned >= 2


def test_the_mark_is_explained_in_the_intro_and_the_primer():
    for page in ("intro.md", "minimo.md"):
        text = (ROOT / "book" / page).read_text(encoding="utf-8")
        assert re.search(r'"\(aprofundamento\)".*(derivadas|otimização)', text), page
