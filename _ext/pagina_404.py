"""Página 404 em português (``404.html`` na raiz do site, como o GitHub Pages espera).

Uma página de erro é servida em qualquer endereço, em qualquer profundidade: caminhos
relativos para o CSS do tema quebrariam. Por isso ela é autocontida (estilo embutido, claro e
escuro) e acha a raiz do site sozinha: no GitHub Pages de um projeto, a raiz é ``/<repositório>/``
(de ``repository.url`` no ``_config.yml``); servida localmente, é ``/``.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlparse

from sphinx.application import Sphinx

PAGE = """<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Página não encontrada — {title}</title>
<style>
  :root {{ color-scheme: light dark; }}
  body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto;
         padding: 0 1.25rem; line-height: 1.6; color: #222; background: #fff; }}
  a {{ color: #0b55b8; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #e6e6e6; background: #121212; }}
    a {{ color: #7cb7ff; }}
  }}
</style>
</head>
<body>
<main>
<h1>Página não encontrada</h1>
<p>O endereço que você abriu não existe em <em>{title}</em>.
Talvez o capítulo tenha mudado de nome ou o endereço tenha sido digitado com um erro.</p>
<p><a id="inicio" href="/">Ir para o início do livro</a> e procurar pelo sumário ou pela busca.</p>
</main>
<script>
  // No GitHub Pages de um projeto, o livro mora em /{repo}/; localmente, na raiz.
  const prefix = "/{repo}/";
  if ("{repo}" && location.pathname.startsWith(prefix)) {{
    document.getElementById("inicio").href = prefix;
  }}
</script>
</body>
</html>
"""


def _repository_name(app: Sphinx) -> str:
    url = app.config.html_theme_options.get("repository_url", "") or ""
    parts = [p for p in urlparse(url).path.split("/") if p]
    return parts[-1] if parts else ""


def _write_404(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    page = PAGE.format(title=html.escape(app.config.html_title or app.config.project),
                       repo=html.escape(_repository_name(app)))
    (Path(app.outdir) / "404.html").write_text(page, encoding="utf-8")


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", _write_404)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
