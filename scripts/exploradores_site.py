"""Os exploradores Vega do site num Chromium (Playwright): esperar, mover e ler o que foi
desenhado. Usado pelos testes do site (tests/test_site_explorers.py) e pelo make bench.

Os controles são movidos como um leitor de teclado os move (foco, Home, End, setas) ou, nas
listas, escolhendo a opção. Os dados desenhados vêm do grafo de cena do Vega: os ``datum`` dos
itens de cada marca com nome (``<nome>_marks``).
"""

from __future__ import annotations

READY = ("(i) => { const e = document.querySelectorAll('.explorador-vega')[i];"
         " return e && ['sim', 'erro'].includes(e.dataset.pronto); }")

PLOTTED = r"""(i) => {
    const el = document.querySelectorAll('.explorador-vega')[i];
    const out = {};
    (function walk(node) {
        if (!node) return;
        if (node.marktype && node.name && node.name.endsWith('_marks')) {
            // O Vega-Lite acrescenta _<n> aos nomes repetidos entre as camadas.
            const key = node.name.slice(0, -6).replace(/_\d+$/, '');
            out[key] = (out[key] || []).concat(node.items.map(it => {
                const d = {};
                for (const [k, v] of Object.entries(it.datum || {})) {
                    if (typeof v === 'number' || typeof v === 'string') d[k] = v;
                }
                return d;
            }));
        }
        (node.items || []).forEach(walk);
    })(el.livroView.scenegraph().root);
    return out;
}"""

READOUTS = """(i) => {
    const el = document.querySelectorAll('.explorador-vega')[i];
    return {
        resumo: el.querySelector('.explorador-resumo').textContent,
        titulo: [...el.querySelectorAll('svg text')].map(t => t.textContent).join(' | '),
        controles: [...el.querySelectorAll('.vega-bind')].map(b => {
            const input = b.querySelector('input, select');
            return {nome: b.querySelector('.vega-bind-name').textContent.trim(),
                    valor: input.value,
                    texto: input.type === 'range' ? b.querySelector('.explorador-valor').textContent
                         : input.options[input.selectedIndex].textContent,
                    valuetext: input.getAttribute('aria-valuetext')};
        }),
    };
}"""

# Espera o Vega terminar a atualização disparada pelo controle e mede o tempo desde o evento.
TIMED = """async ([i, name]) => {
    const el = document.querySelectorAll('.explorador-vega')[i];
    const t0 = window.__livroT0;
    await el.livroView.runAsync();
    await new Promise(r => requestAnimationFrame(() => r()));
    return performance.now() - t0;
}"""


def open_explorers(page, timeout: int = 30_000) -> int:
    """Rola até cada explorador (o Vega carrega sob demanda) e espera todos desenhados."""
    n = page.locator(".explorador-vega").count()
    for i in range(n):
        page.locator(".explorador-vega").nth(i).scroll_into_view_if_needed()
        page.wait_for_function(READY, arg=i, timeout=timeout)
    return n


def controls(page, i: int) -> list[dict]:
    """Os controles do explorador ``i``: parâmetro, rótulo, rótulos das posições."""
    return page.evaluate(
        "(i) => JSON.parse(document.querySelectorAll('.explorador-vega')[i]"
        ".querySelector('script.explorador-spec').textContent).usermeta.controles", i)


def move(page, i: int, control: dict, k: int) -> float:
    """Leva o controle à posição ``k`` pelo teclado (ou escolhe a opção ``k``); devolve os
    ms até o Vega terminar de redesenhar (medidos no navegador)."""
    bind = page.locator(".explorador-vega").nth(i).locator(
        f"input[name='{control['param']}'], select[name='{control['param']}']")
    n = len(control["rotulos"])
    page.evaluate("() => { window.__livroT0 = performance.now(); }")
    if bind.evaluate("e => e.tagName") == "SELECT":
        bind.select_option(index=k)
    else:
        bind.focus()
        current = int(bind.input_value())
        if k == 0:
            page.evaluate("() => { window.__livroT0 = performance.now(); }")
            bind.press("Home")
        elif k == n - 1:
            page.evaluate("() => { window.__livroT0 = performance.now(); }")
            bind.press("End")
        else:
            key = "ArrowRight" if k > current else "ArrowLeft"
            for _ in range(abs(k - current) - 1):
                bind.press(key)
            page.evaluate("() => { window.__livroT0 = performance.now(); }")
            bind.press(key)
    return page.evaluate(TIMED, [i, control["param"]])


def plotted(page, i: int) -> dict[str, list[dict]]:
    return page.evaluate(PLOTTED, i)


def readouts(page, i: int) -> dict:
    return page.evaluate(READOUTS, i)


def positions(n: int) -> list[int]:
    """As posições testadas de um controle com ``n``: as duas pontas e o meio."""
    return sorted({0, n // 2, n - 1})


def measure(html_dir, chromium: str = "/usr/bin/chromium") -> dict:
    """Para o make bench: em cada capítulo com exploradores, cada controle às pontas e ao meio;
    devolve a mediana (ms) por explorador e a geral, do evento do teclado ao fim do desenho."""
    import statistics
    from pathlib import Path

    import serve
    from playwright.sync_api import sync_playwright

    pages = sorted(p.relative_to(html_dir).as_posix() for p in Path(html_dir).rglob("*.html")
                   if "explorador-vega" in p.read_text(encoding="utf-8"))
    httpd, base = serve.start(Path(html_dir))
    per, all_ms = {}, []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True,
                                         args=["--no-sandbox", "--disable-gpu"])
            for path in pages:
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(f"{base}/{path}", wait_until="load")
                n = open_explorers(page)
                for i in range(n):
                    name = page.evaluate(
                        "(i) => document.querySelectorAll('.explorador-vega')[i]"
                        ".dataset.explorador", i)
                    times = [move(page, i, c, k) for c in controls(page, i)
                             for k in positions(len(c["rotulos"]))]
                    per[name] = round(statistics.median(times), 1)
                    all_ms += times
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return {"median_ms": round(statistics.median(all_ms), 1) if all_ms else None,
            "moves": len(all_ms), "per_explorer_median_ms": per}
