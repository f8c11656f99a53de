"""Métricas e a "miragem" da emergência (Schaeffer, Miranda e Koyejo, 2023).

Se a entropia cruzada por token L cai suavemente, a acurácia por token p = e^(−L) sobe
suavemente (p = e^(−L) é a hipótese simplificadora de Schaeffer et al., §2: e^(−L) é a
probabilidade média geométrica dada ao token correto, não a acurácia medida); o acerto exato de uma
resposta de k tokens, p^k, parece abrupto; a distância de
edição em tokens, k·(1 − p), continua suave.
"""

from __future__ import annotations

import numpy as np

from . import _check


def per_token_accuracy(loss):
    """p = exp(−L): no modelo de Schaeffer et al. (2023), a probabilidade do token certo.

    É a média geométrica da probabilidade dada ao token correto, para a perda L ≥ 0 em
    nats/token; usá-la como acurácia por token é uma hipótese do modelo, não um fato medido.
    """
    return np.exp(-_check.nonnegative("loss", loss))


def exact_match(p, length):
    """Acerto exato de uma resposta de ``length`` tokens: p^length (tokens independentes)."""
    pv = _check.probability("p", p)
    k = _check.positive_int("length", length)
    _check.broadcastable(p=pv, length=k)
    return np.power(pv, k)


def token_edit_distance(p, length):
    """Distância de edição esperada, em tokens: length · (1 − p)."""
    pv = _check.probability("p", p)
    k = _check.positive_int("length", length)
    _check.broadcastable(p=pv, length=k)
    return k * (1.0 - pv)


def sample_accuracy(p_correct, n_questions, seed):
    """Acurácia medida num teste finito: Binomial(n_questions, p_correct)/n_questions, semeada.

    Mostra o efeito da resolução: com poucas questões, modelos pequenos tiram exatamente 0.
    """
    pv = _check.probability("p_correct", p_correct)
    n = _check.positive_int("n_questions", n_questions)
    s = _check.positive_int("seed", seed, minimum=0)
    rng = np.random.default_rng(s)
    hits = rng.binomial(n, pv)
    return hits / n


class TaskLoss:
    """Perda por token numa tarefa, lei de potência em N: L(N) = L0·(N/N0)^(−alpha).

    Um modelo **ilustrativo** (a forma é a de Schaeffer et al. 2023, §2; as constantes não
    vêm de um artigo): escolhidas para que p = e^(−L) vá de ~0,1 a ~0,95 entre 10⁷ e 10¹²
    parâmetros.
    """

    def __init__(self, L0: float = 2.0, N0: float = 1e7, alpha: float = 0.3):
        self.L0 = _check.positive("L0", L0)
        self.N0 = _check.positive("N0", N0)
        self.alpha = _check.positive("alpha", alpha)

    def __call__(self, N):
        return self.L0 * (_check.positive("N", N) / self.N0) ** (-self.alpha)

    def size_for_loss(self, L):
        """O N em que a perda por token chega a L: N = N0·(L/L0)^(−1/alpha)."""
        return self.N0 * (_check.positive("L", L) / self.L0) ** (-1.0 / self.alpha)

    def __repr__(self) -> str:
        return f"TaskLoss(L0={self.L0}, N0={self.N0}, alpha={self.alpha})"

    def formula(self) -> str:
        """A lei em pt-BR, para leitores, sem ``^`` de código.

        ``L(N) = 2,00·(N/10⁷)⁻ᵅ nats/token, com α = 0,30`` (uma potência de dez pura sai sem
        o "1 ×", que faria ler (N/1)·10⁷).
        """
        from . import fmt

        n0 = fmt.sci(self.N0, 0).removeprefix("1 × ")
        n0 = f"({n0})" if "×" in n0 else n0
        return (f"L(N) = {fmt.num(self.L0, 2)}·(N/{n0})⁻ᵅ nats/token, "
                f"com α = {fmt.num(self.alpha, 2)}")


ILLUSTRATIVE_TASK = TaskLoss()

METRICS = ("exact_match", "edit_distance", "per_token")
METRIC_LABELS = {"exact_match": "acerto exato", "edit_distance": "distância de edição (tokens)",
                 "per_token": "probabilidade de acerto por token"}


def score(loss, metric: str, length):
    """A métrica ``metric`` de respostas de ``length`` tokens, dada a perda por token."""
    if metric not in METRICS:
        raise ValueError(f"metric deve ser um de {', '.join(METRICS)}; recebido {metric!r}.")
    p = per_token_accuracy(loss)
    if metric == "exact_match":
        return exact_match(p, length)
    if metric == "edit_distance":
        return token_edit_distance(p, length)
    _check.positive_int("length", length)
    return p


#: Exemplos de Wei et al. (2022), Tabela 1 (linhas da própria tabela): a escala em que a
#: capacidade aparece. (tarefa, FLOPs de treino, parâmetros, modelo)
WEI_2022_EXAMPLES = (
    ("adição/subtração de 3 dígitos (poucos exemplos)", "2,3 × 10²²", "13 bilhões", "GPT-3"),
    ("MMLU, média dos 57 tópicos (poucos exemplos)", "3,1 × 10²³", "175 bilhões", "GPT-3"),
    ("MMLU, 30 tópicos (poucos exemplos)", "5,0 × 10²³", "70 bilhões", "Chinchilla"),
    ("WiC (poucos exemplos)", "2,5 × 10²⁴", "540 bilhões", "PaLM"),
)
