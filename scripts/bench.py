#!/usr/bin/env python3
"""Medidas de desempenho de scaling_utils, impressas como JSON (make bench).

Metas (issue do pacote): fit_parametric padrão ≤ 2 s (mediana) e o mesmo ótimo da estratégia
exaustiva; bootstrap com 1.000 reamostras ≤ 60 s; import scaling_utils ≤ 0,5 s.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn, repeat=1):
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


def main() -> None:
    shared = ROOT.parent / "shared" / "data"
    if "SCALING_UTILS_DATA_DIR" not in os.environ and shared.is_dir():
        os.environ["SCALING_UTILS_DATA_DIR"] = str(shared)
    from scaling_utils import chinchilla as ch
    from scaling_utils.data import load_chinchilla_runs

    runs = load_chinchilla_runs()
    args = (runs.N, runs.D, runs.loss)
    fast_s, fast = _timed(lambda: ch.fit_parametric(*args), repeat=5)
    full_s, full = _timed(lambda: ch.fit_parametric(*args, strategy="exhaustive"))
    boot_s, _ = _timed(lambda: ch.bootstrap(*args, n_resamples=1000, seed=0))
    rel = max(abs(getattr(fast.params, k) / getattr(full.params, k) - 1)
              for k in ("E", "A", "B", "alpha", "beta"))
    report = {
        "import_scaling_utils_s": round(import_time(), 4),
        "fit_parametric_fast_median_s": round(fast_s, 3),
        "fit_parametric_exhaustive_s": round(full_s, 2),
        "speedup_exhaustive_over_fast": round(full_s / fast_s, 1),
        "objective_difference": abs(fast.objective - full.objective),
        "max_relative_parameter_difference": rel,
        "bootstrap_1000_resamples_s": round(boot_s, 2),
        "targets": {"fit_parametric_fast_median_s": 2.0, "bootstrap_1000_resamples_s": 60.0,
                    "import_scaling_utils_s": 0.5, "objective_difference": 1e-9,
                    "max_relative_parameter_difference": 1e-3},
    }
    report["meets_targets"] = all(report[k] <= v for k, v in report["targets"].items())
    html = ROOT / "_build" / "html"
    if html.is_dir():
        report["site_bytes"] = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
