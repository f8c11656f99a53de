#!/usr/bin/env python3
"""Servidor estático do site, com gzip como um servidor de verdade (GitHub Pages).

Usado por ``make serve``, pelos testes do site e pela impressão do PDF, para que o peso medido
das páginas seja o que um leitor baixa. Por padrão só este computador o vê (127.0.0.1); com
``--host 0.0.0.0`` (``make serve HOST=0.0.0.0``) a turma o abre pela rede local, no endereço
que o servidor imprime. Uso: python scripts/serve.py PASTA [PORTA] [--host ENDEREÇO]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import socket
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


LOCAL = "127.0.0.1"


def start(directory: Path, port: int = 0,
          host: str = LOCAL) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` numa thread; devolve (servidor, URL base neste computador)."""
    handler = functools.partial(Handler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{LOCAL}:{httpd.server_address[1]}"


def lan_address() -> str | None:
    """O endereço deste computador na rede local (o da rota padrão), ou None sem rede.

    Um socket UDP "conectado" só escolhe a interface de saída: nenhum pacote é enviado.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def addresses(host: str, port: int) -> list[str]:
    """Os endereços para abrir o site: este computador e, se servido na rede, o da rede local."""
    urls = [f"http://{LOCAL}:{port}/"]
    if host in ("0.0.0.0", ""):
        lan = lan_address()
        urls += [f"http://{lan}:{port}/"] if lan else []
    elif host != LOCAL:
        urls = [f"http://{host}:{port}/"]
    return urls


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"a porta deve ser um inteiro de 0 a 65535; "
                                         f"recebido PORTA = {text!r}")
    return port


class _Parser(argparse.ArgumentParser):
    """Mensagens de uso e de erro em português (só a biblioteca padrão: make serve usa o
    Python do sistema)."""

    _TRADUCOES = (("the following arguments are required", "faltam os argumentos"),
                  ("unrecognized arguments", "argumentos não reconhecidos"),
                  ("expected one argument", "esperava um valor"), ("argument ", "argumento "))

    def format_usage(self):
        return super().format_usage().replace("usage:", "uso:", 1)

    def format_help(self):
        return (super().format_help().replace("usage:", "uso:", 1)
                .replace("positional arguments:", "argumentos:").replace("options:", "opções:"))

    def error(self, message):
        for ingles, portugues in self._TRADUCOES:
            message = message.replace(ingles, portugues)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="serve.py", add_help=False,
                description="Serve uma pasta do site (gzip, 404 do livro).")
    p.add_argument("pasta", type=Path, help="a pasta do site (por exemplo, _build/html)")
    p.add_argument("porta", nargs="?", type=_port, default=8000, help="padrão: 8000")
    p.add_argument("--host", default=LOCAL, metavar="ENDEREÇO",
                   help="endereço em que escutar: 127.0.0.1 (padrão, só este computador) ou "
                        "0.0.0.0 (todos os computadores da rede local)")
    p.add_argument("-h", "--ajuda", action="help", help="mostra esta ajuda e sai")
    return p


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if not args.pasta.is_dir():
        print(f"serve.py: a pasta do site não existe; recebido PASTA = {str(args.pasta)!r}",
              file=sys.stderr)
        return 2
    Handler.quiet = False
    handler = functools.partial(Handler, directory=str(args.pasta))
    with http.server.ThreadingHTTPServer((args.host, args.porta), handler) as httpd:
        port = httpd.server_address[1]
        urls = addresses(args.host, port)
        print(f"Servindo {args.pasta} em {urls[0]} (Ctrl+C para parar)", flush=True)
        for url in urls[1:]:
            print(f"Na rede local (para a turma): {url}", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
