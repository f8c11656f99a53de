#!/usr/bin/env python3
"""Imprime o livro inteiro num PDF com o Chromium headless (o mesmo dos testes do site).

Lê a construção de página única (``jupyter-book build . --builder singlehtml``), serve-a em
127.0.0.1, bloqueia qualquer outro endereço, espera as figuras e as fontes e imprime em A4
(as fórmulas já vêm compostas no HTML, ver _ext/formulas.py).
Uso: python scripts/print_pdf.py [--opcional] [--abrir] [--capitulos 01,03] PASTA SAIDA.pdf

Com ``--abrir`` (o gabarito do professor), todas as respostas escondidas em ``<details>`` (as do
teste rápido) saem abertas no papel; sem ele, ficam fechadas como no site.

Com ``--capitulos 01,02,03,06`` (``make apostila CAPITULOS="01 02 03 06"``), só esses capítulos
vão para o papel: os outros capítulos saem da página antes da impressão (as páginas do livro,
como "O mínimo para começar" e o glossário, ficam).

Sem o Chromium, diz numa frase o que falta e como instalar. Com ``--opcional`` (o ``make
test`` fora da CI), pula o PDF e sai com 0; na CI (``CI=true``) e no ``make pdf``, falha.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve

CHROMIUM = "/usr/bin/chromium"
MISSING = ("Chromium não encontrado em /usr/bin/chromium: {what}; instale-o com "
           "'sudo apt-get install chromium'.")
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555">'
          'As Leis de Escala — <span class="pageNumber"></span>/<span class="totalPages"></span>'
          "</div>")
#: A página A4 e as margens do PDF; o que se imprime ocupa a largura entre as margens
#: (tests/test_impressao.py confere que código, saídas e tabelas cabem nela).
PAGE_WIDTH_MM = 210
MARGIN = {"top": "15mm", "bottom": "18mm", "left": "14mm", "right": "14mm"}


def content_width_px() -> int:
    """A largura útil da página, em px de CSS (96 por polegada), como o Chromium a compõe."""
    mm = PAGE_WIDTH_MM - float(MARGIN["left"][:-2]) - float(MARGIN["right"][:-2])
    return int(mm * 96 / 25.4)


#: Tira da página única os capítulos fora da lista (cada documento é um <span id="document-…">
#: seguido da sua <section>).
DROP_CHAPTERS = """keep => document.querySelectorAll('span[id^="document-notebooks/"]')
  .forEach(s => {
    const stem = s.id.slice('document-notebooks/'.length);
    if (keep.includes(stem.slice(0, 2))) return;
    const section = s.nextElementSibling;
    if (section && section.tagName === 'SECTION') section.remove();
    s.remove();
})"""


def chapters_arg(value: str) -> list[str]:
    """``"01,3 06"`` → ``["01", "03", "06"]``; erro claro se não for uma lista de números."""
    items = [v for v in re.split(r"[\s,]+", value.strip()) if v]
    if not items or not all(v.isdigit() and 1 <= int(v) <= 99 for v in items):
        raise SystemExit(f"print_pdf: --capitulos espera números de capítulo, como 01,02,03,06; "
                         f"recebido {value!r}")
    return [f"{int(v):02d}" for v in items]


def print_pdf(site: Path, out: Path, open_answers: bool = False,
              chapters: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    if not (site / "index.html").is_file():
        print(f"print_pdf: {site}/index.html não existe; construa antes (make pdf).",
              file=sys.stderr)
        return 2
    # O singlehtml grava a página única em book/intro.html (a raiz do sumário), mas com os
    # caminhos relativos à raiz do site; uma cópia na raiz resolve figuras e estilos.
    target = re.search(r'url=([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    single = site / (target.group(1) if target else "index.html")
    (site / "livro.html").write_text(single.read_text(encoding="utf-8"), encoding="utf-8")
    httpd, base = serve.start(site)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                       or r.request.url.startswith("data:") else r.abort())
            page.goto(f"{base}/livro.html", wait_until="load")
            # No site, as figuras abaixo da primeira tela esperam o leitor (loading="lazy");
            # no papel, todas vêm já.
            page.evaluate("() => document.querySelectorAll('img[loading=lazy]')"
                          ".forEach(i => { i.loading = 'eager'; })")
            page.wait_for_function("() => [...document.images].every(i => i.complete)",
                                   timeout=60_000)
            if chapters:
                page.evaluate(DROP_CHAPTERS, chapters)
            if open_answers:
                page.evaluate("() => document.querySelectorAll('details')"
                              ".forEach(d => { d.open = true; })")
            page.evaluate("() => document.fonts.ready")
            page.emulate_media(media="print")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True,
                     display_header_footer=True, header_template="<div></div>",
                     footer_template=FOOTER,
                     margin=MARGIN)
            browser.close()
    finally:
        httpd.shutdown()
    print(f"PDF: {out}")
    return 0


def main(args: list[str]) -> int:
    optional = "--opcional" in args
    open_answers = "--abrir" in args
    args = [a for a in args if a not in {"--opcional", "--abrir"}]
    chapters = None
    if "--capitulos" in args:
        i = args.index("--capitulos")
        if i + 1 >= len(args):
            raise SystemExit("print_pdf: --capitulos precisa da lista, como 01,02,03,06")
        chapters = chapters_arg(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print("uso: print_pdf.py [--opcional] [--abrir] [--capitulos 01,03] PASTA SAIDA.pdf",
              file=sys.stderr)
        return 2
    if not Path(CHROMIUM).is_file():
        in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
        if optional and not in_ci:
            print(MISSING.format(what="o PDF e os testes do site serão pulados"))
            return 0
        print(MISSING.format(what="sem ele não há PDF"), file=sys.stderr)
        return 1
    return print_pdf(Path(args[0]), Path(args[1]), open_answers, chapters)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
