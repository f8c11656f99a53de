#!/usr/bin/env python3
"""Lighthouse 12.2.3 no perfil móvel, em toda página do sumário (parte de make bench).

O Lighthouse vem do npm (devDependency em package.json) e dirige o Chromium do Debian
(``CHROME_PATH=/usr/bin/chromium``, headless, sem serviços de rede do Google). Perfil padrão:
celular emulado (Moto G Power), 4G lento simulado (150 ms de RTT, 1,6 Mbit/s) e CPU 4× mais
lenta. O site é servido em 127.0.0.1 com gzip, como no GitHub Pages (scripts/serve.py).

Metas (issue 16): desempenho ≥ 90, LCP ≤ 2,5 s, CLS ≤ 0,05, acessibilidade 100 e boas práticas
≥ 95. Números de tempo dependem da máquina: ficam fora dos testes, aqui só são medidos.

Uso: ``python scripts/lighthouse.py [SITE] [--antes SITE_ANTES] [--vezes N]``: com ``--antes``,
mede as duas construções na mesma execução, página a página, alternando (mesma máquina, mesma
carga). Cada página é medida ``N`` vezes (padrão 3) e a tabela traz a mediana de cada número:
numa máquina compartilhada uma medida só varia de 10 a 20 pontos de desempenho.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

CLI = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --disable-sync --no-first-run --disable-default-apps "
         "--disable-extensions --disable-domain-reliability --metrics-recording-only")
GOALS = {"desempenho": 90, "lcp_s": 2.5, "cls": 0.05, "acessibilidade": 100,
         "boas_praticas": 95}


def pages() -> list[str]:
    """As páginas do sumário, ou só as de ``LIGHTHOUSE_PAGINAS`` (separadas por vírgula)."""
    from conftest import toc_files

    only = [p for p in os.environ.get("LIGHTHOUSE_PAGINAS", "").split(",") if p]
    return only or [f + ".html" for f in toc_files()]


def missing() -> str | None:
    if not CLI.exists():
        return "Lighthouse ausente: rode npm ci (devDependency lighthouse@12.2.3)"
    if not Path(CHROMIUM).exists():
        return f"Chromium ausente ({CHROMIUM})"
    return None


def run(url: str) -> dict:
    """Uma medida do Lighthouse (perfil móvel padrão) de ``url``."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "relatorio.json"
        cmd = [str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={FLAGS}", "--max-wait-for-load=60000",
               "--only-categories=performance,accessibility,best-practices"]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=300)
        data = json.loads(report.read_text(encoding="utf-8"))
    cats, audits = data["categories"], data["audits"]
    return {
        "desempenho": round(cats["performance"]["score"] * 100),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "acessibilidade": round(cats["accessibility"]["score"] * 100),
        "boas_praticas": round(cats["best-practices"]["score"] * 100),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "peso_kb": round(audits["total-byte-weight"]["numericValue"] / 1000),
    }


def meets(row: dict) -> bool:
    return (row["desempenho"] >= GOALS["desempenho"] and row["lcp_s"] <= GOALS["lcp_s"]
            and row["cls"] <= GOALS["cls"] and row["acessibilidade"] >= GOALS["acessibilidade"]
            and row["boas_praticas"] >= GOALS["boas_praticas"])


def median(runs: list[dict]) -> dict:
    """A mediana de cada número entre as medidas de uma página."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def measure(sites: dict[str, Path], times: int = 3) -> dict[str, dict[str, dict]]:
    """{nome do site: {página: medianas}}; as construções se alternam a cada medida."""
    import serve

    servers = {name: serve.start(path) for name, path in sites.items()}
    out: dict[str, dict[str, dict]] = {name: {} for name in sites}
    try:
        for page in pages():
            # Uma página nova (ou removida) só existe numa das construções: mede-se onde existe.
            present = [name for name in sites if (sites[name] / page).is_file()]
            runs: dict[str, list[dict]] = {name: [] for name in present}
            for _ in range(times):
                for name in present:
                    runs[name].append(run(f"{servers[name][1]}/{page}"))
            for name in present:
                out[name][page] = median(runs[name])
                print(f"lighthouse: {name} {page} {out[name][page]}", file=sys.stderr, flush=True)
    finally:
        for httpd, _ in servers.values():
            httpd.shutdown()
    return out


def table(title: str, rows: dict[str, dict]) -> str:
    from scaling_utils import fmt

    head = ("| página | desempenho | LCP (s) | CLS | acessibilidade | boas práticas | FCP (s) "
            "| TBT (ms) | peso (KB) | metas |")
    lines = [f"### {title}", "", head, "|" + "---|" * 10]
    for page, r in rows.items():
        lines.append(
            f"| {page} | {r['desempenho']:g} | {fmt.num(r['lcp_s'], 2)} | {fmt.num(r['cls'], 3)} "
            f"| {r['acessibilidade']:g} | {r['boas_praticas']:g} | {fmt.num(r['fcp_s'], 2)} "
            f"| {r['tbt_ms']:g} | {r['peso_kb']:g} | {'ok' if meets(r) else 'NÃO'} |")
    worst = min(r["desempenho"] for r in rows.values())
    lines += ["", f"Pior desempenho: {worst}; páginas dentro de todas as metas: "
                  f"{sum(meets(r) for r in rows.values())} de {len(rows)}.", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "_build" / "html"
    sites = {}
    if "--antes" in argv:
        sites["antes"] = Path(argv[argv.index("--antes") + 1])
    sites["depois" if sites else "site"] = site
    times = int(argv[argv.index("--vezes") + 1]) if "--vezes" in argv else 3
    problem = missing()
    if problem:
        print(f"lighthouse: {problem}", file=sys.stderr)
        return 2
    results = measure(sites, times)
    for name, rows in results.items():
        print(table(f"Lighthouse 12.2.3, perfil móvel (4G lento simulado): {name} ({sites[name]}), "
                    f"mediana de {times} medidas", rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
