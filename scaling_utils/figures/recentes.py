"""Figuras do capítulo 6, "Depois do Chinchilla (2023–2025)": tokens por parâmetro ao longo
do tempo, a lei ciente da inferência, dados repetidos, previsão em duas etapas e cobertura com
várias amostras. As contas ficam em ``inference``, ``dados_restritos``, ``previsao`` e
``amostragem``; aqui só o desenho."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .. import _check, fmt, inference
from ..plotting import linear_axes, log_axes, new_figure, place_labels
from ._comum import _line, _params_name, _points

# --- Tokens por parâmetro e a inferência ---------------------------------------------------

def tokens_per_param_history(model_list, rule: float = 20.0):
    """Tokens por parâmetro de modelos reais ao longo dos anos, contra a regra de 20×."""
    rule = _check.positive("rule", rule)
    fig, ax = new_figure(width=7.2, height=4.6)
    # Um deslocamento pequeno (até 0,12 ano) separa os modelos do mesmo ano sem levá-los para
    # perto do ano vizinho: cada ponto fica mais perto da marca do seu ano que de qualquer outra.
    xs = [m.year + 0.06 * ((k % 5) - 2) for k, m in enumerate(model_list)]
    for k, (x, m) in enumerate(zip(xs, model_list, strict=True)):
        ax.plot([x], [m.tokens_per_param], **_points(k % 7, markersize=7, markeredgecolor="black"))
    ax.axhline(rule, **_line(1, linewidth=1.5), label=f"{fmt.num(rule, 0)} tokens por parâmetro")
    log_axes(ax, x=False, y=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos=None: f"{v:.0f}"))
    ax.set(xlabel="ano", ylabel="tokens por parâmetro (D/N)")
    ax.legend(fontsize=9, loc="upper left")
    ax.set_xlim(ax.get_xlim()[0] - 0.3, ax.get_xlim()[1] + 0.3)
    place_labels(ax, xs, [m.tokens_per_param for m in model_list], [m.name for m in model_list],
                 fontsize=8)
    return fig


def inference_aware(L_target: float, D_inference_values=None, params=None):
    """N e D de treino ótimos (Sardana et al. 2024) em função da demanda de inferência."""
    from .. import chinchilla as ch

    p = ch.BESIROGLU_2024 if params is None else params
    lt = _check.positive("L_target", L_target)
    d_inf = (np.geomspace(1e9, 1e15, 40) if D_inference_values is None
             else np.atleast_1d(_check.nonnegative("D_inference_values", D_inference_values)))
    n_opt, d_opt = inference.inference_aware_frontier(lt, d_inf, p)
    base = inference.inference_aware_optimal(lt, 0.0, p)
    fig, (ax_n, ax_t) = new_figure(ncols=2, width=7.0, height=4.0)
    ax_n.plot(d_inf, n_opt, **_line(0), label="N ótimo com inferência")
    ax_n.axhline(base.N, **_line(1, linewidth=1.2), label="N ótimo só do treino (Chinchilla)")
    ax_t.plot(d_inf, d_opt / n_opt, **_line(2), label="tokens de treino por parâmetro")
    ax_t.axhline(base.tokens_per_param, **_line(1, linewidth=1.2), label="Chinchilla")
    for ax, what in ((ax_n, "N (parâmetros)"), (ax_t, r"$D_\mathrm{treino}/N$")):
        log_axes(ax)
        ax.set(xlabel="tokens de inferência na vida do modelo", ylabel=what)
        ax.legend(fontsize=8)
    fig.suptitle(f"Mesma perda ({fmt.unit(fmt.num(lt, 3), 'nat/token', 'nats/token')}), "
                 "custo total mínimo\n"
                 f"parâmetros da lei: {_params_name(p)}", fontsize=10)
    return fig


def inference_demand(log10_D_inference: float = 13.0, L_target: float | None = None):
    """Para o widget: uma demanda de inferência → N e D ótimos contra o Chinchilla-ótimo."""
    from .. import chinchilla as ch

    x = _check.in_range("log10_D_inference", log10_D_inference, 9.0, 15.0)
    p = ch.BESIROGLU_2024
    lt = float(ch.optimal_loss(ch.GOPHER_BUDGET, p)) if L_target is None else L_target
    fig = inference_aware(lt, np.geomspace(1e9, 1e15, 25), p)
    o = inference.inference_aware_optimal(lt, 10**x, p)
    for ax, y in zip(fig.axes, (o.N, o.tokens_per_param), strict=True):
        ax.axvline(10**x, **_line(6, linewidth=1.0, linestyle=":"))
        ax.plot([10**x], [y], **_points(0, markersize=9, markeredgecolor="black"))
    return fig


def inference_demand_alt(log10_D_inference: float, L_target: float | None = None) -> str:
    from .. import chinchilla as ch

    p = ch.BESIROGLU_2024
    lt = float(ch.optimal_loss(ch.GOPHER_BUDGET, p)) if L_target is None else L_target
    o = inference.inference_aware_optimal(lt, 10**log10_D_inference, p)
    base = inference.inference_aware_optimal(lt, 0.0, p)
    return (f"Dois gráficos: o número ótimo de parâmetros cai, e os tokens de treino por "
            f"parâmetro sobem, à medida que cresce a demanda de inferência. Com "
            f"{fmt.sci(10**log10_D_inference, 1)} tokens de inferência, o ótimo é "
            f"{fmt.sci(o.N, 2)} parâmetros ({fmt.num(o.tokens_per_param, 0)} tokens por "
            f"parâmetro), contra {fmt.sci(base.N, 2)} sem inferência.")


# --- Quantas épocas ainda valem a pena? ---------------------------------------------------

def epochs_value(log10_U: float = 10.0, log10_N: float = 9.0, max_epochs: float = 60.0):
    """Dados efetivos e perda prevista em função do número de épocas (Muennighoff et al. 2023).

    U_D = 10^log10_U tokens únicos; N = 10^log10_N parâmetros. À direita, a perda com os
    mesmos tokens repetidos e a perda se todos fossem novos.
    """
    from .. import dados_restritos as dr

    lu = _check.in_range("log10_U", log10_U, 8.0, 13.0)
    ln = _check.in_range("log10_N", log10_N, 7.0, 12.0)
    top = _check.in_range("max_epochs", max_epochs, 2.0, 1000.0)
    U, N = 10.0**lu, 10.0**ln
    epochs = np.geomspace(1.0, top, 200)
    D = epochs * U
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=4.0)
    left.plot(epochs, epochs, **_line(1), label="se todos os tokens fossem novos")
    left.plot(epochs, dr.effective_data(D, U) / U, **_line(0), label="tokens repetidos ($D'/U_D$)")
    left.axhline(1.0 + dr.R_D_STAR, **_line(6, linewidth=1.0, linestyle=":"),
                 label=f"teto: $1 + R_D^*$ = {fmt.num(1.0 + dr.R_D_STAR, 1)}")
    for e in (4.0, 1.0 + dr.R_D_STAR):
        left.axvline(e, color="0.5", linewidth=0.8, linestyle=":")
    log_axes(left)
    left.set(xlabel="épocas sobre os dados únicos", ylabel="dados efetivos (em múltiplos de $U_D$)",
             title="Quanto vale repetir")
    left.legend(fontsize=8, loc="upper left")
    right.plot(epochs, dr.loss(N, D, U), **_line(0), label="repetindo $U_D$ tokens")
    right.plot(epochs, dr.loss(N, D, D), **_line(1), label="com dados novos")
    for e in (4.0, 1.0 + dr.R_D_STAR):
        right.axvline(e, color="0.5", linewidth=0.8, linestyle=":")
    log_axes(right, x=True, y=False)
    right.set(xlabel="épocas sobre os dados únicos", ylabel="perda prevista (nats/token)",
              title=f"$N$ = {fmt.sci(N, 1)}; $U_D$ = {fmt.sci(U, 1)} tokens")
    right.legend(fontsize=8)
    return fig


def epochs_value_alt(log10_U: float = 10.0, log10_N: float = 9.0, max_epochs: float = 60.0) -> str:
    from .. import dados_restritos as dr

    U, N = 10.0**log10_U, 10.0**log10_N
    l4, l4_new = dr.loss(N, 4 * U, U), dr.loss(N, 4 * U, 4 * U)
    l16, l16_new = dr.loss(N, 16 * U, U), dr.loss(N, 16 * U, 16 * U)
    return (f"Dois gráficos com o número de épocas em escala log. À esquerda, os dados efetivos "
            f"seguem a diagonal dos dados novos no começo e se achatam num teto de "
            f"{fmt.num(1.0 + dr.R_D_STAR, 1)} vezes os dados únicos. À direita, para "
            f"{fmt.sci(N, 1)} parâmetros e {fmt.sci(U, 1)} tokens únicos, a perda prevista com "
            f"4 épocas é {fmt.num(float(l4), 3)}, contra {fmt.num(float(l4_new), 3)} com dados "
            f"novos; com 16 épocas, {fmt.num(float(l16), 3)} contra {fmt.num(float(l16_new), 3)}.")


# --- Previsão em duas etapas --------------------------------------------------------------

def two_stage(world, fit, data, targets=(1e24, 3.8e25)):
    """Etapa 1 (FLOPs → NLL) e etapa 2 (NLL → acurácia), com a verdade do mundo ilustrativo."""
    C, nll, old_nll, old_acc = data
    fig, (left, right) = new_figure(ncols=2, width=7.2, height=4.0)
    grid = np.geomspace(C.min(), max(targets) * 2, 200)
    left.plot(C, nll, **_points(0, markersize=6), label="execuções pequenas")
    left.plot(grid, fit.nll(grid), **_line(0), label="etapa 1 ajustada")
    left.plot(grid, world.nll(grid), **_line(1, linestyle=":"),
              label="curva verdadeira (mundo ilustrativo)")
    for k, c in enumerate(targets):
        left.plot([c], [fit.nll(c)], **_points(2 + k, marker="*", markersize=12,
                                                 markeredgecolor="black"),
                  label=f"previsão em {fmt.sci(c, 1)} FLOPs")
    log_axes(left, x=True, y=False)
    left.set(xlabel="C (FLOPs)", ylabel="NLL da resposta certa", title="Etapa 1")
    left.legend(fontsize=8)
    x = np.linspace(0.3, 2.0, 200)
    right.plot(old_nll, old_acc, **_points(4, markersize=6), label="modelos antigos")
    right.plot(nll, world.accuracy(C), **_points(0, markersize=5), label="execuções pequenas")
    right.plot(x, fit.accuracy_of_nll(x), **_line(0), label="etapa 2 ajustada")
    for k, c in enumerate(targets):
        right.plot([fit.nll(c)], [fit.accuracy(c)], **_points(2 + k, marker="*", markersize=12,
                                                             markeredgecolor="black"))
    linear_axes(right)
    right.invert_xaxis()
    right.set(xlabel="NLL da resposta certa (menor à direita)", ylabel="acurácia",
              title="Etapa 2")
    right.legend(fontsize=8, loc="upper left")
    return fig


# --- Cobertura com várias amostras ----------------------------------------------------------

def coverage_curves(difficulties=((0.3, 3.0), (0.1, 1.0), (1.0, 4.0)), n_problems: int = 300,
                    n_samples: int = 1000, seed: int = 0):
    """Cobertura (pass@k) em função do número de amostras k, para distribuições Beta(a, b) de p.

    Linhas: a cobertura esperada exata; pontos: um experimento simulado com o estimador sem viés.
    """
    from ..amostragem import beta_coverage, simulate_coverage

    n_problems = _check.positive_int("n_problems", n_problems)
    n_samples = _check.positive_int("n_samples", n_samples)
    seed = _check.positive_int("seed", seed, minimum=0)
    fig, ax = new_figure(width=7.0, height=4.4)
    k_grid = np.geomspace(1, n_samples, 100)
    ks = np.unique(np.geomspace(1, n_samples, 7).round().astype(int))
    for i, (a, b) in enumerate(difficulties):
        ax.plot(k_grid, beta_coverage(a, b, k_grid), **_line(i),
                label=f"p ~ Beta({fmt.num(a, 1)}; {fmt.num(b, 1)})")
        _, est, _ = simulate_coverage(a, b, n_problems, n_samples, ks, seed + i)
        ax.plot(ks, est, **_points(i, markersize=6))
    log_axes(ax, x=True, y=False)
    ax.set(xlabel="amostras por problema (k)", ylabel="cobertura (pass@k)", ylim=(0, 1))
    ax.legend(fontsize=8, title="dificuldade dos problemas", title_fontsize=8)
    return fig

