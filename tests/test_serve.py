"""O servidor do site (scripts/serve.py): só este computador por padrão, a rede local com
``--host 0.0.0.0`` (``make serve HOST=0.0.0.0``, para a turma abrir o site na sala)."""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import serve

PAGE = "<!doctype html><title>Aula</title><p>Leis de potência</p>"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, r.read().decode("utf-8")


@pytest.fixture
def site(tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    return tmp_path


def _run(site, *args):
    """serve.py como o make serve o roda (Python do sistema: só a biblioteca padrão)."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), str(site),
                             str(port), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    lines = [proc.stdout.readline()]
    if "--host" in args and args[args.index("--host") + 1] == "0.0.0.0" and serve.lan_address():
        lines.append(proc.stdout.readline())
    return proc, port, lines


def _stop(proc):
    proc.terminate()
    proc.wait(timeout=10)
    proc.stdout.close()
    proc.stderr.close()


def test_host_option_serves_the_site_on_every_interface(site):
    proc, port, lines = _run(site, "--host", "0.0.0.0")
    try:
        assert lines[0].startswith(f"Servindo {site} em http://127.0.0.1:{port}/"), lines
        assert _get(f"http://127.0.0.1:{port}/") == (200, PAGE)
        lan = serve.lan_address()
        if lan is not None:  # numa máquina com rede: o endereço impresso abre a página
            assert lines[1].strip() == f"Na rede local (para a turma): http://{lan}:{port}/"
            assert _get(f"http://{lan}:{port}/") == (200, PAGE)
    finally:
        _stop(proc)


@pytest.mark.parametrize(("kwargs", "bound"), [({}, "127.0.0.1"),
                                               ({"host": "0.0.0.0"}, "0.0.0.0")])
def test_default_listens_only_on_this_computer(site, kwargs, bound):
    httpd, base = serve.start(site, **kwargs)
    try:
        assert httpd.server_address[0] == bound
        assert _get(base + "/") == (200, PAGE)
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_addresses_printed_for_each_host(monkeypatch):
    monkeypatch.setattr(serve, "lan_address", lambda: "192.168.0.12")
    assert serve.addresses("127.0.0.1", 8000) == ["http://127.0.0.1:8000/"]
    assert serve.addresses("0.0.0.0", 8000) == ["http://127.0.0.1:8000/",
                                                "http://192.168.0.12:8000/"]
    assert serve.addresses("10.0.0.5", 8080) == ["http://10.0.0.5:8080/"]
    monkeypatch.setattr(serve, "lan_address", lambda: None)
    assert serve.addresses("0.0.0.0", 8000) == ["http://127.0.0.1:8000/"]


@pytest.mark.parametrize(("args", "message"), [
    (["sem-site"], "a pasta do site não existe; recebido PASTA = 'sem-site'"),
    (["{site}", "99999"], "a porta deve ser um inteiro de 0 a 65535; recebido PORTA = '99999'"),
    (["{site}", "8000", "--host"], "argumento --host: esperava um valor"),
])
def test_bad_input_is_explained_in_portuguese(site, args, message):
    args = [a.format(site=site) for a in args]
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "serve.py"), *args],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2
    assert message in r.stderr, r.stderr
