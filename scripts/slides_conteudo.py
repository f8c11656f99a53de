"""O conteúdo dos slides: cada caderno dos alunos vira, em memória, um caderno de slides.

Só células Markdown saem daqui, com o tipo de slide do reveal.js atribuído por regra (nada é
gravado nos cadernos do livro):

- o título do capítulo, com a epígrafe, abre o primeiro slide;
- as caixas "Objetivos" e "Pré-requisitos" vêm logo depois do título, e cada "Ideia-chave" ganha
  um slide no lugar em que aparece;
- cada título ``##`` abre um slide; da prosa logo abaixo fica só a primeira frase (as seções
  "Explore …", de widgets, ficam no site);
- as fórmulas em destaque (``$$``) da prosa ganham um slide vertical cada, com a frase que as
  apresenta; o resto da prosa fica de fora (está no livro);
- cada figura ganha um slide vertical, com a mesma imagem e a mesma legenda do livro;
- cada exercício sem código ganha um slide vertical (enunciado só, como no caderno dos alunos);
- o resumo e o teste rápido (já sem respostas nos cadernos dos alunos) vão inteiros.

O código, as tabelas, os widgets, as soluções (que nem existem nos cadernos dos alunos) e as
notas ficam de fora. Os papéis do MyST viram texto ({cite:t} vira "Autor et al. (ano)").
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPENING_BOXES = ("Objetivos", "Pré-requisitos")
KEPT_BOXES = ("Ideia-chave",)
FULL_SECTIONS = ("## Resumo", "## Para saber mais", "## Teste rápido")

ROLE = re.compile(r"\{([a-z]+)(?::([a-z]+))?\}`([^`]*)`")
BOX = re.compile(r":::\{admonition\} (?P<title>[^\n]*)\n(?::class:[^\n]*\n)?(?P<body>.*?)\n:::",
                 re.S)
EXERCISE = re.compile(r"```\{exercise\}\n:label: (?P<label>[^\n]+)\n\n(?P<body>.*?)\n```", re.S)
DISPLAY = re.compile(r"\$\$.+?\$\$", re.S)
SENTENCE_END = re.compile(r"(?<!\bal\.)(?<!\bp\.)(?<=[.?!])\s")


def _src(cell: dict) -> str:
    s = cell["source"]
    return s if isinstance(s, str) else "".join(s)


def _authors(text: str | None = None) -> dict[str, str]:
    """Chave do references.bib (ou de ``text``) → ("Sobrenome et al." ou "A e B", ano): o
    rótulo das citações (o ano leva a letra que separa duas obras iguais, 2023a e 2023b)."""
    if text is None:
        text = (ROOT / "references.bib").read_text(encoding="utf-8")
    out = {}
    for key, body in re.findall(r"@\w+\{([^,]+),(.*?)\n\}", text, re.S):
        author = re.search(r"author\s*=\s*\{(.*)\},?\n", body)
        year = re.search(r"year\s*=\s*\{(\d{4}[a-z]?)\}", body)
        names = [a.split(",")[0].strip(" {}") for a in author.group(1).split(" and ")] \
            if author else ["?"]
        who = names[0] if len(names) == 1 else (
            f"{names[0]} e {names[1]}" if len(names) == 2 and names[1] != "others"
            else f"{names[0]} et al.")
        out[key.strip()] = (who, year.group(1) if year else "s.d.")
    return out


def _doc_title(target: str, base: Path) -> str:
    """O título (primeira linha ``# ``) de uma página ou de um capítulo."""
    import json

    path = (base / target).with_suffix(".md")
    if path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        nb = json.loads((base / target).with_suffix(".ipynb").read_text(encoding="utf-8"))
        lines = _src(nb["cells"][0]).splitlines()
    return next(line[2:].strip() for line in lines if line.startswith("# "))


def plain_roles(text: str, bib: dict, base: Path) -> str:
    """Os papéis do MyST em texto: termos, citações, documentos e referências."""
    def role(m):
        kind, sub, arg = m.group(1), m.group(2), m.group(3)
        label = re.match(r"(.*?)\s*<(.+)>$", arg)
        if label and kind != "cite":
            return label.group(1)
        if kind == "term":
            return arg
        if kind == "cite":
            refs = [bib[k.strip()] for k in arg.split(",")]
            if sub == "t":
                return "; ".join(f"{who} ({year})" for who, year in refs)
            return "(" + "; ".join(f"{who}, {year}" for who, year in refs) + ")"
        if kind == "doc":
            return f"“{_doc_title(arg, base)}”"
        if kind in ("numref", "ref"):
            return {"fig": "a figura do livro", "ex": "o exercício do livro",
                    "tab": "a tabela do livro"}.get(arg.split("-")[0], "o livro")
        return arg
    text = ROLE.sub(role, text)
    # "em {numref}`fig-x`" → "em a figura do livro" → "na figura do livro"; quando a palavra de
    # antes já traz o artigo ("Use a {numref}`fig-x`", "na", "da", "ao", "pela"…), o do papel
    # sai: "Use a figura do livro", não "Use a a figura do livro".
    def contract(m):
        before, article, noun = m.groups()
        if before in ("em", "de"):
            return {"em": "n", "de": "d"}[before] + article + " " + noun
        return f"{before} {noun}"

    return re.sub(r"(?<![\w-])(em|de|[Nn]?[AaOo]|[Dd][ao]|[ÀàAa]o|à|À|pel[ao]) (a|o) "
                  r"(figura|exercício|tabela|livro)\b", contract, text)


def first_sentence(text: str) -> str:
    """A primeira frase da prosa; se ela anuncia uma lista (termina em dois-pontos), com a lista."""
    blocks = text.strip().split("\n\n")
    paragraph = blocks[0].replace("\n", " ")
    if paragraph.startswith(("-", ">", "|", "1.", "$$", ":::", "```")):
        return ""
    sentence = SENTENCE_END.split(paragraph, maxsplit=1)[0]
    if sentence.endswith((".", "?", "!")):
        return sentence
    if not sentence.endswith(":"):
        return ""  # a frase continua numa fórmula em destaque, que tem o seu slide
    if sentence == paragraph and len(blocks) > 1 and blocks[1].startswith("- "):
        return f"{sentence}\n\n{blocks[1]}"
    return ""  # anuncia uma fórmula ou uma tabela, que ficam no livro


def _md(text: str, slide_type: str) -> dict:
    return {"cell_type": "markdown", "metadata": {"slideshow": {"slide_type": slide_type}},
            "source": text.strip() + "\n"}


def _pngs(cell: dict) -> list[str]:
    """As imagens PNG de uma célula que é figura do livro (legenda nos metadados); senão []."""
    if "figure" not in cell["metadata"].get("mystnb", {}):
        return []
    return [o["data"]["image/png"] for o in cell.get("outputs", [])
            if "image/png" in o.get("data", {})]


def _figure(cell: dict, images: list[tuple[str, bytes]], stem: str, number: str) -> str | None:
    """O slide de uma figura, com o número que ela tem no livro (``number``, como "2.4")."""
    pngs = _pngs(cell)
    if not pngs:
        return None
    meta = cell["metadata"]["mystnb"]
    name = f"{stem}/fig-{len(images) + 1}.png"
    images.append((name, base64.b64decode(pngs[0])))
    alt = meta.get("image", {}).get("alt", "").replace('"', "&quot;")
    return (f'<figure><img src="{name}" alt="{alt}">\n\n'
            f'<figcaption>\n\n<span class="caption-number">Figura {number}</span> '
            f'{meta["figure"]["caption"]}\n\n</figcaption></figure>')


def _split_boxes(text: str) -> tuple[str, list[tuple[str, str]]]:
    boxes = [(m.group("title"), m.group("body")) for m in BOX.finditer(text)]
    return BOX.sub("", text), boxes


def slide_cells(nb: dict, stem: str, chapter: int) -> tuple[list[dict], list]:
    """As células de slide de um caderno dos alunos e as imagens (nome, bytes) das figuras."""
    bib, base = _authors(), ROOT / "notebooks"
    cells, images, exercises, full = [], [], [0], False
    figures = 0  # as figuras do capítulo, numeradas como no livro (numfig: capítulo.ordem)
    opening: list[dict] = []  # "Objetivos" e "Pré-requisitos", logo depois do título

    def add(text, slide_type):
        cells.append(_md(plain_roles(text, bib, base), slide_type))

    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            figures += bool(_pngs(cell))
            fig = None if full else _figure(cell, images, stem, f"{chapter}.{figures}")
            if fig:
                add(fig, "subslide")
            continue
        def to_opening(m):
            if m.group("title") not in OPENING_BOXES:
                return m.group(0)  # fica onde está
            opening.append(_md(plain_roles(f"### {m.group('title')}\n\n{m.group('body')}",
                                           bib, base), "subslide"))
            return ""

        text = BOX.sub(to_opening, _src(cell))
        for part in re.split(r"\n(?=## )", text):
            full = _markdown(part, add, cells, chapter, exercises, full)
    return cells[:1] + opening + cells[1:], images


def _markdown(text, add, cells, chapter, exercises, full) -> bool:
    """Os slides de um trecho Markdown (que começa, no máximo, com um título ``##``)."""
    text, boxes = _split_boxes(text)
    for m in EXERCISE.finditer(text):
        exercises[0] += 1
        if "Complete o código" not in m.group("body"):
            add(f"### Exercício {chapter}.{exercises[0]}\n\n{m.group('body')}", "subslide")
    text = EXERCISE.sub("", text).strip()
    if text.startswith("# "):
        title, _, rest = text.partition("\n\n")
        quote = rest.split("\n\n")[0] if rest.startswith(">") else ""
        add(f"{title}\n\n{quote}", "slide")
    elif text.startswith(FULL_SECTIONS):
        full = True
        if text.startswith("## Teste rápido"):
            title, _, rest = text.partition("\n\n")
            parts = re.split(r"\n(?=\*\*\d+\.\*\*)", rest)
            add(title, "slide")
            for q in parts[1:]:
                add(q.replace("*Resposta: com o professor.*", ""), "subslide")
        else:  # o resumo; cada subtítulo (### Para saber mais) num slide vertical
            for k, part in enumerate(re.split(r"\n(?=###? )", text)):
                add(part, "subslide" if k else "slide")
    elif text.startswith("## Explore"):
        return False  # a seção de um widget: fica no site
    elif text.startswith("## ") and text != "## Exercícios":
        full = False
        title, _, rest = text.partition("\n\n")
        add(f"{title}\n\n{first_sentence(rest)}", "slide")
        text = rest
    elif text.strip() == "## Exercícios":
        add("## Exercícios\n\nEm duplas; as soluções ficam com o professor.", "slide")
        return full
    if not text.startswith(("# ", "## ")):
        for m in DISPLAY.finditer(text):
            before = text[:m.start()].rstrip().split("\n")[-1] if m.start() else ""
            add(f"{before}\n\n{m.group(0)}", "subslide")
    for title, body in boxes:
        if title in KEPT_BOXES:
            add(f"### {title}\n\n{body}", "subslide" if cells else "slide")
    return full
