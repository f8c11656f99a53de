"""O desafio do orçamento (capítulo 8): mundo, orçamento, nota, modo turma e o que o aluno vê."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT

from scaling_utils import chinchilla as ch
from scaling_utils import desafio, fmt
from scaling_utils.desafio import estrategias, mundo, turma
from scaling_utils.desafio.laboratorio import custo
from scaling_utils.desafio.nota import PERDA_METADE, Verdade

NOTEBOOK = ROOT / "notebooks" / "08-desafio.ipynb"


# --- o mundo: determinismo ----------------------------------------------------------------

def test_same_seed_same_runs_same_losses_in_any_order():
    pares = [(1e7, 2e8), (3e7, 1e9), (1e8, 5e8), (1e7, 2e8)]
    a, b = desafio.Laboratorio(7), desafio.Laboratorio("7")  # 7 e "7" são a mesma semente
    la = [a.treinar(n, d) for n, d in pares]
    lb = [b.treinar(n, d) for n, d in reversed(pares)][::-1]
    assert la[1:3] == lb[1:3]  # bit a bit, em qualquer ordem
    assert sorted(la[::3]) == sorted(lb[::3])  # as duas repetições de (1e7, 2e8)
    assert la[0] != la[3]  # repetir uma corrida dá outro ruído
    assert desafio.Laboratorio(8).treinar(1e7, 2e8) != la[0]


def test_losses_are_bit_for_bit_the_recorded_ones():
    """Valores gravados: o sorteio (SHA-256 → SeedSequence → PCG64) não pode mudar em silêncio
    entre máquinas ou versões; se mudar de propósito, troque mundo.VERSAO."""
    assert mundo._perda_observada("demonstração", 10**7, 2 * 10**8, 0).hex() == \
        "0x1.30e41c7a0e40dp+2"
    assert mundo._perda_observada("0", 10**8, 10**9, 3).hex() == "0x1.dbc787b36813ap+1"


def test_losses_do_not_depend_on_python_hash_seed():
    code = ("from scaling_utils.desafio import Laboratorio; "
            "print(Laboratorio('x').treinar(2e7, 4e8).hex())")
    out = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                               text=True, check=True).stdout)
    assert len(out) == 1


def test_ranges_cover_the_published_fits():
    for p in (ch.HOFFMANN_2022_FULL, ch.BESIROGLU_2024):
        valores = {"E": p.E, "alpha": p.alpha, "beta": p.beta,
                   "termo_N": p.A / mundo.N_REF**p.alpha, "termo_D": p.B / mundo.D_REF**p.beta}
        for nome, (lo, hi) in mundo._FAIXAS.items():
            assert lo <= valores[nome] <= hi, nome


@pytest.mark.parametrize("semente", ["demonstração", "0", "1", "abc", "ffffffffffffffff"])
def test_worlds_are_realistic(semente):
    k = mundo._constantes(semente)
    for c in (1e17, 1e23):
        assert mundo.FAIXA_TOKENS[0] <= ch.tokens_per_param(c, k.lei) <= mundo.FAIXA_TOKENS[1]
    assert mundo.FAIXA_RUIDO[0] <= k.ruido <= mundo.FAIXA_RUIDO[1]
    assert 1e3 <= k.razao_alvo <= 1e4
    v = desafio.Laboratorio(semente, modo_professor=True).verdade()
    assert mundo.vies(v.N_opt, v.vies) < 1e-4  # o viés some no alvo (docstring da verdade)
    # sem viés apreciável, o mínimo numérico da fatia é a forma fechada
    assert v.minimo_isoflop(v.orcamento_alvo) == pytest.approx(v.N_opt, rel=1e-3)


def test_small_models_sit_above_the_law():
    v = desafio.Laboratorio(3, modo_professor=True).verdade()
    assert v.perda_verdadeira(1e6, 1e9) - ch.loss(1e6, 1e9, v.lei) == pytest.approx(10 * v.vies)


# --- o orçamento --------------------------------------------------------------------------

def test_budget_boundary_is_exact():
    lab = desafio.Laboratorio(1, orcamento=6e17)
    with pytest.raises(desafio.OrcamentoEsgotado, match=r"N = 1 × 10⁸ e D = \S.* custa .* restam "):
        lab.treinar(1e8, 1e9 + 1)  # 6·10⁸ FLOPs além do orçamento
    assert lab.gasto == 0 and lab.corridas == () and len(lab.recusas) == 1
    lab.treinar(1e8, 1e9)  # custa exatamente o orçamento
    assert lab.restante == 0 and lab.gasto == lab.orcamento == 6 * 10**17
    with pytest.raises(desafio.OrcamentoEsgotado, match="restam 0 FLOPs"):
        lab.treinar(1e6, 1e7)
    assert len(lab.corridas) == 1 and len(lab.recusas) == 2


def test_batch_is_refused_whole_and_accounting_adds_up():
    lab = desafio.Laboratorio(2)
    N, D = estrategias.plano_cuidadoso(lab.orcamento)
    assert custo(N, D) <= lab.orcamento
    with pytest.raises(desafio.OrcamentoEsgotado, match="nada foi treinado"):
        lab.treinar_varios(np.append(N, 1e9), np.append(D, 1e10))
    assert lab.gasto == 0
    with pytest.raises(ValueError, match=r"N deve estar entre .* Nada do lote foi treinado"):
        lab.treinar_varios(np.append(N, 1e5), np.append(D, 1e9))
    assert lab.gasto == 0 and lab.corridas == () and len(lab.recusas) == 2
    perdas = lab.treinar_varios(N, D)
    assert lab.gasto == custo(N, D) == sum(c.custo for c in lab.corridas)
    assert lab.gasto + lab.restante == lab.orcamento
    np.testing.assert_array_equal(lab.dados()[2], perdas)
    assert [c.ordem for c in lab.corridas] == list(range(1, len(N) + 1))


# --- entradas ruins -------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "erro", "texto"), [
    ({"semente": -1}, ValueError, "semente .* recebido semente = -1"),
    ({"semente": None}, TypeError, "semente deve ser"),
    ({"semente": "  "}, ValueError, "semente não pode ser"),
    ({"semente": True}, TypeError, "semente deve ser"),
    ({"semente": 1.5}, TypeError, "semente deve ser"),
    ({"semente": 1, "orcamento": 0}, ValueError, "orcamento deve ser"),
    ({"semente": 1, "orcamento": "muito"}, TypeError, "orcamento"),
    ({"semente": 1, "orcamento": 1e10}, ValueError, "orcamento deve pagar"),
    ({"semente": 1, "modo_professor": "sim"}, TypeError, "modo_professor"),
])
def test_bad_lab_arguments(kwargs, erro, texto):
    with pytest.raises(erro, match=texto):
        desafio.Laboratorio(**kwargs)


@pytest.mark.parametrize(("N", "D", "erro", "texto"), [
    ("abc", 1e9, TypeError, "N deve ser um número"),
    (float("nan"), 1e9, ValueError, "N deve ser um número finito"),
    (1e5, 1e9, ValueError, r"N deve estar entre .* recebido N = 100000.0"),
    (1e11, 1e9, ValueError, "N deve estar entre"),
    (1e7, 1e13, ValueError, r"D deve estar entre .* recebido D = 10000000000000.0"),
    (1e7, -1, ValueError, "D deve ser um número positivo"),
    ([1e7, 2e7], 1e9, TypeError, "N deve ser um único número"),
])
def test_bad_runs_are_refused_and_logged(N, D, erro, texto):
    lab = desafio.Laboratorio(1)
    with pytest.raises(erro, match=texto):
        lab.treinar(N, D)
    assert lab.gasto == 0 and len(lab.recusas) == 1


def test_submission_rules():
    lab = desafio.Laboratorio(1)
    with pytest.raises(PermissionError, match="só aparece depois do envio"):
        lab.verdade()
    with pytest.raises(ValueError, match="N_opt deve ser um número positivo"):
        lab.enviar(-1, 1e11, 2.0)
    assert not lab.enviado
    lab.enviar(1e10, lab.orcamento_alvo / 6e10, 2.0)
    assert isinstance(lab.verdade(), Verdade)
    with pytest.raises(desafio.EnvioRepetido, match="segundo envio"):
        lab.enviar(1e10, 1e11, 2.0)


def test_bad_class_inputs(tmp_path):
    with pytest.raises(ValueError, match="segredo deve ser um texto não vazio"):
        turma.semente_do_aluno("", "ana")
    with pytest.raises(FileNotFoundError, match="arquivo de alunos não encontrado"):
        turma.ler_alunos(tmp_path / "nao-existe.csv")
    sem_id = tmp_path / "a.csv"
    sem_id.write_text("nome;turma\nAna;A\n", encoding="utf-8")
    with pytest.raises(ValueError, match="precisa de uma coluna id"):
        turma.ler_alunos(sem_id)
    repetido = tmp_path / "b.csv"
    repetido.write_text("id,nome\nana,Ana\nana,Ana B\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"identificador repetido .* 'ana'"):
        turma.ler_alunos(repetido)
    with pytest.raises(FileNotFoundError, match="pasta de envios"):
        turma.corrigir(tmp_path / "nada", "s")


# --- a nota ------------------------------------------------------------------------------

def test_score_rule():
    v = desafio.Laboratorio(4, modo_professor=True).verdade()

    def nota(n, d, perda):
        return desafio.avaliar(desafio.Previsao(n, d, perda, v.orcamento_alvo), v).nota

    assert nota(v.N_opt, v.D_opt, v.perda) == pytest.approx(100)
    assert nota(2 * v.N_opt, v.D_opt / 2, v.perda) == pytest.approx(50)
    assert nota(v.N_opt / 2, v.D_opt * 2, v.perda) == pytest.approx(50)
    assert nota(v.N_opt, v.D_opt, v.perda * np.exp(PERDA_METADE)) == pytest.approx(50)
    texto = desafio.avaliar(desafio.Previsao(v.N_opt, 10 * v.D_opt, v.perda,
                                             v.orcamento_alvo), v).explicacao()
    assert "Atenção: 6·Nₒₚₜ·Dₒₚₜ" in texto and "Nota:" in texto
    with pytest.raises(ValueError, match="outro orçamento"):
        desafio.avaliar(desafio.Previsao(1e9, 1e10, 2.0, 1e22), v)


@pytest.fixture(scope="module")
def demo():
    """As duas estratégias do capítulo no mundo de demonstração, já enviadas."""
    out = {}
    for nome, plano in (("cuidadosa", estrategias.plano_cuidadoso),
                        ("ingênua", estrategias.plano_ingenuo)):
        lab = desafio.Laboratorio(desafio.SEMENTE_DEMO)
        lab.treinar_varios(*plano(lab.orcamento))
        aj = estrategias.prever_abordagem3(*lab.dados(), lab.orcamento_alvo)
        p = aj.previsao
        out[nome] = (lab, aj, lab.enviar(p.N_opt, p.D_opt, p.perda))
    return out


def test_careful_approach3_beats_naive_in_demo_world(demo):
    cuidadosa, ingenua = demo["cuidadosa"][2], demo["ingênua"][2]
    assert cuidadosa.nota > 2 * ingenua.nota
    assert cuidadosa.fator_tamanho < ingenua.fator_tamanho
    assert cuidadosa.erro_perda < ingenua.erro_perda


def test_four_starts_reach_the_same_optimum_as_sixteen(demo):
    lab, aj, _ = demo["cuidadosa"]
    full = ch.fit_parametric(*lab.dados(), n_refine=16)
    assert aj.ajuste.objective == pytest.approx(full.objective, rel=1e-6)
    assert aj.ajuste.params.alpha == pytest.approx(full.params.alpha, rel=1e-5)


def test_approach2_parabola_bias_is_systematic_without_noise(demo):
    lab, _, _ = demo["cuidadosa"]
    v = lab.verdade()
    n, d, _ = lab.dados()
    iso = ch.fit_isoflop(n, d, v.perda_verdadeira(n, d), bin_width=0.1, min_runs=5)
    razoes = estrategias.razoes_vertice(iso, v)
    assert np.all(razoes > 1.001)  # sem ruído, todos os vértices do mesmo lado


# --- o modo turma --------------------------------------------------------------------------

def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "scaling_utils.desafio", *args], text=True,
                          capture_output=True, env={**os.environ, **(env or {})})


def test_class_mode_round_trip(tmp_path):
    alunos = tmp_path / "alunos.csv"
    alunos.write_text("matricula;nome\n2026001;Ana Souza\n2026002;Beto Lima\n2026003;Caio\n",
                      encoding="utf-8")
    sementes = tmp_path / "sementes.csv"
    r = _cli("turma", str(alunos), "--saida", str(sementes), env={"DESAFIO_SEGREDO": "s3gr3d0"})
    assert r.returncode == 0, r.stderr
    assert "3 sementes gravadas" in r.stdout
    linhas = list(csv.DictReader(sementes.open(encoding="utf-8")))
    assert [li["id"] for li in linhas] == ["2026001", "2026002", "2026003"]
    for li in linhas:  # HMAC-SHA256(segredo, identificador)
        esperado = hmac.new(b"s3gr3d0", li["id"].encode(), hashlib.sha256).hexdigest()[:16]
        assert li["semente"] == esperado
    assert len({li["semente"] for li in linhas}) == 3

    envios = tmp_path / "envios"
    envios.mkdir()
    previsoes = {}
    for li, fator in zip(linhas[:2], (1.0, 2.0), strict=True):  # Caio não envia
        lab = desafio.Laboratorio(li["semente"])
        lab.treinar_varios(*estrategias.plano_isoflop([1e16, 3e16, 1e17], pontos=5))
        n_opt = fator * 1e10
        previsoes[li["id"]] = (n_opt, lab.orcamento_alvo / (6 * n_opt), 2.1)
        lab.salvar_envio(envios / f"{li['id']}.json", li["id"], *previsoes[li["id"]])
        assert not lab.enviado  # salvar não é enviar: o aluno não vê a nota
    # Beto edita uma perda no arquivo: a correção percebe
    beto = envios / "2026002.json"
    dados = json.loads(beto.read_text(encoding="utf-8"))
    dados["corridas"][0][2] -= 0.1
    beto.write_text(json.dumps(dados), encoding="utf-8")

    notas = tmp_path / "notas.csv"
    r = _cli("corrigir", str(envios), "--segredo", "s3gr3d0", "--alunos", str(alunos),
             "--saida", str(notas))
    assert r.returncode == 0, r.stderr
    assert "Notas do desafio" in r.stdout and "contém a verdade" in r.stdout
    tabela = {li["aluno"]: li for li in csv.DictReader(notas.open(encoding="utf-8"))}
    assert set(tabela) == {"2026001", "2026002", "2026003"}
    assert tabela["2026003"]["observacoes"] == "sem envio" and tabela["2026003"]["nota"] == ""
    assert tabela["2026001"]["observacoes"] == ""
    assert "execuções não conferem" in tabela["2026002"]["observacoes"]
    for aluno in ("2026001", "2026002"):
        semente = turma.semente_do_aluno("s3gr3d0", aluno)
        lab = desafio.Laboratorio(semente)
        esperado = lab.enviar(*previsoes[aluno])
        assert float(tabela[aluno]["nota"]) == pytest.approx(esperado.nota, abs=0.05)
        assert float(tabela[aluno]["N_verdadeiro"]) == pytest.approx(esperado.verdade.N_opt,
                                                                     rel=1e-5)
        assert tabela[aluno]["nome"] in ("Ana Souza", "Beto Lima")

    # com o segredo errado, os mundos (e as sementes) não conferem
    r = _cli("corrigir", str(envios), "--segredo", "outro", "--saida", str(notas))
    assert r.stdout.count("semente do arquivo não confere") == 2


def test_moodle_download_in_folders(tmp_path):
    """O "baixar todos os envios" do Moodle dá uma pasta por aluno, todas com envio.json: a
    correção os acha nas subpastas, e um arquivo ilegível é apontado pelo caminho."""
    envios = tmp_path / "envios"
    previsoes = {}
    for aluno in ("2026001", "2026002"):
        pasta = envios / f"Aluno {aluno}_{aluno}_assignsubmission_file"
        pasta.mkdir(parents=True)
        lab = desafio.Laboratorio(turma.semente_do_aluno("s3gr3d0", aluno))
        lab.treinar_varios(*estrategias.plano_isoflop([1e16, 3e16], pontos=3))
        previsoes[aluno] = (1e10, lab.orcamento_alvo / 6e10, 2.1)
        lab.salvar_envio(pasta / "envio.json", aluno, *previsoes[aluno])
    (envios / "outra").mkdir()
    (envios / "outra" / "envio.json").write_text("{", encoding="utf-8")
    linhas = turma.corrigir(envios, "s3gr3d0")
    assert sorted(li.aluno for li in linhas if li.avaliacao) == ["2026001", "2026002"]
    assert all(li.observacoes == "" for li in linhas if li.avaliacao)
    ilegivel = [li for li in linhas if li.avaliacao is None]
    assert [li.aluno for li in ilegivel] == ["outra/envio.json"]
    assert "envio ilegível" in ilegivel[0].observacoes


def test_cli_speaks_portuguese():
    r = _cli("--ajuda")
    assert r.returncode == 0 and "uso: python -m scaling_utils.desafio" in r.stdout
    assert "mostra esta ajuda" in r.stdout and "usage" not in r.stdout
    r = _cli("corrigir", env={"DESAFIO_SEGREDO": ""})
    assert r.returncode == 2 and "faltam os argumentos: pasta" in r.stderr
    r = _cli("turma", "alunos.csv", env={"DESAFIO_SEGREDO": ""})
    assert r.returncode == 2 and "o segredo da turma é obrigatório" in r.stderr


# --- nada da verdade no material do aluno ----------------------------------------------------

def _verdade_em_texto(v: Verdade) -> list[str]:
    """A verdade como o envio a mostra (Verdade.tabela e a explicação da nota)."""
    p = v.lei
    return [fmt.num(p.E, 3), fmt.num(p.A, 1), fmt.num(p.B, 1), fmt.num(p.alpha, 3),
            fmt.num(p.beta, 3), fmt.num(v.ruido, 4), fmt.sci(v.N_opt, 2), fmt.sci(v.D_opt, 2),
            fmt.num(v.perda, 3)]


def _textos(cell) -> str:
    partes = ["".join(cell["source"]), json.dumps(cell.get("metadata", {}), ensure_ascii=False)]
    for o in cell.get("outputs", []):
        partes.append("".join(o.get("text", "")))
        for mime, valor in o.get("data", {}).items():
            if mime.startswith("text/"):
                partes.append("".join(valor))
    return "\n".join(partes)


@pytest.fixture(scope="module")
def caderno():
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def test_demo_truth_only_after_submission(caderno):
    envio = next(i for i, c in enumerate(caderno)
                 if c["cell_type"] == "code" and "lab.enviar(" in "".join(c["source"]))
    v = desafio.Laboratorio(desafio.SEMENTE_DEMO, modo_professor=True).verdade()
    segredos = _verdade_em_texto(v)
    antes = "\n".join(_textos(c) for c in caderno[:envio])
    depois = "\n".join(_textos(c) for c in caderno[envio:])
    assert [s for s in segredos if _aparece(s, antes)] == []
    assert [s for s in segredos if not _aparece(s, depois)] == []  # o teste não é vazio
    proibido = re.compile(r"\.verdade\(|modo_professor|_constantes|_verdade|_perda_verdadeira")
    assert not proibido.search("\n".join("".join(c["source"]) for c in caderno[:envio]))


def test_reader_world_truth_never_appears(caderno):
    fonte = next("".join(c["source"]) for c in caderno if "meu_lab = desafio.Laboratorio("
                 in "".join(c["source"]))
    semente = re.search(r'Laboratorio\("([^"]+)"\)', fonte).group(1)
    v = desafio.Laboratorio(semente, modo_professor=True).verdade()
    tudo = "\n".join(_textos(c) for c in caderno)
    assert [s for s in _verdade_em_texto(v) if _aparece(s, tudo)] == []


def _aparece(numero: str, texto: str) -> bool:
    """O número como o leitor o lê: não como pedaço de outro (os dados do explorador trazem
    listas como "…0000.0,31650000.0…", em que "0,316" não é um número)."""
    return re.search(rf"(?<![\d.,]){re.escape(numero)}(?![\d])", texto) is not None


def test_lab_object_holds_no_constants():
    lab = desafio.Laboratorio(desafio.SEMENTE_DEMO)
    lab.treinar(1e7, 2e8)
    k = mundo._constantes(lab.semente)
    guardados = repr(vars(lab)) + repr(lab) + repr(lab.corridas)
    for valor in (k.lei.E, k.lei.A, k.lei.B, k.lei.alpha, k.lei.beta, k.ruido, k.vies):
        assert repr(valor) not in guardados
        assert fmt.num(valor, 3) not in guardados
    assert not any(isinstance(x, (ch.LossParams, Verdade)) for x in vars(lab).values())


def test_student_submission_file_holds_no_truth(tmp_path):
    lab = desafio.Laboratorio("aluno-x")
    lab.treinar(1e7, 2e8)
    lab.salvar_envio(tmp_path / "e.json", "aluno-x", 1e10, lab.orcamento_alvo / 6e10, 2.0)
    texto = (tmp_path / "e.json").read_text(encoding="utf-8")
    v = desafio.Laboratorio("aluno-x", modo_professor=True).verdade()
    for valor in (v.lei.E, v.lei.A, v.lei.alpha, v.N_opt, v.D_opt, v.perda):
        assert repr(valor) not in texto


# --- figuras e explorador ---------------------------------------------------------------------

def test_figures_and_explorer(demo):
    import matplotlib.pyplot as plt

    from scaling_utils import widgets
    from scaling_utils.desafio import figuras

    lab, aj3, _ = demo["cuidadosa"]
    n, d, perdas = lab.dados()
    v = lab.verdade()
    aj2 = estrategias.prever_abordagem2(n, d, perdas, lab.orcamento_alvo)
    figs = [figuras.fatias(aj2, n, d, perdas), figuras.vies_abordagem2(aj2, v),
            figuras.fronteira(n, d, perdas, v, 7.0),
            figuras.planos({"cuidadosa": (n, d)}, {"cuidadosa": aj3.ajuste.params},
                           lab.orcamento_alvo)]
    assert [len(f.axes) for f in figs] == [1, 1, 2, 1]
    for f in figs:
        plt.close(f)
    alt = figuras.fronteira_alt(n, d, perdas, v, 7.0)
    assert "1,0 × 10⁷" in alt and re.search(r"\d,\d% (acima|abaixo)", alt)
    with pytest.raises(TypeError, match="verdade deve ser um Verdade"):
        figuras.fronteira(n, d, perdas, "verdade")
    with pytest.raises(ValueError, match="log10_N_minimo deve estar entre"):
        figuras.fronteira(n, d, perdas, v, 9.5)
    box = widgets.desafio_explorer(n, d, perdas, v, 6.5)
    assert type(box).__name__ == "VBox"
    with pytest.raises(ValueError, match="log10_N_minimo deve estar entre 6 e 8"):
        widgets.desafio_explorer(n, d, perdas, v, 5.0)


def test_same_runs_reuse_the_fit():
    lab = desafio.Laboratorio(5)
    lab.treinar_varios(*estrategias.plano_isoflop([1e16, 3e16, 1e17], pontos=5))
    a = estrategias.prever_abordagem3(*lab.dados(), lab.orcamento_alvo)
    b = estrategias.prever_abordagem3(*lab.dados(), lab.orcamento_alvo, N_minimo=1e6)
    assert b.ajuste is a.ajuste and b.N_minimo == 1e6  # N ≥ 10⁶ são todas as corridas
    c = estrategias.prever_abordagem3(*lab.dados(), lab.orcamento_alvo, N_minimo=3e6)
    assert c.ajuste is not a.ajuste and c.ajuste.n_points < a.ajuste.n_points
    with pytest.raises(ValueError, match=r"sobram 0 execuções .* N_minimo = 1000000000.0"):
        estrategias.prever_abordagem3(*lab.dados(), lab.orcamento_alvo, N_minimo=1e9)
