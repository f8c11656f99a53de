"""Links do site construído: todo link interno e toda âncora resolvem; citações e termos do
glossário apontam para alvos que existem; os externos são https bem formados (sem acessar a
rede) e ficam listados em _build/links-externos.txt."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import HTML, ROOT, require

REPORT = ROOT / "_build" / "links-externos.txt"


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, url, classes)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        url = a.get("href") if tag in ("a", "link") else a.get("src") if tag in (
            "img", "script") else None
        if url:
            self.links.append((tag, url, a.get("class") or ""))


_cache: dict[Path, _Collector] = {}


def _parse(path: Path) -> _Collector:
    if path not in _cache:
        c = _Collector()
        c.feed(path.read_text(encoding="utf-8", errors="replace"))
        _cache[path] = c
    return _cache[path]


def _pages() -> list[Path]:
    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    # A 404 é servida em qualquer endereço: o seu link para o início é absoluto de propósito
    # (testado em test_site_telas.py::test_portuguese_404_page, que o clica).
    return sorted(p for p in HTML.rglob("*.html")
                  if "_static" not in p.parts and p.name != "404.html")


def test_internal_links_and_anchors_resolve():
    broken = []
    for page in _pages():
        for _tag, url, _ in _parse(page).links:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "mailto:", "data:", "javascript:")):
                continue
            # "/…" é a raiz do site (a página 404, servida em qualquer endereço, usa "/").
            base = HTML if parts.path.startswith("/") else page.parent
            target = page if not parts.path else (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(HTML)}: {url}")
                continue
            if parts.fragment and target.suffix == ".html":
                if unquote(parts.fragment) not in _parse(target).ids:
                    broken.append(f"{page.relative_to(HTML)}: âncora ausente {url}")
    assert broken == [], "\n".join(broken[:30])


def test_citations_and_glossary_terms_point_to_existing_targets():
    counts = {"citação": 0, "glossário": 0}
    for page in _pages():
        for tag, url, classes in _parse(page).links:
            if tag != "a" or "reference internal" not in classes:
                continue
            parts = urlsplit(url)
            if "referencias.html" in parts.path and parts.fragment:
                counts["citação"] += 1
            elif "glossario.html" in parts.path and parts.fragment.startswith("term-"):
                counts["glossário"] += 1
            else:
                continue
            target = (page.parent / parts.path).resolve()
            assert unquote(parts.fragment) in _parse(target).ids, f"{page.name}: {url}"
    assert counts["citação"] >= 30 and counts["glossário"] >= 30, counts


def bad_external(url: str) -> bool:
    """Um link externo aceitável é https, tem host e não tem espaços."""
    parts = urlsplit(url)
    return parts.scheme != "https" or not parts.netloc or bool(re.search(r"\s", url))


def test_external_links_are_https_and_listed():
    external = {}
    for page in _pages():
        for _, url, _ in _parse(page).links:
            if urlsplit(url).scheme in ("http", "https"):
                external.setdefault(url, page.relative_to(HTML).as_posix())
    bad = [u for u in external if bad_external(u)]
    assert bad == [], bad
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("".join(f"{u}\t{p}\n" for u, p in sorted(external.items())),
                      encoding="utf-8")
    assert any("arxiv.org" in u for u in external)


def _site_pngs():
    import base64

    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    for path in sorted((HTML / "_images").glob("*.png")):
        yield path.name, path.read_bytes()
    for page in _pages():  # retratos dos widgets: PNG em base64 dentro do HTML
        text = page.read_text(encoding="utf-8")
        for k, m in enumerate(re.finditer(r"data:image/png;base64,([A-Za-z0-9+/=]+)", text)):
            yield f"{page.name}#{k}", base64.b64decode(m.group(1))


def test_pngs_are_light_and_opaque_white():
    import io

    from PIL import Image

    seen = 0
    for name, data in _site_pngs():
        seen += 1
        assert len(data) <= 200_000, f"{name}: {len(data)} bytes (limite 200 KB)"
        img = Image.open(io.BytesIO(data)).convert("RGBA")
        alpha = img.getchannel("A").getextrema()
        assert alpha == (255, 255), f"{name}: PNG com transparência"
        assert img.getpixel((1, 1))[:3] == (255, 255, 255), f"{name}: fundo não é branco"
    assert seen >= 20


@pytest.mark.parametrize(("url", "bad"), [
    ("http://exemplo.org", True), ("https://", True), ("https://a b.org", True),
    ("https://arxiv.org/abs/2203.15556", False),
])
def test_external_link_rule(url, bad):
    assert bad_external(url) is bad
