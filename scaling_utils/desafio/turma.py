"""Modo turma: uma semente por aluno, envios em JSON e a tabela de notas do professor.

- A semente de cada aluno é HMAC-SHA256(segredo da turma, identificador do aluno), em hexa
  (16 dígitos): sem o segredo, ninguém calcula a semente (e o mundo) de um colega.
- O aluno grava o envio com ``Laboratorio.salvar_envio`` (sem ver a nota nem o gabarito).
- O professor corrige: a semente vem do segredo e do identificador, não do arquivo; as execuções
  declaradas são refeitas e conferidas.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import math
from dataclasses import dataclass
from pathlib import Path

from .. import fmt
from . import mundo
from .laboratorio import ORCAMENTO_PADRAO, Laboratorio
from .nota import Avaliacao, Previsao, avaliar, verdade_da_semente

#: Nomes aceitos para a coluna do identificador no CSV dos alunos.
COLUNAS_ID = ("id", "matricula", "matrícula", "aluno", "email", "e-mail")


def _texto(nome: str, valor) -> str:
    if not isinstance(valor, str) or not valor.strip():
        raise ValueError(f"{nome} deve ser um texto não vazio; recebido {nome} = {valor!r}.")
    return valor.strip()


def semente_do_aluno(segredo: str, aluno: str) -> str:
    """HMAC-SHA256(segredo, aluno), 16 dígitos hexadecimais."""
    chave = _texto("segredo", segredo).encode("utf-8")
    ident = _texto("aluno", aluno).encode("utf-8")
    return hmac.new(chave, ident, hashlib.sha256).hexdigest()[:16]


def ler_alunos(caminho) -> list[tuple[str, str]]:
    """(identificador, nome) de cada linha do CSV (separador vírgula, ponto e vírgula ou tab).

    A primeira linha é o cabeçalho; a coluna do identificador chama-se ``id`` (ou matricula,
    aluno, email); ``nome`` é opcional.
    """
    p = Path(caminho)
    if not p.is_file():
        raise FileNotFoundError(f"arquivo de alunos não encontrado; recebido caminho = {str(p)!r}.")
    texto = p.read_text(encoding="utf-8-sig")
    try:
        dialeto = csv.Sniffer().sniff(texto.splitlines()[0] if texto else "", delimiters=",;\t")
    except csv.Error:
        dialeto = csv.excel
    linhas = list(csv.DictReader(texto.splitlines(), dialect=dialeto))
    if not linhas:
        raise ValueError(f"o arquivo de alunos não tem nenhum aluno; recebido {p.name!r}.")
    chaves = {k.strip().lower(): k for k in linhas[0] if k}
    col = next((chaves[c] for c in COLUNAS_ID if c in chaves), None)
    if col is None:
        raise ValueError(f"o arquivo de alunos precisa de uma coluna {' ou '.join(COLUNAS_ID[:3])}"
                         f"; recebido o cabeçalho {list(linhas[0])!r}.")
    nome = chaves.get("nome")
    alunos, vistos = [], set()
    for i, linha in enumerate(linhas, start=2):
        ident = (linha.get(col) or "").strip()
        if not ident:
            raise ValueError(f"linha {i} do arquivo de alunos sem identificador; "
                             f"recebido {dict(linha)!r}.")
        if ident in vistos:
            raise ValueError(f"identificador repetido no arquivo de alunos; recebido "
                             f"{ident!r} de novo na linha {i}.")
        vistos.add(ident)
        alunos.append((ident, (linha.get(nome) or "").strip() if nome else ""))
    return alunos


def gerar_turma(alunos_csv, segredo: str, saida) -> list[dict]:
    """Escreve ``saida`` (CSV: id, nome, semente) e devolve as linhas."""
    linhas = [{"id": a, "nome": n, "semente": semente_do_aluno(segredo, a)}
              for a, n in ler_alunos(alunos_csv)]
    with open(saida, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "nome", "semente"])
        w.writeheader()
        w.writerows(linhas)
    return linhas


def envio(lab: Laboratorio, aluno: str, N_opt, D_opt, perda) -> dict:
    """O conteúdo do arquivo de envio (JSON) de um aluno: previsão, alvo e execuções."""
    prev = Previsao(N_opt, D_opt, perda, lab.orcamento_alvo)
    return {"versao": mundo.VERSAO, "aluno": _texto("aluno", aluno), "semente": lab.semente,
            "orcamento": lab.orcamento, "orcamento_alvo": prev.orcamento_alvo,
            "N_opt": prev.N_opt, "D_opt": prev.D_opt, "perda": prev.perda,
            "corridas": [[c.N, c.D, c.perda] for c in lab.corridas]}


def _conferir_corridas(semente: str, corridas) -> bool:
    """Refaz as execuções declaradas: todas devem dar a mesma perda (bit a bit)."""
    repeticoes: dict[tuple[int, int], int] = {}
    for n, d, perda in corridas:
        chave = (int(n), int(d))
        rep = repeticoes.get(chave, 0)
        repeticoes[chave] = rep + 1
        if mundo._perda_observada(semente, *chave, rep) != float(perda):
            return False
    return True


@dataclass(frozen=True)
class LinhaNota:
    """Uma linha da tabela de notas: o aluno, a avaliação (ou None) e as observações."""

    aluno: str
    nome: str
    avaliacao: Avaliacao | None
    corridas: int
    gasto: float
    observacoes: str


def _ler_envio(caminho: Path) -> dict:
    try:
        dados = json.loads(caminho.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as erro:
        raise ValueError(f"envio ilegível ({erro}); recebido o arquivo {caminho.name!r}.") from None
    faltam = [k for k in ("aluno", "N_opt", "D_opt", "perda") if k not in dados]
    if faltam:
        raise ValueError(f"envio sem os campos {', '.join(faltam)}; recebido o arquivo "
                         f"{caminho.name!r}.")
    return dados


def corrigir(pasta, segredo: str, alunos_csv=None,
             orcamento=ORCAMENTO_PADRAO) -> list[LinhaNota]:
    """Corrige todos os ``*.json`` de ``pasta``, também em subpastas (o "baixar todos os envios"
    do Moodle põe cada aluno numa pasta). Com ``alunos_csv``, lista também quem não enviou.
    Um arquivo ilegível vira uma linha com a observação, sem parar a correção."""
    p = Path(pasta)
    if not p.is_dir():
        raise FileNotFoundError(f"pasta de envios não encontrada; recebido pasta = {str(p)!r}.")
    nomes = dict(ler_alunos(alunos_csv)) if alunos_csv is not None else {}
    linhas, vistos = [], set()
    for arquivo in sorted(p.rglob("*.json")):
        try:
            dados = _ler_envio(arquivo)
            aluno = _texto("aluno", dados["aluno"])
            semente = semente_do_aluno(segredo, aluno)
            alvo = Laboratorio(semente, orcamento).orcamento_alvo
            prev = Previsao(dados["N_opt"], dados["D_opt"], dados["perda"], alvo)
        except (TypeError, ValueError) as erro:
            linhas.append(LinhaNota(arquivo.relative_to(p).as_posix(), "", None, 0, 0.0,
                                    str(erro)))
            continue
        obs = []
        if aluno in vistos:
            obs.append("envio repetido")
        if nomes and aluno not in nomes:
            obs.append("fora da lista de alunos")
        if dados.get("semente") != semente:
            obs.append("semente do arquivo não confere")
        alvo_declarado = dados.get("orcamento_alvo")
        if not isinstance(alvo_declarado, (int, float)) or not math.isclose(alvo_declarado, alvo):
            obs.append("orçamento-alvo do arquivo não confere")
        corridas = dados.get("corridas", [])
        try:
            gasto = float(sum(6 * int(n) * int(d) for n, d, _ in corridas))
            confere = _conferir_corridas(semente, corridas)
        except (TypeError, ValueError):
            gasto, confere = math.nan, False
        if gasto > orcamento:
            obs.append("gastou mais que o orçamento")
        if not confere:
            obs.append("execuções não conferem")
        vistos.add(aluno)
        av = avaliar(prev, verdade_da_semente(semente, alvo))
        linhas.append(LinhaNota(aluno, nomes.get(aluno, ""), av, len(corridas), gasto,
                                "; ".join(obs)))
    for aluno, nome in nomes.items():
        if aluno not in vistos:
            linhas.append(LinhaNota(aluno, nome, None, 0, 0.0, "sem envio"))
    return linhas


CABECALHO = ["aluno", "nota", "N previsto", "N verdadeiro", "D previsto", "D verdadeiro",
             "perda prevista", "perda verdadeira", "execuções", "observações"]


def tabela_notas(linhas: list[LinhaNota]) -> fmt.Table:
    """A tabela para o professor (com os valores verdadeiros de cada aluno)."""
    rows = []
    for li in linhas:
        a = li.avaliacao
        if a is None:
            rows.append([li.aluno, "—", "—", "—", "—", "—", "—", "—", str(li.corridas),
                         li.observacoes])
            continue
        p, v = a.previsao, a.verdade
        rows.append([li.aluno, fmt.num(a.nota, 0), fmt.sci(p.N_opt, 2), fmt.sci(v.N_opt, 2),
                     fmt.sci(p.D_opt, 2), fmt.sci(v.D_opt, 2), fmt.num(p.perda, 3),
                     fmt.num(v.perda, 3), str(li.corridas), li.observacoes])
    return fmt.Table(CABECALHO, rows, caption="Notas do desafio do orçamento (só para o professor)")


def escrever_notas(linhas: list[LinhaNota], saida) -> None:
    """CSV das notas, com números em notação de máquina (ponto decimal) e os valores verdadeiros."""
    campos = ["aluno", "nome", "nota", "N_previsto", "N_verdadeiro", "D_previsto",
              "D_verdadeiro", "perda_prevista", "perda_verdadeira", "fator_tamanho",
              "erro_perda", "corridas", "gasto", "observacoes"]
    with open(saida, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=campos)
        w.writeheader()
        for li in linhas:
            linha = {"aluno": li.aluno, "nome": li.nome, "corridas": li.corridas,
                     "gasto": f"{li.gasto:.6g}", "observacoes": li.observacoes}
            a = li.avaliacao
            if a is not None:
                p, v = a.previsao, a.verdade
                linha.update({"nota": f"{a.nota:.1f}", "N_previsto": f"{p.N_opt:.6g}",
                              "N_verdadeiro": f"{v.N_opt:.6g}", "D_previsto": f"{p.D_opt:.6g}",
                              "D_verdadeiro": f"{v.D_opt:.6g}",
                              "perda_prevista": f"{p.perda:.6g}",
                              "perda_verdadeira": f"{v.perda:.6g}",
                              "fator_tamanho": f"{a.fator_tamanho:.4f}",
                              "erro_perda": f"{a.erro_perda:.5f}"})
            w.writerow(linha)
