"""Regra da primeira ocorrência (CONTRIBUTING.md, Termos), capítulo a capítulo.

Em cada capítulo, a primeira vez que um termo aparece na prosa (fora de títulos, epígrafes,
código e fórmulas):
- um termo traduzido do glossário vem com o inglês do glossário em itálico, entre parênteses
  ou depois de "em inglês": ``{term}`parada antecipada` (*early stopping*)``;
- um termo que fica em inglês (``KEPT``) vem em itálico (``*token*``) ou ligado ao glossário.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, notebooks

GLOSSARY = (ROOT / "book" / "glossario.md").read_text(encoding="utf-8")

#: Os termos que ficam em inglês (CONTRIBUTING.md): substantivos comuns, em itálico na primeira
#: vez. Nomes e siglas (Transformer, L-BFGS, IsoFLOP, PF-dia, MMLU, BIG-bench) ficam em redondo.
KEPT = ["token", "embedding", "benchmark", "bootstrap", "widget", "ridge", "features",
        "few-shot", "zero-shot", "compute"]
#: Entradas do glossário que são palavras comuns da língua (ou siglas): dispensam o inglês.
COMMON = {"ajuste", "perda", "expoente", "acurácia", "extrapolação", "inferência",
          "regularização", "FLOP", "L-BFGS", "MMLU", "PF-dia"}


def glossary_terms(text: str = GLOSSARY) -> list[tuple[str, str]]:
    """(termo, inglês) das entradas do glossário cujo inglês vem em itálico."""
    return [(t, e) for t, e in re.findall(r"^(\S[^\n]*)\n  \(\*([^*]+)\*\)", text, re.M)
            if t not in COMMON]


_NOT_PROSE = [(r"```(?!\{).*?```", re.S), (r"\$\$.*?\$\$", re.S), (r"\$[^$\n]+\$", 0),
              (r"^#.*$", re.M), (r"^>.*$", re.M), (r"^(```|:::).*$", re.M),
              (r"^:\w[\w-]*:.*$", re.M), (r"\{(?!term\})[\w:-]+\}`[^`]*`", 0),
              (r"(?<!\})`[^`]*`", 0), (r"\]\([^)]*\)", 0), (r"<[^>\n]+>", 0),
              (r"\{\{[^}]*\}\}", 0)]


def mask(src: str) -> str:
    """O Markdown com o que não é prosa trocado por espaços (as posições não mudam)."""
    out = list(src)
    for pattern, flags in _NOT_PROSE:
        for m in re.finditer(pattern, src, flags=flags):
            out[m.start():m.end()] = re.sub(r"[^\n]", " ", m.group())
    return "".join(out)


def _role_end(src: str, i: int) -> int | None:
    """Se a posição ``i`` está dentro de um {term}`…`, onde o papel termina."""
    return next((m.end() for m in re.finditer(r"\{term\}`[^`]*`", src)
                 if m.start() <= i < m.end()), None)


def _first(masked: str, term: str):
    body = re.escape(term).replace(r"\ ", r"\s+")
    return re.search(r"(?<![\w-])" + body + r"(s|es)?(?![\w-])", masked, re.I)


def _translated_ok(src: str, m, english: str) -> bool:
    j = _role_end(src, m.start()) or m.end()
    while j < len(src) and src[j] == "*":  # depois do negrito
        j += 1
    rest = src[j:j + 200].lstrip(" ")
    if rest.startswith("("):
        gloss = rest[1:rest.find(")")] if ")" in rest else rest
    elif rest.startswith(", em inglês"):
        gloss = rest[:60]
    else:
        return False
    return f"*{english.lower().rstrip('s')}" in gloss.lower()


def _kept_ok(src: str, m) -> bool:
    if _role_end(src, m.start()) is not None:
        return True
    return src[m.start() - 1:m.start()] == "*" and src[m.end():m.end() + 1] == "*"


def violations(src: str, glossary: str = GLOSSARY) -> list[str]:
    """Os termos cuja primeira ocorrência em ``src`` (um capítulo) não segue a regra."""
    masked = mask(src)
    bad = []
    for term in KEPT:
        m = _first(masked, term)
        if m and not _kept_ok(src, m):
            bad.append(f"{term} (sem itálico): …{src[max(0, m.start() - 40):m.end() + 40]}…")
    for term, english in glossary_terms(glossary):
        m = _first(masked, term)
        if m and not _translated_ok(src, m, english):
            bad.append(f"{term} (sem *{english}*): …{src[max(0, m.start() - 40):m.end() + 40]}…")
    return bad


def _chapter(path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", notebooks(), ids=lambda p: p.stem)
def test_first_use_of_each_term_follows_the_rule(path):
    assert violations(_chapter(path)) == []


def test_the_term_list_is_the_glossary():
    terms = dict(glossary_terms())
    assert len(terms) >= 25 and terms["parada antecipada"] == "early stopping"
    assert COMMON <= set(re.findall(r"^(\S[^\n]*)\n  \(", GLOSSARY, re.M))  # nomes de verdade


def test_first_use_check_catches_what_it_should():
    bad = [
        "A {term}`parada antecipada` interrompe o treino.",  # sem o inglês
        "Uma parada antecipada vem antes da {term}`parada antecipada` (*early stopping*).",
        "Cada token custa; *tokens* em itálico só depois.",  # token sem itálico na 1ª vez
        "O compute de treino.",
        "# Título com token\n\nA lei de escala (*power law*) está errada.",  # inglês trocado
    ]
    good = [
        "A {term}`parada antecipada` (*early stopping*) interrompe o treino; parada antecipada.",
        "A **{term}`lei de escala`** (*scaling law*) e a lei de escala.",
        "As {term}`features aleatórias`, em inglês *random features*, e as *features*.",
        "# Título com token\n\n> epígrafe com token\n\nUm *token* e `token` e $token$ e tokens.",
        "O {term}`compute` de treino; o compute.",
    ]
    assert [violations(t) != [] for t in bad] == [True] * len(bad)
    assert [violations(t) for t in good] == [[]] * len(good)
