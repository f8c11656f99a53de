"""A convenção de compute de Kaplan (C_min × C) e toda alocação de Kaplan que o livro imprime.

A Tabela 6 de Kaplan et al. (2020) está em C_min; treinar no lote crítico custa C = 2·C_min
(Eq. 5.5), e os coeficientes impressos gastam 6·N·D = 1,81·C_min. O livro converte o compute
gasto com ``kaplan.allocation_for_compute``; aqui se confere que cada alocação impressa (nos
cadernos, nos títulos e textos alternativos das figuras) gasta 6·N·D = C dentro do arredondamento.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from conftest import notebooks

from scaling_utils import compute, figures, kaplan

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
SCI = r"(\d+(?:,\d+)?) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)"


def _interval(mantissa: str, exponent: str) -> tuple[float, float]:
    """O intervalo de valores que arredondam para ``mantissa × 10^exponent``."""
    digits = len(mantissa.split(",")[1]) if "," in mantissa else 0
    m = float(mantissa.replace(",", "."))
    half = 0.5 * 10.0 ** -digits
    scale = 10.0 ** int(exponent.translate(SUPERSCRIPT))
    return (m - half) * scale, (m + half) * scale


def _check_spend(c, n, d, factor=1.0):
    """6·N·D cabe em factor·C, com cada número no seu intervalo de arredondamento."""
    lo = 6 * n[0] * d[0]
    hi = 6 * n[1] * d[1]
    assert lo <= factor * c[1] and factor * c[0] <= hi, (c, n, d, factor)


def _labelled(line, label):
    m = re.search(re.escape(label) + r" = " + SCI, line)
    return _interval(*m.groups()) if m else None


def _printed_lines():
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                text = "".join(out.get("text", "")) + "".join(
                    out.get("data", {}).get("text/plain", ""))
                yield path.name, text


def _kaplan_allocations():
    """(caderno, C, N, D, fator) de cada alocação de Kaplan impressa nos cadernos."""
    found = []
    for name, text in _printed_lines():
        lines = text.splitlines()
        for i, line in enumerate(lines):
            n, d = _labelled(line, "Nₒₚₜ"), _labelled(line, "Dₒₚₜ")
            if n and d:
                c = re.search(r"C = " + SCI + " FLOPs", line)
                cmin = re.search(r"Cₘᵢₙ = (?:" + SCI + r"|(\d+)) PF-dia", line)
                if c:
                    found.append((name, _interval(*c.groups()), n, d, 1.0))
                elif cmin:
                    if cmin.group(3):
                        v = float(cmin.group(3)) * compute.PF_DAY_FLOPS
                        c_int = (v, v)
                    else:
                        c_int = tuple(x * compute.PF_DAY_FLOPS
                                      for x in _interval(cmin.group(1), cmin.group(2)))
                    found.append((name, c_int, n, d, kaplan.TABLE6_SPEND))
            if line.startswith("Kaplan") and "  " in line:  # linha de tabela
                header = lines[i - 1] if not set(lines[i - 1]) <= set("- ") else lines[i - 2]
                cols = re.split(r"\s{2,}", header.strip())
                cells = re.split(r"\s{2,}", line.strip())
                if {"C (FLOPs)", "Nₒₚₜ", "Dₒₚₜ"} <= set(cols):
                    get = {k: re.fullmatch(SCI, cells[cols.index(k)]).groups()
                           for k in ("C (FLOPs)", "Nₒₚₜ", "Dₒₚₜ")}
                    found.append((name, _interval(*get["C (FLOPs)"]), _interval(*get["Nₒₚₜ"]),
                                  _interval(*get["Dₒₚₜ"]), 1.0))
    return found


def test_table6_spends_1_81_c_min():
    # Tabela 6: 6 · 1,3 × 10⁹ · 2 × 10¹⁰ = 1,56 × 10²⁰ FLOPs por PF-dia de C_min.
    assert kaplan.TABLE6_SPEND == pytest.approx(1.806, abs=5e-4)
    n, d = kaplan.optimal_allocation(1.0)
    assert 6 * n * d / compute.PF_DAY_FLOPS == pytest.approx(kaplan.TABLE6_SPEND)


def test_d_opt_is_critical_batch_times_twice_s_min():
    # No lote crítico, S = 2·S_min (Eq. 5.4): D = 2·B_crit·S_min ≈ 2,2 × 10¹⁰ · C_min^0,27,
    # o D_opt da Tabela 6 (2 × 10¹⁰) antes do arredondamento.
    assert kaplan.B_CRIT_EXP + kaplan.S_MIN_EXP == pytest.approx(kaplan.D_OPT_EXP)
    assert 2 * kaplan.B_CRIT_COEF * kaplan.S_MIN_COEF == pytest.approx(kaplan.D_OPT_COEF,
                                                                        rel=0.1)


def test_eq_5_5_critical_batch_doubles_compute():
    assert kaplan.compute_from_c_min(1.0) == 2.0
    assert kaplan.compute_from_c_min(3.0, 0.0) == 3.0


@pytest.mark.parametrize("C", np.geomspace(1e18, 1e27, 19))
def test_allocation_for_compute_spends_the_budget(C):
    n, d = kaplan.allocation_for_compute(C)
    assert 6 * n * d == pytest.approx(C, rel=1e-12)
    assert n / d == pytest.approx(np.divide(*kaplan.optimal_allocation(
        kaplan.c_min_for_compute(C))))


def test_gpt3_and_gopher_allocations():
    # Valores recalculados na revisão científica (C_min ≈ C/1,8): GPT-3 (3,14 × 10²³ FLOPs)
    # → N ≈ 1,9 × 175B, D ≈ 0,52 × 300B; Gopher (5,76 × 10²³) → 5,2 × 10¹¹ e 1,8 × 10¹¹.
    n, d = kaplan.allocation_for_compute(3.14e23)
    assert n / 175e9 == pytest.approx(1.9, abs=0.05)
    assert d / 300e9 == pytest.approx(0.52, abs=0.01)
    n, d = kaplan.allocation_for_compute(5.76e23)
    assert n == pytest.approx(5.2e11, rel=0.01)
    assert d == pytest.approx(1.8e11, rel=0.03)


def test_notebooks_print_kaplan_allocations_and_all_spend_the_budget():
    found = _kaplan_allocations()
    books = {name for name, *_ in found}
    assert {"02-kaplan.ipynb", "03-chinchilla.ipynb"} <= books, found
    for _book, c, n, d, factor in found:
        _check_spend(c, n, d, factor)


def test_checker_catches_the_literal_table6_on_spent_compute():
    c = 5.76e23
    n, d = kaplan.optimal_allocation(c / compute.PF_DAY_FLOPS)  # o erro antigo
    with pytest.raises(AssertionError):
        _check_spend((c, c), (n, n), (d, d))


def test_notebooks_never_feed_spent_compute_to_table6():
    for path in notebooks():
        src = "".join("".join(c["source"]) for c in json.loads(path.read_text("utf-8"))["cells"]
                      if c["cell_type"] == "code")
        for call in re.findall(r"kaplan\.optimal_allocation\(([^\n]*)\)", src):
            assert "flops_to_pf_days" not in call or "Tabela 6 literal" in src, (path, call)


@pytest.mark.parametrize("C", [1e20, 3.14e23, 5.76e23, 1e26])
def test_figure_texts_spend_the_budget(C):
    for text in (figures.kaplan_allocation_alt(C), figures.budget_comparison_alt(C)):
        n = re.search(SCI + r" parâmetros", text)
        d = re.search(SCI + r" tokens", text)
        _check_spend((C, C), _interval(*n.groups()), _interval(*d.groups()))
