#!/usr/bin/env python3
"""Servidor estático do site em 127.0.0.1, com gzip como um servidor de verdade (GitHub Pages).

Usado por ``make serve``, pelos testes do site e pela impressão do PDF, para que o peso medido
das páginas seja o que um leitor baixa. Uso: python scripts/serve.py PASTA [PORTA]
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import threading
import typing
from pathlib import Path

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".map", ".inv")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Como o SimpleHTTPRequestHandler, mas comprime texto quando o cliente aceita gzip."""

    _cache: typing.ClassVar[dict[tuple[str, float], bytes]] = {}
    quiet = True

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)

    def send_error(self, code, message=None, explain=None):
        """404 com a página do livro (404.html, em português), como o GitHub Pages faz."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        body = self._cache.get(key)
        if body is None:
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def start(directory: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` numa thread; devolve (servidor, URL base)."""
    handler = functools.partial(Handler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def main(argv: list[str]) -> int:
    if not argv:
        print("uso: serve.py PASTA [PORTA]", file=sys.stderr)
        return 2
    directory, port = Path(argv[0]), int(argv[1]) if len(argv) > 1 else 8000
    Handler.quiet = False
    handler = functools.partial(Handler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Servindo {directory} em http://127.0.0.1:{port}/ (Ctrl+C para parar)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
