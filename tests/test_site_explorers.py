"""Os exploradores Vega do site, vivos e sem rede (issue 15): num Chromium de verdade, cada
controle de cada explorador vai a três posições (as duas pontas e o meio), pelo teclado; o que o
Vega desenhou é lido do grafo de cena e comparado com as funções da biblioteca naquela posição;
os textos visíveis (resumo, rótulos dos controles) mudam e são os da biblioteca."""

from __future__ import annotations

import functools
import sys
import time

import numpy as np
import pytest
from conftest import ROOT, offline_page

sys.path.insert(0, str(ROOT / "scripts"))
import exploradores_site as ex

from scaling_utils import chinchilla as ch
from scaling_utils import dados_restritos as dr
from scaling_utils import emergence as em
from scaling_utils import explorers, kaplan, lab
from scaling_utils.desafio.estrategias import prever_abordagem3
from scaling_utils.inference import inference_aware_frontier, inference_aware_optimal
from scaling_utils.powerlaw import fit_loglog, power_law, sample_power_law

pytestmark = pytest.mark.site

RTOL = 1e-3  # a grade guarda 4 algarismos (explorers._base.SIGNIFICANT): erro ≤ 5 × 10⁻⁴


def _close(got, want, what):
    got, want = np.asarray(got, float), np.asarray(want, float)
    assert got.shape == want.shape and got.size, f"{what}: {got.shape}, esperado {want.shape}"
    np.testing.assert_allclose(got, want, rtol=RTOL, err_msg=what)


def _col(items, key):
    return [float(d[key]) for d in items]


def check_power_law(v, marks):
    for name in ("linear", "loglog"):
        x = np.array(_col(marks[name], "x"))
        _close(_col(marks[name], "y"), v["E"] + power_law(x, v["c"], v["k"]), name)
    if v["E"] > 0:
        _close(_col(marks["linear_piso"], "piso"), [v["E"]] * 2, "piso")


def check_fit(v, marks):
    # A semente e o expoente do explorador (os do ajuste do texto, no capítulo 1).
    from scaling_utils.explorers import potencia as pot

    x, y = sample_power_law(1.0, pot.TRUE_K, 1.0, 10 ** v["decades"], pot.N_POINTS, v["noise"],
                            pot.SEED)
    _close(_col(marks["medidas"], "x"), x, "x das medidas")
    _close(_col(marks["medidas"], "y"), y, "y das medidas")
    _close(_col(marks["verdade"], "verdade"), power_law(x, 1.0, pot.TRUE_K), "verdade")
    _close(_col(marks["ajuste"], "ajuste"), fit_loglog(x, y).predict(x), "reta ajustada")


def check_kaplan(v, marks):
    C = np.array(_col(marks["n_opt"], "C"))
    n, d = kaplan.allocation_for_compute(C)
    _close(_col(marks["n_opt"], "N"), n, "N_opt")
    _close(_col(marks["d_opt"], "D"), d, "D_opt")
    _close(_col(marks["perda"], "L"), kaplan.loss_for_compute(C), "L(C)")
    c = 10.0 ** v["log10_C"]
    _close(_col(marks["escolha"], "c"), [c], "orçamento escolhido")
    _close(_col(marks["ponto"], "l"), [kaplan.loss_for_compute(c)], "perda no orçamento")


PARAMS = {"besiroglu_2024": ch.BESIROGLU_2024, "hoffmann_2022": ch.HOFFMANN_2022,
          "hoffmann_2022_full": ch.HOFFMANN_2022_FULL}


def check_chinchilla(v, marks):
    p = PARAMS[v["params"]]
    C = np.array(_col(marks["n_kaplan"], "C"))
    nk, dk = kaplan.allocation_for_compute(C)
    nc, dc = ch.compute_optimal(C, p)
    _close(_col(marks["n_kaplan"], "Nk"), nk, "N de Kaplan")
    _close(_col(marks["n_chinchilla"], "Nc"), nc, "N do Chinchilla")
    _close(_col(marks["d_kaplan"], "Dk"), dk, "D de Kaplan")
    _close(_col(marks["d_chinchilla"], "Dc"), dc, "D do Chinchilla")


def check_inference(v, marks):
    p = ch.BESIROGLU_2024
    lt = float(ch.optimal_loss(ch.GOPHER_BUDGET, p))
    d_inf = np.array(_col(marks["n"], "Dinf"))
    n_opt, d_opt = inference_aware_frontier(lt, d_inf, p)
    _close(_col(marks["n"], "N"), n_opt, "N ótimo com inferência")
    _close(_col(marks["t"], "T"), d_opt / n_opt, "tokens por parâmetro")
    base = inference_aware_optimal(lt, 0.0, p)
    _close(_col(marks["n_chinchilla"], "bN"), [base.N] * 2, "N só do treino")
    o = inference_aware_optimal(lt, 10 ** v["log10_D_inference"], p)
    _close(_col(marks["n_ponto"], "n"), [o.N], "N na demanda escolhida")
    _close(_col(marks["t_ponto"], "t"), [o.tokens_per_param], "tokens/parâmetro na demanda")


def check_epochs(v, marks):
    U, N = 10 ** v["log10_U"], 10 ** v["log10_N"]
    e = np.array(_col(marks["efetivos"], "ep"))
    _close(_col(marks["efetivos"], "ef"), dr.effective_data(e * U, U) / U, "dados efetivos")
    e = np.array(_col(marks["repetindo"], "ep"))
    _close(_col(marks["repetindo"], "rep"), dr.loss(N, e * U, U), "perda repetindo")
    _close(_col(marks["novos_perda"], "nov"), dr.loss(N, e * U, e * U), "perda com dados novos")


def check_mirage(v, marks):
    task, k = em.ILLUSTRATIVE_TASK, int(v["length"])
    N = np.array(_col(marks["esperado"], "N"))
    _close(_col(marks["esperado"], "esperado"), em.score(task(N), v["metric"], k), "esperado")
    if v["metric"] == "edit_distance":
        assert not marks.get("medido"), "distância de edição: sem pontos medidos"
        return
    Nm = np.array(_col(marks["medido"], "Nm"))
    want = em.sample_accuracy(em.score(task(Nm), v["metric"], k), int(v["n_questions"]), 0)
    _close(_col(marks["medido"], "medido"), want, "medido no teste")


def check_isoflop(v, marks, runs):
    w = v["bin_width"]
    iso = ch.fit_isoflop(runs.N, runs.D, runs.loss, bin_width=w)
    stars = sorted(zip(_col(marks["minimos"], "sN"), _col(marks["minimos"], "sL"), strict=True))
    assert 3 <= len(stars) <= 6
    for n_opt, l_min in stars:  # cada estrela é o mínimo de uma parábola da biblioteca
        j = int(np.argmin(np.abs(np.log10(iso.N_opt) - np.log10(n_opt))))
        _close([n_opt, l_min], [iso.N_opt[j], np.polyval(iso.coefs[j], np.log10(iso.N_opt[j]))],
               "mínimo da parábola")
    # Cada corrida desenhada é uma corrida real (N, perda) das corridas digitalizadas.
    drawn_n = np.array(_col(marks["corridas"], "pN"))[:, None]
    drawn_loss = np.array(_col(marks["corridas"], "pL"))[:, None]
    assert drawn_n.size
    gap = np.maximum(np.abs(drawn_n / runs.N - 1), np.abs(drawn_loss / runs.loss - 1))
    assert (gap.min(axis=1) < 1e-3).all(), "corrida desenhada que não está nos dados"


def check_lab(v, marks):
    """As execuções desenhadas (nos dois painéis), a lei ajustada e o ruído: os de lab.sweep."""
    runs, p = lab.sweep(v["spectrum"], v["noise"])
    want = sorted(zip(runs.N, runs.D, runs.loss, strict=True))
    for name in ("por_n", "por_d"):
        got = sorted(zip(_col(marks[name], "N"), _col(marks[name], "D"), _col(marks[name], "L"),
                         strict=True))
        _close(got, want, f"execuções ({name})")
    xl = np.array(_col(marks["lei"], "xl"))
    _close(_col(marks["lei"], "lei"), ch.loss(xl, 2048.0, p), "lei ajustada")
    _close(_col(marks["ruido"], "ruido"), [v["noise"]] * 2, "ruído σ²")


def check_frontier(v, marks, demo):
    """A fronteira prevista (o ajuste com N ≥ 10^log10_N_minimo) e a verdadeira."""
    N, D, L, verdade = demo
    p = prever_abordagem3(N, D, L, verdade.orcamento_alvo,
                          10 ** v["log10_N_minimo"]).ajuste.params
    for panel, fn in (("n", lambda C, q: ch.compute_optimal(C, q)[0]), ("l", ch.optimal_loss)):
        C = np.array(_col(marks[f"{panel}_v"], "C"))
        _close(_col(marks[f"{panel}_v"], f"v{panel.upper()}"), fn(C, verdade.lei), "verdade")
        C = np.array(_col(marks[f"{panel}_p"], "C"))
        _close(_col(marks[f"{panel}_p"], f"p{panel.upper()}"), fn(C, p), "ajuste")
        _close(_col(marks[f"{panel}_alvo"], "alvo"), [verdade.orcamento_alvo], "alvo")


# nome do explorador → (página, fábrica com os argumentos do caderno, conferência)
EXPLORERS = {
    "lei_de_potencia": ("notebooks/01-leis-de-potencia.html", explorers.lei_de_potencia,
                        check_power_law),
    "ajuste": ("notebooks/01-leis-de-potencia.html", explorers.ajuste, check_fit),
    "orcamento_kaplan": ("notebooks/02-kaplan.html", explorers.orcamento_kaplan, check_kaplan),
    "orcamento_chinchilla": ("notebooks/03-chinchilla.html", explorers.orcamento_chinchilla,
                             check_chinchilla),
    "isoflop": ("notebooks/04-replicacao.html", explorers.isoflop, check_isoflop),
    "miragem": ("notebooks/05-paradoxo.html", explorers.miragem, check_mirage),
    "inferencia": ("notebooks/06-depois-do-chinchilla.html", explorers.inferencia,
                   check_inference),
    "epocas": ("notebooks/06-depois-do-chinchilla.html", explorers.epocas, check_epochs),
    "varredura": ("notebooks/07-laboratorio.html", explorers.varredura, check_lab),
    "fronteira": ("notebooks/08-desafio.html", explorers.fronteira, check_frontier),
}
PAGES = sorted({page for page, _, _ in EXPLORERS.values()})
_timings: list[float] = []


def _exercise(page, i, explorer, check):
    """Cada controle a três posições (os demais onde estão); confere dados e textos."""
    ctrls = ex.controls(page, i)
    assert [c["param"] for c in ctrls] == [c.param for c in explorer.controls]
    position = {c.name: c.start for c in explorer.controls}
    seen = set()
    for c, spec in zip(explorer.controls, ctrls, strict=True):
        assert spec["rotulos"] == list(c.labels)
        for k in ex.positions(len(c.values)):
            _timings.append(ex.move(page, i, spec, k))
            position[c.name] = k
            values = {d.name: d.values[position[d.name]] for d in explorer.controls}
            check(values, ex.plotted(page, i))
            shown = ex.readouts(page, i)
            row = explorer.row(**position)
            assert shown["resumo"] == row["resumo"].replace("\n", "; "), values
            control = next(x for x in shown["controles"] if x["nome"] == c.label)
            assert control["texto"] == c.labels[k], (c.name, k, control)
            if c.kind == "range":
                assert control["valuetext"] == c.labels[k]
            seen.add(shown["resumo"])
    n_moves = sum(len(ex.positions(len(c.values))) for c in explorer.controls)
    assert len(seen) >= min(3, n_moves), f"{explorer.name}: os textos visíveis não mudaram"


@pytest.mark.parametrize("page_path", PAGES)
def test_explorers_are_live_offline(browser, server, page_path, request):
    t0 = time.perf_counter()
    context, page, blocked = offline_page(browser, server, viewport={"width": 1100, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        # Carga sob demanda: antes de o leitor chegar perto, nada do Vega.
        loaded = page.evaluate("() => [...document.scripts].some(s => /vega/.test(s.src))")
        far = page.evaluate("() => document.querySelector('.explorador-vega')"
                            ".getBoundingClientRect().top > innerHeight + 1000")
        if far:
            assert not loaded, f"{page_path}: Vega carregado antes de o leitor chegar perto"
        n = ex.open_explorers(page)
        names = page.evaluate("() => [...document.querySelectorAll('.explorador-vega')]"
                              ".map(e => [e.dataset.explorador, e.dataset.pronto])")
        want = [k for k, (p, _, _) in EXPLORERS.items() if p == page_path]
        assert [nm for nm, _ in names] == want, names
        assert all(state == "sim" for _, state in names), names
        for i in range(n):
            _, factory, check = EXPLORERS[names[i][0]]
            if names[i][0] == "isoflop":  # precisa das corridas do Chinchilla
                runs = request.getfixturevalue("runs")
                factory = functools.partial(factory, runs)
                check = functools.partial(check, runs=runs)
            if names[i][0] == "fronteira":  # o exemplo resolvido, depois do envio
                demo = request.getfixturevalue("desafio_demo")
                factory = functools.partial(factory, *demo)
                check = functools.partial(check, demo=demo)
            _exercise(page, i, factory(), check)
        # Nenhum widget morto: a célula do ipywidgets fica fora do site.
        assert page.locator(".jupyter-widgets, .widget-slider").count() == 0
        assert not errors, errors
        assert not blocked, f"{page_path}: tentou a rede: {blocked}"
    finally:
        context.close()
    print(f"\n{page_path}: {time.perf_counter() - t0:.1f} s; atualização mediana "
          f"{np.median(_timings):.1f} ms em {len(_timings)} movimentos")


@pytest.mark.parametrize("page_path", PAGES)
def test_explorers_fit_a_phone_screen(browser, server, page_path):
    """Num celular (390 px), os painéis lado a lado ficam empilhados e mais estreitos
    (explorador.js): nenhum explorador rola de lado, nem os seus controles."""
    context, page, _ = offline_page(browser, server, viewport={"width": 390, "height": 844},
                                    is_mobile=True, has_touch=True)
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        n = ex.open_explorers(page)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.explorador-vega')].map(e => {
                 const svg = e.querySelector('.explorador-grafico svg');
                 return [e.dataset.explorador, e.scrollWidth, e.clientWidth,
                         Math.ceil(svg.getBoundingClientRect().width)];
               })""")
    finally:
        context.close()
    assert n == len(sizes) > 0, page_path
    wide = [s for s in sizes if s[1] > s[2] + 1 or s[3] > s[2]]
    assert not wide, f"{page_path}: (explorador, largura do conteúdo, da caixa, do gráfico) {wide}"


def test_print_hides_the_explorer_and_keeps_the_figure(browser, server):
    """Na impressão (e no PDF) fica a figura estática do matplotlib, não o explorador."""
    context, page, _ = offline_page(browser, server)
    try:
        page.goto(f"{server}/notebooks/02-kaplan.html", wait_until="load")
        page.emulate_media(media="print")
        assert page.locator(".explorador-vega").first.is_hidden()
        assert page.locator("article img").count() > 0
    finally:
        context.close()
