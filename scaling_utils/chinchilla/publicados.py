"""Fatos publicados por Hoffmann et al. (2022) que o livro reproduz ou cita: Tabelas 2, 3 e 6."""

from __future__ import annotations

#: Tabela 3 de Hoffmann et al. (2022), projeções da Abordagem 1:
#: (parâmetros, FLOPs, tokens) ótimos.
TABLE3 = (
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
)


#: Tabela 2 de Hoffmann et al. (2022): expoentes (a, b) de N_opt ∝ C^a e D_opt ∝ C^b.
TABLE2_EXPONENTS = {
    "Abordagem 1 (mínimo por curva de treino)": (0.50, 0.50),
    "Abordagem 2 (parábolas IsoFLOP)": (0.49, 0.51),
    "Abordagem 3 (lei paramétrica)": (0.46, 0.54),
    "Kaplan et al. (2020)": (0.73, 0.27),
}


#: MMLU com 5 exemplos, acurácia média (Hoffmann et al. 2022, Tabela 6; o resumo diz 67,5% para o
#: Chinchilla).
MMLU = {"aleatório": 0.250, "GPT-3": 0.439, "Gopher": 0.600, "Chinchilla": 0.676,
        "especialista humano": 0.898}


#: Chinchilla × Gopher nas 57 tarefas do MMLU (Hoffmann et al. 2022, §4.2.2 e Fig. 6):
#: melhor em 51, igual em 2, pior em 4.
MMLU_TASKS = {"melhor": 51, "igual": 2, "pior": 4}


#: As quatro em que foi pior, em português, com o nome original da tarefa entre parênteses.
MMLU_WORSE = ("matemática universitária (college mathematics)", "econometria (econometrics)",
              "cenários morais (moral scenarios)", "lógica formal (formal logic)")
