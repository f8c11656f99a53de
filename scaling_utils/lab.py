"""Laboratório: uma lei de escala medida num modelo que roda em segundos (só numpy, semeado).

O modelo (regressão linear sobre *features* aleatórias, *random features*, como em Maloney,
Roberts e Sully, 2022):

- entradas x ∈ ℝᴹ gaussianas com covariância diagonal λᵢ = i⁻ᵞ (espectro em lei de potência,
  ``spectrum`` = γ);
- modelo-professor y = w*·x + ε, com w*ᵢ ∝ i^(−τ/2) (``teacher`` = τ), sinal de variância 1 e ruído
  ε de variância σ² (``noise``): **a perda irredutível é σ²**;
- modelo-aluno com N *features* aleatórias z = Fᵀx (F ∈ ℝ^{M×N}), treinado por regressão ridge
  em D amostras. A perda de teste é calculada exatamente: (Fw − w*)ᵀ Σ (Fw − w*) + σ², com w
  os coeficientes da ridge.

A força da ridge λ é escolhida, em cada (N, D), como a de menor perda de teste numa grade de 25
valores — o equivalente a ajustar os hiperparâmetros em cada escala com um conjunto de validação
grande. Sem isso, o pico de interpolação em N ≈ D (*double descent*) esconde a lei de escala.
As execuções são aninhadas: os primeiros D exemplos e as primeiras N *features* de uma mesma
amostra, como numa família de modelos treinada nos mesmos dados.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np

from . import _check, fmt

#: Grade relativa de λ (multiplicada pelo autovalor médio de ZᵀZ em cada ajuste).
RIDGE_GRID = np.geomspace(1e-4, 10.0, 25)
#: λ praticamente nulo: mínimos quadrados sem regularização (para mostrar o pico N ≈ D).
RIDGELESS = np.array([1e-9])


#: Memória máxima que um ``LabSetup`` pode pedir: 512 MiB. Um Binder tem de 1 a 2 GB para o
#: kernel inteiro (Python, matplotlib, widgets); acima disso o kernel morre sem mensagem.
MAX_MEMORY_MIB = 512
#: Limites de cada argumento (o de memória costuma chegar antes): latent_dim e max_samples
#: maiores que isso não cabem em 512 MiB; seeds acima de 64 só multiplicam o tempo.
LIMITS = {"latent_dim": 16_384, "max_features": 4_096, "max_samples": 65_536, "seeds": 64}


@dataclass(frozen=True)
class LabSetup:
    """Parâmetros do laboratório (os padrões são os do capítulo 7).

    Limites: ``latent_dim`` ≤ 16.384, ``max_features`` ≤ 4.096 (e ≤ ``latent_dim``),
    ``max_samples`` ≤ 65.536, ``seeds`` ≤ 64, e a memória estimada
    (:meth:`memory_mib`) ≤ ``MAX_MEMORY_MIB`` = 512 MiB, o que cabe num kernel do Binder.
    Acima disso, ``ValueError`` com o argumento e o valor.
    """

    spectrum: float = 1.5  # γ: covariância λᵢ = i^(−γ)
    teacher: float = 1.0  # τ: modelo-professor w*ᵢ ∝ i^(−τ/2)
    noise: float = 0.25  # σ²: a perda irredutível
    latent_dim: int = 1024  # M
    max_features: int = 512  # maior N
    max_samples: int = 4096  # maior D
    seeds: int = 8  # repetições (a perda é a média)

    def __post_init__(self):
        _check.in_range("spectrum", self.spectrum, 1.05, 4.0)
        _check.in_range("teacher", self.teacher, 0.0, 4.0)
        _check.in_range("noise", self.noise, 1e-6, 100.0)
        m = _check.positive_int("latent_dim", self.latent_dim, minimum=16,
                                maximum=LIMITS["latent_dim"])
        n = _check.positive_int("max_features", self.max_features, minimum=4,
                                maximum=LIMITS["max_features"])
        _check.positive_int("max_samples", self.max_samples, minimum=8,
                            maximum=LIMITS["max_samples"])
        _check.positive_int("seeds", self.seeds, maximum=LIMITS["seeds"])
        if n > m:
            raise ValueError(f"max_features deve ser no máximo latent_dim = {m}; "
                             f"recebido max_features = {self.max_features!r}.")
        mib = self.memory_mib()
        if mib > MAX_MEMORY_MIB:
            raise ValueError(
                f"este laboratório pediria cerca de {fmt.num(mib, 0)} MiB de memória, acima do "
                f"limite de {MAX_MEMORY_MIB} MiB (o que cabe num kernel do Binder); reduza "
                f"max_samples, latent_dim ou max_features; recebido "
                f"max_samples = {self.max_samples!r}, latent_dim = {self.latent_dim!r}, "
                f"max_features = {self.max_features!r}.")

    def memory_mib(self) -> float:
        """Estimativa do pico de memória de uma semente, em MiB (float64, 8 bytes por número).

        X (D × M) existe duas vezes ao ser gerado (a amostra normal e X escalado); Z (D × N);
        F (M × N) e a cópia ponderada que dá os momentos; os momentos (N²) e as matrizes de
        ``test_loss`` (≈ 3·N²). Medido com tracemalloc nos padrões do capítulo: o pico real
        fica abaixo desta estimativa (ver tests/test_bad_input.py).
        """
        d, m, n = int(self.max_samples), int(self.latent_dim), int(self.max_features)
        numbers = 2 * d * m + d * n + 2 * m * n + 4 * n * n
        return 8 * numbers / 2**20


@dataclass(frozen=True)
class LabRuns:
    """Execuções do laboratório: N (features), D (amostras), loss (perda de teste média)."""

    N: np.ndarray
    D: np.ndarray
    loss: np.ndarray

    def __len__(self) -> int:
        return int(self.N.size)


class _World:
    """Uma amostra do mundo (semente): dados, professor e features aleatórias.

    ``points`` são os pares (n, d) que serão medidos (todos, se ``None``): só a parte das
    features Z = X·F que eles usam é calculada (numa grade IsoFLOP, N·D fixo, é uma escada
    com cerca de 1/10 da matriz)."""

    def __init__(self, setup: LabSetup, seed: int, points=None):
        rng = np.random.default_rng(seed)
        m = setup.latent_dim
        i = np.arange(1, m + 1)
        self.eig = i ** (-setup.spectrum)
        w = rng.standard_normal(m) * i ** (-setup.teacher / 2)
        self.w = w / np.sqrt(np.sum(self.eig * w * w))  # sinal com variância 1
        self.noise = setup.noise
        X = rng.standard_normal((setup.max_samples, m)) * np.sqrt(self.eig)
        self.y = X @ self.w + np.sqrt(setup.noise) * rng.standard_normal(setup.max_samples)
        self.F = rng.standard_normal((m, setup.max_features)) / np.sqrt(m)
        if points is None:
            points = [(setup.max_features, setup.max_samples)]
        self.Z = _staircase(X, self.F, points)
        # Os momentos do aluno com n features são o bloco n × n do canto destas matrizes.
        self.A = self.F.T @ (self.eig[:, None] * self.F)
        self.c = self.F.T @ (self.eig * self.w)

    def test_loss(self, n: int, d: int, ridge=RIDGE_GRID) -> float:
        """Perda de teste exata do aluno (N = n, D = d), com a melhor λ da grade ``ridge``."""
        A, c = self.A[:n, :n], self.c[:n]
        z, y = self.Z[:d, :n], self.y[:d]
        # A ridge β(λ) = (zᵀz + λI)⁻¹zᵀy = zᵀ(zzᵀ + λI)⁻¹y: decompõe-se a menor das duas
        # matrizes (n × n ou d × d); a escala de λ é o autovalor médio de zᵀz, traço/n, nas duas.
        if d < n:
            S, U = np.linalg.eigh(z @ z.T)
            S = np.clip(S, 0.0, None)
            lams = ridge * max(float(S.sum()) / n, 1e-12)
            betas = z.T @ (U @ ((U.T @ y)[:, None] / (S[:, None] + lams[None, :])))
        else:
            S, V = np.linalg.eigh(z.T @ z)
            S = np.clip(S, 0.0, None)
            lams = ridge * max(float(S.mean()), 1e-12)
            betas = V @ ((V.T @ (z.T @ y))[:, None] / (S[:, None] + lams[None, :]))
        losses = (np.sum(betas * (A @ betas), axis=0) - 2 * (c @ betas)
                  + float(np.sum(self.eig * self.w * self.w)) + self.noise)
        return float(losses.min())


def _staircase(X, F, points):
    """Z = X·F só onde os pares (n, d) de ``points`` leem: as linhas até d nas colunas até n.
    O resto fica sem valor (ninguém o lê)."""
    Z = np.empty((X.shape[0], F.shape[1]))
    ends = sorted({int(n) for n, _ in points})
    rows = [max(int(d) for k, d in points if k >= n) for n in ends]  # as colunas até n
    start = 0
    for j, n in enumerate(ends):
        if j + 1 < len(ends) and rows[j + 1] == rows[j]:
            continue  # mesmas linhas que o bloco seguinte: uma multiplicação só
        Z[:rows[j], start:n] = X[:rows[j]] @ F[:, start:n]
        start = n
    return Z


def _points(setup: LabSetup, N, D):
    n = np.atleast_1d(_check.positive_int("N", N, minimum=1))
    d = np.atleast_1d(_check.positive_int("D", D, minimum=1))
    _check.same_shape(N=n, D=d)
    if n.max() > setup.max_features:
        raise ValueError(f"N deve ser no máximo max_features = {setup.max_features}; "
                         f"recebido N = {int(n.max())}.")
    if d.max() > setup.max_samples:
        raise ValueError(f"D deve ser no máximo max_samples = {setup.max_samples}; "
                         f"recebido D = {int(d.max())}.")
    return n, d


def measure(N, D, setup: LabSetup | None = None, ridgeless: bool = False) -> LabRuns:
    """Perda de teste média (sobre ``setup.seeds`` sementes) em cada par (N[k], D[k])."""
    setup = LabSetup() if setup is None else setup
    if not isinstance(setup, LabSetup):
        raise TypeError(f"setup deve ser um LabSetup; recebido {setup!r}.")
    from threadpoolctl import threadpool_limits

    n, d = _points(setup, N, D)
    ridge = RIDGELESS if ridgeless else RIDGE_GRID
    total = np.zeros(n.size)
    # Matrizes pequenas: um thread de BLAS basta, e evita que dois processos na mesma máquina
    # (uma turma num Binder, os testes e um caderno) disputem núcleos — medido: 10× mais lento.
    with threadpool_limits(limits=1, user_api="blas"):
        for seed in range(setup.seeds):
            world = _World(setup, seed, list(zip(n, d, strict=True)))
            total += [world.test_loss(int(a), int(b), ridge)
                      for a, b in zip(n, d, strict=True)]
    return LabRuns(n.astype(float), d.astype(float), total / setup.seeds)


def grid(Ns, Ds, setup: LabSetup | None = None) -> LabRuns:
    """Todas as combinações de N em ``Ns`` e D em ``Ds``."""
    n = np.atleast_1d(_check.positive_int("Ns", Ns, minimum=1))
    d = np.atleast_1d(_check.positive_int("Ds", Ds, minimum=1))
    nn, dd = np.meshgrid(n, d, indexing="ij")
    return measure(nn.ravel(), dd.ravel(), setup)


@dataclass(frozen=True)
class IsoflopResult:
    """Mínimos IsoFLOP do laboratório (custo C = N·D): por orçamento, as execuções e N_opt."""

    budgets: np.ndarray
    runs: LabRuns
    N_opt: np.ndarray
    exponent: float  # a medido: N_opt ∝ C^a


def isoflop(budgets, setup: LabSetup | None = None, n_sizes: int = 25,
            window: float = 1.0, min_samples: int = 16) -> IsoflopResult:
    """Para cada orçamento C = N·D, mede a perda ao longo de N e ajusta uma parábola em ln N
    aos pontos a menos de ``window`` (em ln N) do melhor; o vértice é N_opt."""
    from .powerlaw import fit_loglog

    setup = LabSetup() if setup is None else setup
    c = np.atleast_1d(_check.positive("budgets", budgets))
    k = _check.positive_int("n_sizes", n_sizes, minimum=5)
    win = _check.positive("window", window)
    dmin = _check.positive_int("min_samples", min_samples)
    sizes = np.unique(np.geomspace(4, setup.max_features, k).astype(int))
    pts = [(n, round(b / n)) for b in c for n in sizes
           if dmin <= round(b / n) <= setup.max_samples]
    if not pts:
        raise ValueError(f"nenhum orçamento cabe na grade (D entre {dmin} e "
                         f"{setup.max_samples}); recebido budgets = {budgets!r}.")
    runs = measure([p[0] for p in pts], [p[1] for p in pts], setup)
    cost = runs.N * runs.D
    n_opt = []
    for b in c:
        sel = np.abs(np.log(cost / b)) < 0.05
        if sel.sum() < 3:
            raise ValueError(f"o orçamento {fmt.plain(b)} tem só "
                             f"{fmt.count(int(sel.sum()), 'tamanho viável', 'tamanhos viáveis')}"
                             "; escolha budgets mais ao centro da grade.")
        x, y = np.log(runs.N[sel]), runs.loss[sel]
        near = np.abs(x - x[np.argmin(y)]) <= win
        c2, c1, _ = np.polyfit(x[near], y[near], 2)
        n_opt.append(float(np.exp(-c1 / (2 * c2))) if c2 > 0 else float(np.exp(x[np.argmin(y)])))
    n_opt = np.array(n_opt)
    return IsoflopResult(c, runs, n_opt, fit_loglog(c, n_opt).k)


@dataclass(frozen=True)
class LabResult:
    """O laboratório inteiro: execuções da grade, o ajuste da Abordagem 3, R² em log, IsoFLOP."""

    setup: LabSetup
    runs: LabRuns
    fit: object = field(repr=False)  # chinchilla.ParametricFit
    r2_log: float
    iso: IsoflopResult

    @property
    def predicted_exponent(self) -> float:
        """β/(α+β) da lei ajustada: o expoente de N_opt previsto."""
        return self.fit.params.a


#: A grade do capítulo 7: N de 16 a 512 features, D de 32 a 4.096 amostras, orçamentos
#: C = N·D de 2¹⁰ a 2¹⁶.
DEFAULT_NS = (16, 26, 42, 69, 113, 184, 300, 512)
DEFAULT_DS = (32, 64, 128, 256, 512, 1024, 2048, 4096)
DEFAULT_BUDGETS = tuple(2.0**k for k in range(10, 17))


def r2_log(runs: LabRuns, params) -> float:
    """R² do ajuste em escala log: 1 − Σ(ln L − ln L̂)² / Σ(ln L − média)²."""
    from .chinchilla import loss

    if not isinstance(runs, LabRuns):
        raise TypeError(f"runs deve ser um LabRuns; recebido {runs!r}.")
    logl = np.log(runs.loss)
    resid = logl - np.log(loss(runs.N, runs.D, params))
    return 1.0 - float(np.sum(resid**2) / np.sum((logl - logl.mean()) ** 2))


def run_lab(setup: LabSetup | None = None, Ns=DEFAULT_NS, Ds=DEFAULT_DS,
            budgets=DEFAULT_BUDGETS) -> LabResult:
    """Mede a grade, ajusta L = E + A/N^α + B/D^β (Abordagem 3) e faz a análise IsoFLOP."""
    from .chinchilla import fit_parametric

    setup = LabSetup() if setup is None else setup
    runs = grid(Ns, Ds, setup)
    fit = fit_parametric(runs.N, runs.D, runs.loss)
    return LabResult(setup, runs, fit, r2_log(runs, fit.params), isoflop(budgets, setup))


#: A varredura pequena do capítulo 7 (figura, widget e explorador): 2 sementes, grade 6 × 5.
SWEEP_NS = (8, 16, 32, 64, 128, 256)
SWEEP_DS = (16, 64, 256, 1024, 2048)


def sweep(spectrum: float = 1.5, noise: float = 0.25) -> tuple[LabRuns, object]:
    """Uma varredura pequena com espectro γ = ``spectrum`` e ruído σ² = ``noise``: as execuções
    da grade ``SWEEP_NS`` × ``SWEEP_DS`` e a lei ajustada (``chinchilla.LossParams``).

    Guardada (as mesmas entradas dão sempre o mesmo resultado): a figura do capítulo e o
    explorador do site usam a mesma varredura sem pagar de novo o ajuste."""
    gamma = _check.in_range("spectrum", spectrum, 1.05, 4.0)
    return _sweep(float(gamma), float(_check.in_range("noise", noise, 1e-6, 100.0)))


@functools.lru_cache(maxsize=32)
def _sweep(spectrum: float, noise: float) -> tuple[LabRuns, object]:
    from .chinchilla import fit_parametric

    setup = LabSetup(spectrum=spectrum, noise=noise, latent_dim=512, max_features=256,
                     max_samples=2048, seeds=2)
    runs = grid(SWEEP_NS, SWEEP_DS, setup)
    return runs, fit_parametric(runs.N, runs.D, runs.loss).params
