#!/usr/bin/env python3
"""Medidas de desempenho do livro, impressas como JSON (make bench); a tabela do Lighthouse
(perfil móvel, toda página do sumário) sai antes, na saída de erros.

Metas (issues): fit_parametric padrão ≤ 2 s (mediana) e o mesmo ótimo da estratégia
exaustiva; bootstrap com 1.000 reamostras ≤ 60 s; import scaling_utils ≤ 0,5 s; cada caderno
executa em ≤ 20 s (o laboratório, ≤ 60 s); cada atualização de widget, ≤ 100 ms (mediana) na
função pura; num kernel, cada movimento de controle (figura + PNG + alt), ≤ 150 ms (issue 15);
cada movimento de um explorador Vega no site, ≤ 50 ms (mediana).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from execute_notebooks import execute, prepare_environment  # noqa: E402

NOTEBOOK_LIMIT_S = {"07-laboratorio": 60.0, "04-replicacao": 60.0}  # os demais: 20 s
WIDGET_LIMIT_MS = {"lab_explorer": 5000.0}  # o do laboratório refaz uma varredura; os demais: 100
KERNEL_UPDATE_LIMIT_MS = 150.0  # por movimento no kernel (issue 15, parte 3); o laboratório: 5 s
#: A segunda posição de cada controle nas medidas do kernel (a primeira é a de ``cases``).
MOVED = {"power_law_explorer": {"c": 0.5, "k": -0.3, "E": 0.0},
         "fit_explorer": {"noise": 0.1, "decades": 1.0},
         "kaplan_budget_explorer": {"C_flops": 1e19},
         "chinchilla_budget_explorer": {"C_flops": 1e26},
         "inference_explorer": {"log10_D_inference": 10.0},
         "mirage_explorer": {"metric": "edit_distance", "length": 2, "n_questions": 20},
         "lab_explorer": {"spectrum": 1.5, "noise": 0.25},
         "epochs_explorer": {"log10_U": 9.0, "log10_N": 11.0}}


def _median_time(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def import_time() -> float:
    code = "import time; t=time.perf_counter(); import scaling_utils; print(time.perf_counter()-t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


def package() -> dict:
    from scaling_utils import chinchilla as ch
    from scaling_utils.data import load_chinchilla_runs

    runs = load_chinchilla_runs()
    args = (runs.N, runs.D, runs.loss)
    fast_s, fast = _median_time(lambda: ch.fit_parametric(*args), 5)
    full_s, full = _median_time(lambda: ch.fit_parametric(*args, strategy="exhaustive"), 1)
    boot_s, _ = _median_time(lambda: ch.bootstrap(*args, n_resamples=1000, seed=0), 1)
    rel = max(abs(getattr(fast.params, k) / getattr(full.params, k) - 1)
              for k in ("E", "A", "B", "alpha", "beta"))
    return {
        "import_scaling_utils_s": round(import_time(), 4),
        "fit_parametric_fast_median_s": round(fast_s, 3),
        "fit_parametric_exhaustive_s": round(full_s, 2),
        "speedup_exhaustive_over_fast": round(full_s / fast_s, 1),
        "objective_difference": abs(fast.objective - full.objective),
        "max_relative_parameter_difference": rel,
        "bootstrap_1000_resamples_s": round(boot_s, 2),
    }


def _uncached_lab_sweep(**kwargs):
    """A figura do laboratório sem a memória de ``lab.sweep``: cada movimento mede uma
    varredura nova, como a primeira visita de um leitor a uma posição."""
    from scaling_utils import figures, lab

    lab._sweep.cache_clear()
    return figures.lab_sweep(**kwargs)


def widget_updates() -> dict:
    """Por widget, em ms (mediana de 10): a função pura que monta a figura (a meta de 100 ms),
    o retrato completo (figura + PNG compacto + alt, o que fica no caderno) e a atualização de
    um kernel a cada movimento (``kernel_update_ms``: a moldura da primeira figura reaproveitada,
    ``_moldura.fast_png``; meta de 150 ms), alternando duas posições dos controles."""
    import matplotlib

    matplotlib.use("Agg")
    from scaling_utils import figures as f
    from scaling_utils.widgets import render

    cases = {
        "power_law_explorer": (f.power_law_panels, f.power_law_panels_alt,
                               {"c": 2.0, "k": -1.2, "E": 0.3}),
        "fit_explorer": (f.fit_demo, f.fit_demo_alt, {"noise": 0.6, "decades": 3.0}),
        "kaplan_budget_explorer": (f.kaplan_allocation, f.kaplan_allocation_alt,
                                   {"C_flops": 1e24}),
        "chinchilla_budget_explorer": (f.budget_comparison, f.budget_comparison_alt,
                                       {"C_flops": 1e24}),
        "inference_explorer": (f.inference_demand, f.inference_demand_alt,
                               {"log10_D_inference": 14.0}),
        "mirage_explorer": (f.mirage, f.mirage_alt,
                            {"metric": "exact_match", "length": 10, "n_questions": 300}),
        "lab_explorer": (_uncached_lab_sweep, f.lab_sweep_alt, {"spectrum": 2.0, "noise": 0.4}),
        "epochs_explorer": (f.epochs_value, f.epochs_value_alt,
                            {"log10_U": 11.0, "log10_N": 10.0}),
    }
    import matplotlib.pyplot as plt

    def build(fig_fn, kwargs):
        plt.close(fig_fn(**kwargs))

    out = {"pure_function_ms": {}, "full_render_ms": {}, "kernel_update_ms": {}}
    for name, (fig_fn, alt_fn, kwargs) in cases.items():
        pure, _ = _median_time(lambda: build(fig_fn, kwargs), 10)  # noqa: B023
        full, _ = _median_time(lambda: render(fig_fn, alt_fn, **kwargs), 10)  # noqa: B023
        out["pure_function_ms"][name] = round(pure * 1000, 1)
        out["full_render_ms"][name] = round(full * 1000, 1)
        frame: dict = {}
        render(fig_fn, alt_fn, frame=frame, **kwargs)  # a primeira figura, como no caderno
        positions = iter([MOVED[name], kwargs] * 5)
        update, _ = _median_time(
            lambda: render(fig_fn, alt_fn, frame=frame, **next(positions)), 10)  # noqa: B023
        out["kernel_update_ms"][name] = round(update * 1000, 1)
    return out


def notebooks() -> dict:
    prepare_environment()
    return {p.stem: round(execute(p, write=False), 2)
            for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}


def lighthouse(antes: str | None = None, times: int = 3) -> dict:
    """Lighthouse 12.2.3, perfil móvel, em toda página do sumário (scripts/lighthouse.py):
    imprime a tabela por página e devolve as medidas. Com ``antes`` (outra construção), mede as
    duas na mesma execução. Cada número é a mediana de ``times`` medidas (``--vezes N``)."""
    import lighthouse as lh

    problem = lh.missing() or (None if (ROOT / "_build" / "html").is_dir()
                               else "precisa de _build/html (make book)")
    if problem:
        return {"erro": problem}
    sites = {"antes": Path(antes)} if antes else {}
    sites["depois" if antes else "site"] = ROOT / "_build" / "html"
    results = lh.measure(sites, times)
    for name, rows in results.items():
        print(lh.table(f"Lighthouse 12.2.3, perfil móvel (4G lento simulado): {name} "
                       f"({sites[name]}), mediana de {times} medidas", rows), file=sys.stderr)
    return results


def explorer_updates() -> dict:
    """Exploradores Vega no site (issue 15): ms por movimento de controle, do evento do teclado
    ao fim do desenho, no Chromium (meta: mediana ≤ 50 ms)."""
    import exploradores_site

    html = ROOT / "_build" / "html"
    if not html.is_dir():
        return {"erro": "precisa de _build/html (make book)"}
    return exploradores_site.measure(html)


def site() -> dict:
    """Tamanho do site, a página mais pesada (dos testes do navegador) e o maior PNG."""
    html = ROOT / "_build" / "html"
    if not html.is_dir():
        return {}
    pngs = sorted(html.rglob("*.png"), key=lambda p: p.stat().st_size)
    out = {"site_bytes": sum(p.stat().st_size for p in html.rglob("*") if p.is_file()),
           "largest_png_bytes": pngs[-1].stat().st_size if pngs else 0}
    weights = ROOT / "_build" / "relatorio-site.json"
    if weights.is_file():  # gravado pelos testes do site: bytes antes de interagir e depois
        data = json.loads(weights.read_text())
        out["heaviest_page"] = data["mais_pesada"]
        out["bytes_per_page_before_and_after_scrolling"] = data["bytes_por_pagina"]
    return out


def main(argv: list[str]) -> None:
    """``--so-site``: só o site (peso e Lighthouse); ``--antes PASTA``: compara com outra
    construção do site (por exemplo, a do main) na mesma execução."""
    antes = argv[argv.index("--antes") + 1] if "--antes" in argv else None
    times = int(argv[argv.index("--vezes") + 1]) if "--vezes" in argv else 3
    if "--so-site" in argv:
        report = {"site": site(), "explorer_update_ms": explorer_updates(),
                  "lighthouse": lighthouse(antes, times)}
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return
    prepare_environment()
    report = {"package": package(), "widget_update_median": widget_updates(),
              "notebook_execution_s": notebooks()}
    pk = report["package"]
    checks = {
        "fit_parametric_fast_median_s <= 2": pk["fit_parametric_fast_median_s"] <= 2.0,
        "objective_difference <= 1e-9": pk["objective_difference"] <= 1e-9,
        "parameters within 0.1%": pk["max_relative_parameter_difference"] <= 1e-3,
        "bootstrap_1000_resamples_s <= 60": pk["bootstrap_1000_resamples_s"] <= 60.0,
        "import_scaling_utils_s <= 0.5": pk["import_scaling_utils_s"] <= 0.5,
        "widget pure functions <= 100 ms (lab: 5 s)": all(
            v <= WIDGET_LIMIT_MS.get(k, 100.0)
            for k, v in report["widget_update_median"]["pure_function_ms"].items()),
        "kernel widget update <= 150 ms (lab: 5 s)": all(
            v <= (WIDGET_LIMIT_MS.get(k) or KERNEL_UPDATE_LIMIT_MS)
            for k, v in report["widget_update_median"]["kernel_update_ms"].items()),
        "notebooks within their limits": all(
            v <= NOTEBOOK_LIMIT_S.get(k, 20.0) for k, v in report["notebook_execution_s"].items()),
    }
    report["site"] = site()
    report["explorer_update_ms"] = explorers = explorer_updates()
    checks["site explorers: median update <= 50 ms"] = (
        explorers.get("median_ms") is not None and explorers["median_ms"] <= 50.0)
    report["lighthouse"] = lh_report = lighthouse(antes, times)
    import lighthouse as lh

    ours = lh_report.get("depois" if antes else "site", {})
    checks["lighthouse mobile: every page within the issue-16 goals"] = bool(ours) and all(
        lh.meets(v) for v in ours.values())
    report["checks"] = checks
    report["meets_targets"] = all(checks.values())
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
