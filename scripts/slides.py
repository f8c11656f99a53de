#!/usr/bin/env python3
"""Slides de cada capítulo, feitos do próprio livro (``make slides``).

Cada caderno dos alunos (``alunos/``, sem soluções nem respostas) vira em memória um caderno de
slides (``scripts/slides_conteudo.py``: as mesmas figuras, legendas e fórmulas do livro, com o
tipo de slide atribuído por regra); ``jupyter nbconvert`` (o exportador de slides, reveal.js) o
transforma em HTML com o modelo ``scripts/slides_modelo/livro_slides``. Nada é gravado nos
cadernos. O reveal.js e o KaTeX vêm do npm e são servidos pelo site (``_static/``, ver
scripts/vendor_assets.sh): os slides funcionam sem internet. As fórmulas são compostas aqui
pelo KaTeX no node, como no livro (``_ext/formulas.py``): o navegador não roda matemática.

Saída: ``_build/html/slides/NN-nome.html`` e as figuras em ``_build/html/slides/NN-nome/``.
Uso: python scripts/slides.py [pasta do site]   (padrão: _build/html; o site já construído)
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import slides_conteudo

ROOT = slides_conteudo.ROOT
ALUNOS = ROOT / "alunos"
MODELO = ROOT / "scripts" / "slides_modelo"
KATEX = ROOT / "node_modules" / "katex" / "dist" / "katex.min.js"

INLINE = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]+?)\$")
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
MARK = re.compile(r"KATEX[DM](\d{5})Z")
NODE_KATEX = """
const katex = require(process.argv[1]);
const itens = JSON.parse(require("fs").readFileSync(0, "utf8"));
const saida = itens.map(([tex, display]) => katex.renderToString(tex, {
  displayMode: display, throwOnError: true, output: "htmlAndMathml"}));
process.stdout.write(JSON.stringify(saida));
"""


class Formulas:
    """Troca cada fórmula por uma marca; depois, cada marca pelo HTML do KaTeX."""

    def __init__(self):
        self.items: list[tuple[str, bool]] = []

    def _mark(self, tex: str, display: bool) -> str:
        self.items.append((tex.strip(), display))
        kind = "D" if display else "M"
        mark = f"KATEX{kind}{len(self.items) - 1:05d}Z"
        return f"\n\n{mark}\n\n" if display else mark

    def protect(self, text: str) -> str:
        text = DISPLAY.sub(lambda m: self._mark(m.group(1), True), text)
        return INLINE.sub(lambda m: self._mark(m.group(1), False), text)

    def render(self) -> list[str]:
        if not KATEX.is_file():
            raise SystemExit("slides: node_modules/katex ausente; rode 'make vendor' "
                             "(precisa do npm).")
        out = subprocess.run(["node", "-e", NODE_KATEX, str(KATEX)], check=True,
                             input=json.dumps(self.items), capture_output=True, text=True)
        return json.loads(out.stdout)

    def restore(self, html: str, rendered: list[str]) -> str:
        def attribute(m):  # dentro de um atributo: o TeX (alt) ou nada (id e âncora)
            name, value = m.group(1), m.group(2)
            tex = "" if name in ("id", "href") else None
            value = MARK.sub(lambda k: tex if tex is not None else
                             htmllib.escape(self.items[int(k.group(1))][0]), value)
            return f'{name}="{value}"'

        html = re.sub(r'<a class="anchor-link" href="[^"]*">\u00b6</a>', "", html)  # inúteis aqui
        html = re.sub(r'([\w-]+)="([^"]*KATEX[DM]\d{5}Z[^"]*)"', attribute, html)
        html = re.sub(r"<p>\s*KATEXD(\d{5})Z\s*</p>", lambda m: rendered[int(m.group(1))], html)
        html = MARK.sub(lambda m: rendered[int(m.group(1))], html)
        if MARK.search(html):
            raise ValueError("slides: sobrou uma marca de fórmula sem composição")
        return html


def chapter_title(nb: dict) -> str:
    return slides_conteudo._src(nb["cells"][0]).splitlines()[0].lstrip("# ").strip()


def build(site: Path) -> list[Path]:
    import nbformat
    from nbconvert import SlidesExporter

    static = site / "_static"
    if not (static / "reveal" / "reveal.js").is_file():
        raise SystemExit(f"slides: {static}/reveal/reveal.js ausente; construa o site antes "
                         "(make book, que roda make vendor).")
    out_dir = site / "slides"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    formulas, decks = Formulas(), []
    exporter = SlidesExporter(template_name="livro_slides", extra_template_basedirs=[str(MODELO)])
    for path in sorted(ALUNOS.glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells, images = slides_conteudo.slide_cells(nb, path.stem, int(path.name[:2]))
        for cell in cells:
            cell["source"] = formulas.protect(cell["source"])
        deck = nbformat.v4.new_notebook(cells=[
            nbformat.v4.new_markdown_cell(c["source"], metadata=c["metadata"]) for c in cells])
        deck.metadata["language_info"] = {"name": "python"}
        html, _ = exporter.from_notebook_node(
            deck, resources={"livro": {"titulo": chapter_title(nb)}})
        (out_dir / path.stem).mkdir()
        for name, data in images:
            (out_dir / name).write_bytes(data)
        decks.append((out_dir / f"{path.stem}.html", html))
    rendered = formulas.render()
    for target, html in decks:
        target.write_text(formulas.restore(html, rendered), encoding="utf-8")
    return [t for t, _ in decks]


def main(args: list[str]) -> int:
    site = Path(args[0]) if args else ROOT / "_build" / "html"
    decks = build(site)
    print(f"slides: {len(decks)} apresentações em {site / 'slides'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
