"""Os exploradores Vega sem navegador: a especificação só seleciona (nenhuma conta no
JavaScript), a grade cobre toda combinação dos controles, entradas ruins têm erro em português e
o HTML traz o que o site e os leitores de tela precisam."""

from __future__ import annotations

import itertools
import json
import re

import numpy as np
import pytest

from scaling_utils import chinchilla as ch
from scaling_utils import explorers, lab
from scaling_utils.desafio.estrategias import prever_abordagem3
from scaling_utils.explorers import _base
from scaling_utils.explorers import desafio as ex_desafio
from scaling_utils.explorers import laboratorio as ex_lab
from scaling_utils.explorers.potencia import X_CURVE
from scaling_utils.powerlaw import power_law

FACTORIES = [getattr(explorers, name) for name in explorers.__all__]


@pytest.fixture(scope="module", params=FACTORIES, ids=lambda f: f.__name__)
def explorer(request):
    if request.param.__name__ == "isoflop":  # as corridas do Chinchilla (conftest.runs)
        return request.param(request.getfixturevalue("runs"))
    if request.param.__name__ == "fronteira":  # o exemplo do desafio, depois do envio
        return request.param(*request.getfixturevalue("desafio_demo"))
    return request.param()


def _transforms(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "transform":
                yield from value
            yield from _transforms(value)
    elif isinstance(node, list):
        for item in node:
            yield from _transforms(item)


def test_the_spec_only_selects(explorer):
    """Só filtro por índice, desdobrar listas, numerar pontos, buscar o eixo comum e nomear a
    série com uma constante: nenhuma expressão que calcule um número do livro."""
    params = {c.param for c in explorer.controls}
    columns = {c.column for c in explorer.controls}
    seen = set()
    for t in _transforms(explorer.spec()):
        kind = next(k for k in ("filter", "flatten", "window", "lookup", "calculate") if k in t)
        seen.add(kind)
        if kind == "filter":
            for clause in t["filter"].split(" && "):
                m = re.fullmatch(r"datum\.(i_\w+) == (p_\w+)", clause)
                assert m and m[1] in columns and m[2] in params, clause
                assert m[1][2:] == m[2][2:], clause
        elif kind == "window":
            assert [w["op"] for w in t["window"]] == ["row_number"]
        elif kind == "calculate":
            assert isinstance(json.loads(t["calculate"]), str), t  # uma constante de texto
    assert "filter" in seen


def test_grid_covers_every_position(explorer):
    sizes = [len(c.values) for c in explorer.controls]
    assert all(n >= 3 for n in sizes)
    got = sorted(tuple(r[c.column] for c in explorer.controls) for r in explorer.rows)
    assert got == sorted(itertools.product(*(range(n) for n in sizes)))
    assert all(r["resumo"] for r in explorer.rows)
    assert len({r["resumo"] for r in explorer.rows}) > 1, "o resumo muda com os controles"


def test_html_for_site_and_screen_readers(explorer):
    html = explorer._repr_html_()
    assert 'aria-live="polite"' in html and 'role="figure"' in html
    assert "@media print{.explorador-vega{display:none}}" in html
    spec_text = re.search(r'class="explorador-spec">(.*?)</script>', html, re.S)[1]
    spec = json.loads(spec_text.replace("<\\/", "</"))
    assert spec["description"] == explorer.alt_text
    for c, meta in zip(explorer.controls, spec["usermeta"]["controles"], strict=True):
        assert meta["rotulos"] == list(c.labels) and meta["rotulo"] == c.label
        if c.kind == "range":  # números em pt-BR: vírgula decimal, nunca ponto
            pt_br = r"[−-]?\d{1,3}(\.\d{3})*(,\d+)?"
            assert all(re.fullmatch(pt_br, s) for s in c.labels), c.labels
    assert len(html) < 400_000, f"{explorer.name}: {len(html)} bytes no caderno"


def test_power_law_grid_is_the_library_law():
    ex = explorers.lei_de_potencia()
    for pos in ({"c": 0, "k": 0, "E": 0}, {"c": 9, "k": 20, "E": 4},
                {"c": 3, "k": 7, "E": 2}):
        row = ex.row(**pos)
        c, k, E = (ctl.values[pos[ctl.name]] for ctl in ex.controls)
        np.testing.assert_allclose(row["y"], E + power_law(np.array(X_CURVE), c, k),
                                   rtol=1e-3)


def test_bad_input_names_argument_and_value():
    with pytest.raises(ValueError, match=r"\bk\b.*0\.5"):
        explorers.lei_de_potencia(k=0.5)
    with pytest.raises(ValueError, match=r"params.*'outro'"):
        explorers.orcamento_chinchilla(params="outro")
    with pytest.raises(ValueError, match=r"grade de x.*3 posições"):
        _base.slider("x", "x", 0.0, 1.0, 0.6, 0.0, 1)
    with pytest.raises(ValueError, match=r"log10_C"):
        explorers.orcamento_kaplan(log10_C=40.0)


def test_fit_explorer_interval_contains_the_true_exponent():
    """Todas as posições do explorador do ajuste usam a mesma amostra, ampliada ou reduzida: o
    erro do expoente, em erros-padrão, é o mesmo em todas. A semente tem de ser uma das 19 em 20
    cujo IC 95% contém o valor verdadeiro, senão o explorador o exclui sempre (com a semente 0,
    acontecia); e a posição inicial é o ajuste que o texto imprime (semente 1, ruído 0,2)."""
    from scaling_utils.explorers import potencia
    from scaling_utils.powerlaw import fit_loglog, sample_power_law

    ex = explorers.ajuste()
    outside = []
    for noise, decades in itertools.product(*(c.values for c in ex.controls)):
        if noise == 0:
            continue
        x, y = sample_power_law(1.0, potencia.TRUE_K, 1.0, 10**decades, potencia.N_POINTS,
                                noise, potencia.SEED)
        lo, hi = fit_loglog(x, y).k_interval()
        outside += [] if lo <= potencia.TRUE_K <= hi else [(noise, decades)]
    assert outside == []
    start = ex.row(**{c.name: c.start for c in ex.controls})
    assert start["resumo"].startswith("ajuste: k = −0,53 "), start["resumo"]


def test_start_position_is_the_nearest_grid_point():
    ex = explorers.orcamento_chinchilla(log10_C=22.6)
    c = ex.controls[0]
    assert c.values[c.start] == 22.5


def test_budget_explorers_start_at_the_budgets_of_the_text():
    """O explorador mostra o mesmo orçamento que o texto (3,14 × 10²³ no capítulo 2, o do
    GPT-3; 5,76 × 10²³ no 3, o do Gopher), não o ponto da grade ao lado
    (10 elevado a 23,5 dá 3,16 × 10²³)."""
    from scaling_utils import compute, fmt

    for ex, budget, call in (
            (explorers.orcamento_kaplan(log10_C=23.5), compute.GPT3_TABLE_D1_FLOPS, "kaplan"),
            (explorers.orcamento_chinchilla(log10_C=23.75), ch.GOPHER_BUDGET, "chin")):
        c = ex.controls[0]
        assert 10 ** c.values[c.start] == pytest.approx(budget, rel=1e-12), call
        start = ex.row(**{k.name: k.start for k in ex.controls})
        assert start["resumo"].startswith(f"C = {fmt.sci(budget, 2)} FLOPs"), start["resumo"]
        steps = np.diff(c.values)
        assert steps.min() > 0.2 and steps.max() < 0.3, "a grade continua quase uniforme"
    assert fmt.sci(10**23.5, 2) != fmt.sci(compute.GPT3_TABLE_D1_FLOPS, 2)  # o teste discrimina


def test_lab_grid_is_the_library_sweep():
    """Duas posições do explorador do laboratório (as pontas): as execuções e a lei ajustada
    são as de ``lab.sweep``; os controles vão de ponta a ponta do *widget* e usam γ."""
    ex = explorers.varredura()
    spectrum, noise = ex.controls
    assert (spectrum.values[0], spectrum.values[-1]) == (1.1, 3.0)
    assert (noise.values[0], noise.values[-1]) == (0.05, 1.0)
    assert "γ" in spectrum.label and "γ" in ex.rows[0]["resumo"]
    for pos in ({"spectrum": 0, "noise": 0}, {"spectrum": 3, "noise": 2}):
        row = ex.row(**pos)
        runs, p = lab.sweep(spectrum.values[pos["spectrum"]], noise.values[pos["noise"]])
        np.testing.assert_allclose(row["L"], runs.loss, rtol=1e-3)
        np.testing.assert_array_equal(row["N"], runs.N)
        xl = np.array(ex_lab.N_CURVE)
        np.testing.assert_allclose(row["lei"], ch.loss(xl, 2048.0, p), rtol=1e-3)
        assert row["ruido"] == noise.values[pos["noise"]]


def test_frontier_grid_is_the_library_fit(desafio_demo):
    N, D, L, verdade = desafio_demo
    ex = explorers.fronteira(N, D, L, verdade)
    (c,) = ex.controls
    assert (c.values[0], c.values[-1], len(c.values)) == (6.0, 8.0, 9)
    C = ex_desafio.compute_axis(N, D, verdade)
    for k in (0, 8):
        p = prever_abordagem3(N, D, L, verdade.orcamento_alvo, 10 ** c.values[k]).ajuste.params
        row = ex.row(log10_N_minimo=k)
        np.testing.assert_allclose(row["pN"], ch.compute_optimal(C, p)[0], rtol=1e-3)
        np.testing.assert_allclose(row["pL"], ch.optimal_loss(C, p), rtol=1e-3)
    truth = ex.tables["curvas"][0]
    np.testing.assert_allclose(truth["vL"], ch.optimal_loss(C, verdade.lei), rtol=1e-3)


def test_frontier_refuses_a_missing_truth(desafio_demo):
    N, D, L, _ = desafio_demo
    with pytest.raises(TypeError, match="verdade deve ser um Verdade"):
        explorers.fronteira(N, D, L, None)


def _reader_strings(node, key=None):
    """Os textos do explorador que o leitor lê: títulos, resumos, rótulos, legenda, descrição."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _reader_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _reader_strings(v, key)
    elif isinstance(node, str) and key in ("title", "resumo", "rotulo", "rotulos", "description",
                                           "domain", "text"):
        yield node
    elif isinstance(node, str) and key == "name" and " " in node:  # o nome de um controle
        yield node


def test_reader_text_has_no_code_notation(explorer):
    """Nada de ``_`` ou ``^`` de código, True/False/None nem hífen antes de número no que o
    leitor lê (CONTRIBUTING.md, Notação e Números): Nₒₚₜ, Dₜᵣₑᵢₙₒ, 10²³."""
    spec = explorer.spec()
    texts = list(_reader_strings({k: v for k, v in spec.items() if k != "datasets"}))
    texts += [r["resumo"] for r in spec["datasets"]["estados"]]
    rx = re.compile(r"[\^_]|\b(True|False|None)\b|(?<![\w.,/–-])-\d")
    assert len(texts) > 3
    assert [t for t in texts if rx.search(t)] == []
