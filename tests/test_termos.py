"""Regra da primeira ocorrência (CONTRIBUTING.md, Termos), capítulo a capítulo.

Em cada capítulo, a primeira vez que um termo aparece na prosa (fora de títulos, epígrafes,
código e fórmulas):
- um termo traduzido do glossário vem com o inglês do glossário em itálico, entre parênteses
  ou depois de "em inglês": ``{term}`parada antecipada` (*early stopping*)``;
- um termo que fica em inglês (``KEPT``) vem em itálico, mesmo ligado ao glossário: ``*token*``
  ou ``*{term}`widget`*`` (o papel sozinho vira um link em redondo). Dentro de um termo
  composto do glossário ({term}`features aleatórias`), vale a primeira ocorrência solta.

Só títulos e epígrafes não contam (CONTRIBUTING.md): o quadro Objetivos, as tabelas em Markdown
e o conteúdo das diretivas (exercícios, soluções, notas) são prosa; os blocos de código, as
fórmulas e o código em linha, não. Um termo composto vale também no plural ("curvas IsoFLOP",
"leis de escala").
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


_NOT_PROSE = [(r"\$\$.*?\$\$", re.S), (r"\$[^$\n]+\$", 0),
              (r"^#.*$", re.M), (r"^>.*$", re.M), (r"^(```|:::).*$", re.M),
              (r"^:\w[\w-]*:.*$", re.M), (r"\]\([^)]*\)", 0), (r"<[^>\n]+>", 0),
              (r"\{\{[^}]*\}\}", 0)]
#: Papéis ({doc}`…`, {term}`…`) e código em linha, lidos da esquerda para a direita, cada um
#: numa linha só: a crase que fecha um papel não abre código.
_INLINE = re.compile(r"\{[\w:-]+\}`[^`\n]*`|`[^`\n]*`")
#: Diretivas cercadas cujo conteúdo é código, não prosa.
_CODE_DIRECTIVES = ("{code-cell}", "{code-block}", "{code}", "{math}")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}|:{3,})[ \t]*(\S*)[^\n]*$", re.M)


def code_blocks(src: str) -> list[tuple[int, int]]:
    """As faixas (início, fim) dos blocos cercados de código. Cada cerca se fecha com uma cerca
    do mesmo caractere, pelo menos tão longa e sem nada depois; o conteúdo de uma diretiva
    (exercício, solução, quadro) é prosa, o de um bloco de código (```python, ``` sozinho) não."""
    spans, stack = [], []  # stack: (cerca, é código, onde o conteúdo começa)
    for m in _FENCE.finditer(src):
        fence, info = m[1], m[2]
        top = stack[-1] if stack else None
        if top and not info and fence[0] == top[0][0] and len(fence) >= len(top[0]):
            stack.pop()
            if top[1]:
                spans.append((top[2], m.start()))
        elif not (top and top[1]):  # dentro de um bloco de código, uma cerca é texto
            stack.append((fence, not info.startswith("{") or info in _CODE_DIRECTIVES,
                          m.end()))
    return spans


def mask(src: str) -> str:
    """O Markdown com o que não é prosa trocado por espaços (as posições não mudam)."""
    out = list(src)
    spans = code_blocks(src) + [m.span() for pattern, flags in _NOT_PROSE
                                for m in re.finditer(pattern, src, flags=flags)]
    spans += [m.span() for m in _INLINE.finditer(src) if not m[0].startswith("{term}")]
    for start, end in spans:
        out[start:end] = re.sub(r"[^\n]", " ", src[start:end])
    return "".join(out)


def _role_end(src: str, i: int) -> int | None:
    """Se a posição ``i`` está dentro de um {term}`…`, onde o papel termina."""
    return next((m.end() for m in re.finditer(r"\{term\}`[^`\n]*`", src)
                 if m.start() <= i < m.end()), None)


#: Palavras de ligação que não vão ao plural num termo composto.
_LINKS = {"de", "do", "da", "dos", "das", "sem", "com", "em"}


def _plural(word: str) -> str:
    """A palavra com o plural opcional: curva/curvas, lote/lotes, irredutível/irredutíveis,
    alocação/alocações."""
    w = re.escape(word)
    if word in _LINKS:
        return w
    forms = [w + "(?:s|es)?"]
    if word.endswith("ão"):
        forms.append(re.escape(word[:-2]) + "ões")
    elif word.endswith("l"):
        forms.append(re.escape(word[:-1]) + "is")
    elif word.endswith("m"):
        forms.append(re.escape(word[:-1]) + "ns")
    return "(?:" + "|".join(forms) + ")"


def _first(masked: str, term: str):
    """A primeira ocorrência do termo, no singular ou no plural (também o plural de um termo
    composto: "curvas IsoFLOP", "leis de escala", "intervalos de confiança")."""
    body = r"\s+".join(_plural(w) for w in term.split())
    return re.search(r"(?<![\w-])" + body + r"(?![\w-])", masked, re.I)


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


#: Um trecho em itálico numa linha: *…* (não o negrito **…**) ou ***…***.
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)[^*\n]+?(?<!\*)\*(?![*\w])|\*\*\*[^*\n]+?\*\*\*")


def _in_italics(src: str, m) -> bool:
    return any(i.start() < m.start() and m.end() < i.end() for i in _ITALIC.finditer(src))


def _inside_compound_term(src: str, m, term: str) -> bool:
    """A ocorrência está dentro do papel de um termo composto do glossário que a contém
    ({term}`features aleatórias`): esse termo segue a regra dos termos traduzidos."""
    for role in re.finditer(r"\{term\}`([^`<\n]*)(?:<[^`\n]*>)?`", src):
        if role.start() <= m.start() < role.end():
            return _first(role[1].strip(), term).group(0) != role[1].strip()
    return False


def _first_kept(src: str, masked: str, term: str):
    """A primeira ocorrência de um termo que fica em inglês, fora de um termo composto."""
    body = r"\s+".join(_plural(w) for w in term.split())
    return next((m for m in re.finditer(r"(?<![\w-])" + body + r"(?![\w-])", masked, re.I)
                 if not _inside_compound_term(src, m, term)), None)


def _kept_ok(src: str, m) -> bool:
    """Em itálico, mesmo ligado ao glossário: *token* ou *{term}`widget`* (o papel sozinho
    vira um link em redondo)."""
    return _in_italics(src, m)


def violations(src: str, glossary: str = GLOSSARY) -> list[str]:
    """Os termos cuja primeira ocorrência em ``src`` (um capítulo) não segue a regra."""
    masked = mask(src)
    bad = []
    for term in KEPT:
        m = _first_kept(src, masked, term)
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
        # o papel sozinho vira um link em redondo: o termo inglês pede o itálico em volta
        "O {term}`compute` de treino; o *compute*.",
        "A célula do {term}`widget`, que o site omite.",
        "Todos os {term}`benchmarks <benchmark>`, e os **{term}`tokens <token>`**.",
        "O número de features das {term}`features aleatórias` (*random features*).",
    ]
    good = [
        "A {term}`parada antecipada` (*early stopping*) interrompe o treino; parada antecipada.",
        "A **{term}`lei de escala`** (*scaling law*) e a lei de escala.",
        "As {term}`features aleatórias`, em inglês *random features*, e as *features*.",
        "# Título com token\n\n> epígrafe com token\n\nUm *token* e `token` e $token$ e tokens.",
        "O *{term}`compute`* de treino; o compute.",
        "A célula do *{term}`widget`*; todos os *{term}`benchmarks <benchmark>`*.",
        "Os ***{term}`tokens <token>`*** e os tokens.",
    ]
    assert [violations(t) != [] for t in bad] == [True] * len(bad)
    assert [violations(t) for t in good] == [[]] * len(good)


def test_mask_keeps_the_prose_between_roles_and_inside_solutions():
    """O código em linha não atravessa linhas, e o conteúdo de uma diretiva (solução, exercício,
    quadro) é prosa; só um bloco de código de verdade sai."""
    bad = [
        # a crase final de {cite:p} não casa com a próxima crase, duas linhas abaixo
        "Texto {cite:p}`x`.\nUm piso aqui.\nOutra {term}`piso` (*floor*).",
        "Ver o {doc}`capítulo 1 <01-x>` e o piso, com o {term}`compute`.\n"
        "O {term}`piso` (*floor*).",
        # a cerca que fecha {solution-start} não abre um bloco que engole a solução
        "```{solution-start} ex-1\n:class: dropdown\n```\n\nUm piso na solução.\n\n"
        "```{solution-end}\n```\n\nO {term}`piso` (*floor*).",
        "```{exercise}\n:label: ex-1\nCalcule o compute.\n```",
        ":::{admonition} Objetivos\n:class: tip\n- Explicar o piso.\n:::\n\nO piso (*floor*).",
    ]
    good = [
        "```python\nfloor = piso = 1  # piso\n```\n\nO {term}`piso` (*floor*).",
        "````{exercise}\n```\ncompute = 1\n```\nO *compute*.\n````",
        "Um `piso`\ne `compute` em código; o {term}`piso` (*floor*) e o *compute*.",
    ]
    assert [violations(t) != [] for t in bad] == [True] * len(bad)
    assert [violations(t) for t in good] == [[]] * len(good)


def test_first_use_recognizes_the_plural_of_compound_terms():
    for text, term in [("As curvas IsoFLOP, e a {term}`curva IsoFLOP` (*IsoFLOP curve*).",
                        "curva IsoFLOP"),
                       ("Das leis de escala.", "lei de escala"),
                       ("Os intervalos\nde confiança.", "intervalo de confiança"),
                       ("A soma das perdas de Huber.", "perda de Huber"),
                       ("As perdas irredutíveis.", "perda irredutível"),
                       ("As alocações ótimas.", "alocação ótima"),
                       ("Os lotes críticos.", "lote crítico")]:
        bad = violations(text)
        assert len(bad) == 1 and bad[0].startswith(term + " (sem"), (text, bad)
    assert violations("As {term}`curvas IsoFLOP <curva IsoFLOP>` (*IsoFLOP curves*).") == []
    assert violations("As {term}`leis de escala <lei de escala>` (*scaling laws*).") == []
    assert violations("As perdas de Huber, em inglês *Huber loss*, e a perda de Huber.") == []
    assert violations("A lei de escalabilidade e os intervalos confiáveis.") == []
