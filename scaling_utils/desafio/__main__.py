"""Linha de comando do modo turma: ``python -m scaling_utils.desafio {turma,corrigir}``.

O segredo da turma vem de ``--segredo`` ou da variável de ambiente ``DESAFIO_SEGREDO`` (que não
fica no histórico do terminal).
"""

from __future__ import annotations

import argparse
import os
import sys

from .laboratorio import ORCAMENTO_PADRAO

AMBIENTE_SEGREDO = "DESAFIO_SEGREDO"

# Mensagens do argparse que aparecem no uso normal, em português.
_TRADUCOES = (
    ("the following arguments are required", "faltam os argumentos"),
    ("unrecognized arguments", "argumentos não reconhecidos"),
    ("invalid choice", "escolha inválida"),
    ("choose from", "escolha entre"),
    ("expected one argument", "esperava um valor"),
    ("invalid float value", "número inválido"),
    ("argument ", "argumento "),
)


class _Formatador(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="uso: ")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatador)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumentos"
        self._optionals.title = "opções"
        self.add_argument("-h", "--ajuda", action="help", help="mostra esta ajuda e sai")

    def error(self, message):
        for ingles, portugues in _TRADUCOES:
            message = message.replace(ingles, portugues)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: erro: {message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m scaling_utils.desafio",
                description="O desafio do orçamento no modo turma: uma semente por aluno e a "
                            "correção dos envios.",
                epilog="Exemplos:\n"
                       "  python -m scaling_utils.desafio turma alunos.csv --segredo S\n"
                       "  python -m scaling_utils.desafio corrigir envios/ --segredo S "
                       "--alunos alunos.csv")
    sub = p.add_subparsers(dest="comando", title="comandos", metavar="COMANDO",
                           parser_class=_Parser)
    t = sub.add_parser("turma", prog=f"{p.prog} turma",
                       help="gera uma semente por aluno (HMAC-SHA256 do segredo e do "
                                     "identificador)",
                       description="Lê o CSV dos alunos (coluna id, e nome opcional) e escreve "
                                   "um CSV com a semente de cada um. Distribua a cada aluno só "
                                   "a sua semente.")
    t.add_argument("alunos", help="CSV dos alunos (cabeçalho com a coluna id)")
    t.add_argument("--segredo", help=f"segredo da turma (ou a variável {AMBIENTE_SEGREDO})")
    t.add_argument("--saida", default="sementes.csv",
                   help="CSV a escrever (padrão: sementes.csv)")
    c = sub.add_parser("corrigir", prog=f"{p.prog} corrigir",
                       help="corrige os envios (JSON) e escreve a tabela de notas",
                       description="Lê os arquivos .json da pasta (e das subpastas), refaz o "
                                   "mundo de cada aluno "
                                   "a partir do segredo e imprime e grava a tabela de notas, "
                                   "com a verdade. Só para o professor.")
    c.add_argument("pasta", help="pasta com os envios (*.json)")
    c.add_argument("--segredo", help=f"segredo da turma (ou a variável {AMBIENTE_SEGREDO})")
    c.add_argument("--alunos", help="CSV dos alunos, para listar também quem não enviou")
    c.add_argument("--saida", default="notas.csv", help="CSV a escrever (padrão: notas.csv)")
    c.add_argument("--orcamento", type=float, default=float(ORCAMENTO_PADRAO),
                   help="orçamento de experimentos em FLOPs (padrão: 1e19)")
    return p


def _segredo(parser, valor):
    segredo = valor or os.environ.get(AMBIENTE_SEGREDO, "")
    if not segredo.strip():
        parser.error(f"o segredo da turma é obrigatório: use --segredo ou a variável "
                     f"{AMBIENTE_SEGREDO}; recebido segredo vazio")
    return segredo


def main(argv=None) -> int:
    from .. import fmt
    from . import turma

    parser = _parser()
    args = parser.parse_args(argv)
    if args.comando is None:
        parser.print_help()
        return 2
    segredo = _segredo(parser, args.segredo)
    try:
        if args.comando == "turma":
            linhas = turma.gerar_turma(args.alunos, segredo, args.saida)
            print(f"{fmt.num(len(linhas), 0)} sementes gravadas em {args.saida}. "
                  "Entregue a cada aluno só a sua; guarde o segredo para a correção.")
        else:
            linhas = turma.corrigir(args.pasta, segredo, args.alunos, args.orcamento)
            print(repr(turma.tabela_notas(linhas)))
            turma.escrever_notas(linhas, args.saida)
            print(f"\nTabela gravada em {args.saida} (contém a verdade: não distribua).")
    except (OSError, ValueError) as erro:
        print(f"erro: {erro}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
