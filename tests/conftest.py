"""Utilidades comuns dos testes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# Exemplos do hypothesis fixos (derandomize): o mesmo resultado a cada execução e em cada
# máquina; vale para todos os módulos (registrado antes de qualquer @settings).
settings.register_profile("livro", deadline=None, max_examples=60, derandomize=True)
settings.load_profile("livro")

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHARED_DATA = ROOT.parent / "shared" / "data"


def require(condition: bool, reason: str) -> None:
    """Sem o pré-requisito: falha na CI (nada de verde falso), pula fora dela com o motivo."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"pré-requisito ausente na CI: {reason}")
    pytest.skip(reason)


def toc_files() -> list[str]:
    """Todos os arquivos do sumário (_toc.yml), na ordem, sem extensão."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return files


def pytest_configure(config):
    """O nbval desta sessão cria os kernels com sockets IPC (scripts/kernel_ipc.py): sem
    corrida de portas TCP com as reexecuções que correm em paralelo."""
    import sys

    if str(ROOT / "scripts") not in sys.path:
        sys.path.insert(0, str(ROOT / "scripts"))
    import kernel_ipc

    kernel_ipc.pytest_configure(config)


def notebooks() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_MISSING = (f"Chromium do Debian ausente ({CHROMIUM}); instale-o com "
                    "'sudo apt-get install chromium'")


@pytest.fixture(scope="session")
def server():
    """O site construído, servido com gzip em 127.0.0.1 (como um servidor de verdade)."""
    import sys

    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    sys.path.insert(0, str(ROOT / "scripts"))
    import serve

    httpd, base = serve.start(HTML)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """O Chromium do Debian via Playwright (nunca um navegador baixado)."""
    require(Path(CHROMIUM).is_file(), CHROMIUM_MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield b
        b.close()


def offline_page(browser, server, color_scheme="light", **context_options):
    """Página nova em que toda requisição fora de 127.0.0.1 é bloqueada."""
    context = browser.new_context(color_scheme=color_scheme, **context_options)
    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith(server) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    return context, page, blocked


def pdf_text(path: Path) -> str:
    """O texto de um PDF (pypdf), extraído uma vez por conteúdo (ver pdf_pages)."""
    return " ".join(pdf_pages(path))


def pdf_pages(path: Path) -> list[str]:
    """O texto de cada página de um PDF (pypdf), extraído uma vez por conteúdo.

    Vários testes leem os mesmos PDFs (o livro e o gabarito são o mesmo arquivo), e cada
    extração leva segundos: o texto fica em _build/texto-pdf, com o SHA-256 do PDF no nome
    (os processos do xdist o dividem), as páginas separadas por um \\f.
    """
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cache = ROOT / "_build" / "texto-pdf" / f"{digest}.paginas.txt"
    if cache.is_file():
        return cache.read_text(encoding="utf-8").split("\f")
    from pypdf import PdfReader

    pages = [page.extract_text().replace("\f", " ") for page in PdfReader(path).pages]
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.parcial")
    partial.write_text("\f".join(pages), encoding="utf-8")
    partial.replace(cache)
    return pages


def settle(page, check, want=True, timeout: float = 20.0):
    """Espera até ``check(page) == want`` e devolve o último valor lido.

    Um clique num botão do tema só faz efeito quando os scripts do tema chegam (carregados
    na primeira interação, _assets/livro.js), e as gavetas abrem com transição: sob carga
    (2 núcleos, site e nbval juntos) isso passa de meio segundo. Uma pausa fixa falhava ao
    acaso; o prazo aqui é só um teto, não uma medida de velocidade.
    """
    deadline = time.monotonic() + timeout
    value = check(page)
    while value != want and time.monotonic() < deadline:
        page.wait_for_timeout(100)
        value = check(page)
    return value


def scroll_through(page, timeout: int = 30_000) -> None:
    """Rola a página inteira, uma tela por vez, como um leitor: as figuras com
    ``loading="lazy"`` (e os widgets) carregam. Espera todas as figuras e volta ao topo."""
    page.evaluate(
        """async () => {
            const step = Math.max(200, Math.floor(innerHeight * 0.8));
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                window.scrollTo(0, y);
                await new Promise(r => setTimeout(r, 40));
            }
            window.scrollTo(0, document.documentElement.scrollHeight);
        }""")
    # Sob carga, a rolagem pode passar por uma seção pulada (content-visibility) entre dois
    # quadros, e as figuras dela não pedem a imagem: como um leitor, vai até cada uma que falta.
    page.wait_for_function(
        """() => {
            const pending = [...document.querySelectorAll('article img')].filter(i => !i.complete);
            if (pending.length) pending[0].scrollIntoView({block: 'center'});
            return pending.length === 0;
        }""", timeout=timeout, polling=200)
    page.evaluate("() => window.scrollTo(0, 0)")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Pasta com o CSV das execuções do Chinchilla: $SCALING_UTILS_DATA_DIR ou ../shared/data."""
    env = os.environ.get("SCALING_UTILS_DATA_DIR")
    path = Path(env) if env else SHARED_DATA
    require((path / "svg_extracted_data.csv").is_file(),
            f"dados das execuções do Chinchilla ausentes em {path}")
    return path


@pytest.fixture(scope="session")
def runs(data_dir):
    from scaling_utils.data import load_chinchilla_runs

    return load_chinchilla_runs(data_dir)


@pytest.fixture(scope="session")
def desafio_demo():
    """(N, D, L, verdade) do exemplo resolvido do capítulo 8, como o caderno os obtém: a
    execução de teste, o plano cuidadoso, a previsão da Abordagem 3 e o envio."""
    from scaling_utils import desafio
    from scaling_utils.desafio import estrategias

    lab = desafio.Laboratorio(desafio.SEMENTE_DEMO)
    lab.treinar(1e7, 2e8)
    lab.treinar_varios(*estrategias.plano_cuidadoso(lab.orcamento))
    N, D, L = lab.dados()
    p3 = estrategias.prever_abordagem3(N, D, L, lab.orcamento_alvo).previsao
    lab.enviar(p3.N_opt, p3.D_opt, p3.perda)
    return N, D, L, lab.verdade()


# --- Ordem da sessão e trabalhos em segundo plano -------------------------------------------
# O make test constrói site, turma e PDF em segundo plano (LIVRO_CONSTRUCOES=<prefixo>: o log em
# <prefixo>.log, o código de saída em <prefixo>.rc, e <prefixo>.site assim que o site fica pronto)
# enquanto os testes que não precisam deles rodam. Os testes do site esperam só o site e rodam
# enquanto turma e PDF ainda se constroem; os que leem a turma ou os PDFs (módulos com ``TURMA``
# ou ``PDF``) esperam tudo. As reexecuções sob outros núcleos do OpenBLAS (tests/reexecucao.py)
# começam ao fim da coleta, e os testes que as conferem vão para o fim.
SITE_FIXTURES = {"server", "browser"}
OTHER_BUILDS = ("TURMA", "PDF", "APOSTILA", "GABARITO")  # nomes de módulo: precisa de tudo
BUILDS = os.environ.get("LIVRO_CONSTRUCOES", "")
_builds_state: dict[str, str] = {}


def _needs_site(item) -> bool:
    module = getattr(item, "module", None)
    return (bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ())))
            or item.get_closest_marker("site") is not None
            or getattr(module, "HTML", None) is HTML
            or _needs_every_build(item))


def _needs_every_build(item) -> bool:
    module = getattr(item, "module", None)
    return any(hasattr(module, name) for name in OTHER_BUILDS)


def _consumer(item) -> bool:
    import reexecucao

    return item.nodeid.endswith(reexecucao.CONSUMERS)


def _order(item) -> int:
    if _consumer(item):
        return 3
    if _needs_every_build(item):
        return 2
    return 1 if item.get_closest_marker("site") else 0


@pytest.hookimpl(tryfirst=True)  # antes da seleção por -m (o make test separa "site")
def pytest_collection_modifyitems(config, items):
    for item in items:
        if _needs_site(item):
            item.add_marker("site")
    items.sort(key=_order)


def pytest_collection_finish(session):
    env = os.environ.get("SCALING_UTILS_DATA_DIR")
    data = Path(env) if env else SHARED_DATA
    if session.config.option.collectonly:
        return
    if any(_consumer(i) for i in session.items) and (data / "svg_extracted_data.csv").is_file():
        import reexecucao

        reexecucao.start(data)


def _wait_for_builds(stage: str) -> None:
    """Espera a construção em segundo plano: ``site`` (só o site) ou ``todas``."""
    if stage in _builds_state or "todas" in _builds_state:
        return
    if "falha" in _builds_state:
        pytest.fail(_builds_state["falha"])
    rc_file, log, site = Path(BUILDS + ".rc"), Path(BUILDS + ".log"), Path(BUILDS + ".site")
    deadline = time.monotonic() + 30 * 60

    def finished() -> bool:
        return rc_file.is_file() and bool(rc_file.read_text().strip())

    while not finished() and not (stage == "site" and site.is_file()):
        if time.monotonic() > deadline:
            _builds_state["falha"] = f"as construções não terminaram em 30 min ({log})"
            pytest.fail(_builds_state["falha"])
        time.sleep(1)
    if not (stage == "site" and site.is_file()) and rc_file.read_text().strip() != "0":
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
        _builds_state["falha"] = f"as construções (site, turma, PDF) falharam; {log}:\n{tail}"
        pytest.fail(_builds_state["falha"])
    _builds_state[stage] = "ok"


def pytest_runtest_setup(item):
    if BUILDS and item.get_closest_marker("site"):
        _wait_for_builds("todas" if _needs_every_build(item) else "site")


def pytest_sessionfinish(session):
    import sys

    if "reexecucao" in sys.modules:
        sys.modules["reexecucao"].stop()


def pytest_terminal_summary(terminalreporter):
    """Diz quais núcleos do OpenBLAS reexecutaram os cadernos (tests/test_blas_kernels.py)."""
    import sys

    module = sys.modules.get("test_blas_kernels")
    runs = getattr(module, "KERNEL_RUNS", None)
    if runs:
        terminalreporter.write_line("núcleos do OpenBLAS testados: " + "; ".join(runs))
