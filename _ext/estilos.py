"""Uma só folha de estilos por página, só com as regras que o site usa.

O tema e as extensões põem no ``<head>`` treze folhas de estilos, e o ``theme.css`` ainda
importa o ``basic.css`` (uma ida e volta à rede a mais, em série). Num celular em 4G lento a
primeira pintura espera por todas: ≈ 100 KB com gzip, dos quais o ``pydata-sphinx-theme.css``
(Bootstrap inteiro e as regras do Font Awesome) é dois terços e 90 % dele não serve a página
nenhuma. No fim da construção (``build-finished``), esta extensão:

1. junta as folhas locais de cada página, na ordem do tema (com os ``@import`` resolvidos e
   os ``url()`` reescritos para a nova pasta), num arquivo ``_static/estilos-<hash>.css``;
2. tira dele as regras cujos seletores citam uma classe ou um id que não aparece em nenhuma
   página do site nem em nenhum script de ``_static`` (como o PurgeCSS: qualquer palavra
   de um script conta, então as classes que os scripts põem depois, como ``show`` do
   Bootstrap ou as dos widgets, ficam). Ficam também as regras ``@font-face``,
   ``@keyframes`` e afins, e o que estiver dentro de ``@media`` e ``@supports`` é filtrado
   do mesmo modo;
3. tira as regras ``.fa-*::before { content: … }`` do Font Awesome: os ícones são SVG
   (_assets/icones.css anula o ``content`` de todas elas);
4. troca, em cada HTML, os ``<link rel="stylesheet">`` locais por um só ``<link>``.

O nome leva o hash do conteúdo: um navegador com a versão antiga em cache não a usa.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx

LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\s*', re.I)
HREF = re.compile(r'\bhref="([^"]+)"')
WORD = re.compile(r"[A-Za-z_][\w-]*")
FUNC = re.compile(r":(?:not|is|where|has|nth-[\w-]+|lang|dir|host|host-context)\(")
ICON_GLYPH = re.compile(r"^\.fa-[\w-]+::?(?:before|after)$")
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]([^'"]+)['"]\s*\)?\s*;""")
SKIP_JS = {"fontawesome.js"}  # fica no _static pelo tema, mas página nenhuma o carrega


def _words(outdir: Path) -> set[str]:
    """Toda palavra de toda página e de todo script: o que um seletor pode citar."""
    words: set[str] = set()
    files = list(outdir.rglob("*.html"))
    files += [p for p in (outdir / "_static").rglob("*.js") if p.name not in SKIP_JS]
    for path in files:
        words.update(WORD.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return words


def _strip_functions(selector: str) -> str:
    """Sem os argumentos de :not(), :is(), :has()...: não exigem nada (conservador)."""
    out, i = [], 0
    while (m := FUNC.search(selector, i)) is not None:
        out.append(selector[i:m.start()])
        depth, j = 1, m.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return "".join(out)


def _split(prelude: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in prelude:
        depth += (ch in "([") - (ch in ")]")
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


def _used(selector: str, words: set[str]) -> bool:
    if ICON_GLYPH.match(selector):
        return False
    if "\\" in selector:  # seletor com escape: não arriscamos
        return True
    bare = re.sub(r"\[[^\]]*\]", "", _strip_functions(selector))
    bare = re.sub(r"::?[\w-]+", "", bare)
    return all(name in words for name in re.findall(r"[.#]([\w-]+)", bare))


def purge(css: str, words: set[str]) -> str:
    """``css`` só com as regras cujos seletores podem casar com algo do site."""
    def walk(rules) -> list[str]:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                sels = [s for s in _split(tinycss2.serialize(rule.prelude)) if _used(s, words)]
                if sels:
                    out.append(",".join(sels) + "{" + tinycss2.serialize(rule.content) + "}")
            elif rule.type == "at-rule":
                if rule.lower_at_keyword in ("media", "supports") and rule.content is not None:
                    inner = walk(tinycss2.parse_rule_list(
                        rule.content, skip_comments=True, skip_whitespace=True))
                    if inner:
                        out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}"
                                   "{" + "".join(inner) + "}")
                else:
                    out.append(tinycss2.serialize([rule]))
        return out

    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(walk(rules))


def _read(path: Path, static: Path, seen: set[Path]) -> str:
    """O CSS de ``path`` com os @import embutidos e os url() relativos a ``static``."""
    if path in seen:
        return ""
    seen.add(path)
    text = path.read_text(encoding="utf-8")

    def rebase(m: re.Match) -> str:
        url = m.group(2).strip()
        if re.match(r"^(?:[a-z]+:|/|#)", url, re.I):
            return m.group(0)
        target = (path.parent / url.split("?")[0].split("#")[0]).resolve()
        suffix = url[len(url.split("?")[0].split("#")[0]):]
        return f'url("{target.relative_to(static.resolve()).as_posix()}{suffix}")'

    # Os url() de um arquivo importado são relativos a ele: cada arquivo se reescreve sozinho,
    # e só então os @import entram no lugar das marcas.
    imports = [(path.parent / m.group(1)).resolve() for m in IMPORT.finditer(text)]
    parts = URL.sub(rebase, IMPORT.sub("\0", text)).split("\0")
    out = [parts[0]]
    for target, rest in zip(imports, parts[1:], strict=True):
        out += [_read(target, static, seen), rest]
    return "".join(out)


def _bundle(outdir: Path, hrefs: tuple[str, ...], words: set[str]) -> str:
    """Escreve o arquivo que junta ``hrefs`` (relativos a ``outdir``); devolve o nome."""
    static = outdir / "_static"
    seen: set[Path] = set()
    css = "\n".join(_read((outdir / h).resolve(), static, seen) for h in hrefs)
    css = purge(css, words)
    name = f"estilos-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    (static / name).write_text(css, encoding="utf-8")
    return name


def _local(href: str, page: Path, outdir: Path) -> str | None:
    """``href`` relativo a ``outdir`` se for um arquivo local em _static, senão None."""
    if re.match(r"^(?:[a-z]+:|//)", href, re.I):
        return None
    target = (page.parent / href.split("?")[0]).resolve()
    try:
        rel = target.relative_to(outdir.resolve()).as_posix()
    except ValueError:
        return None
    return rel if rel.startswith("_static/") and target.is_file() else None


def _rewrite(app: Sphinx, exc) -> None:
    if exc is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = sorted(outdir.rglob("*.html"))
    plans, words, names = {}, _words(outdir), {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head_end = html.find("</head>")
        links = [m for m in LINK.finditer(html, 0, head_end)
                 if "media=" not in m.group(0) or 'media="all"' in m.group(0)]
        local = [(m, _local(HREF.search(m.group(0)).group(1), page, outdir)) for m in links
                 if HREF.search(m.group(0))]
        local = [(m, rel) for m, rel in local if rel]
        if local:
            plans[page] = (html, local)
    for page, (html, local) in plans.items():
        key = tuple(rel for _, rel in local)
        if key not in names:
            names[key] = _bundle(outdir, key, words)
        depth = len(page.relative_to(outdir).parts) - 1
        href = "../" * depth + "_static/" + names[key]
        first, rest = local[0][0], [m for m, _ in local[1:]]
        out, pos = [], 0
        for m in [first, *rest]:
            out.append(html[pos:m.start()])
            if m is first:
                out.append(f'<link rel="stylesheet" href="{href}" />\n')
            pos = m.end()
        out.append(html[pos:])
        page.write_text("".join(out), encoding="utf-8")


def setup(app: Sphinx) -> dict:
    # Depois do pydata-sphinx-theme, que reescreve o pygments.css no build-finished.
    app.connect("build-finished", _rewrite, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
