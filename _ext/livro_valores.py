"""Números das páginas de prosa, calculados na construção (nunca digitados à mão).

Vira substituições MyST (``{{ versao_livro }}``, ``{{ pf_dia_flops }}`` …) usadas em
``book/ambiente.md`` e ``book/notacao.md``. As versões vêm de ``scaling_utils.__version__`` e de
``requirements/lock.txt``; as conversões, de ``scaling_utils``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PINNED = ("jupyter-book", "sphinx", "myst-nb", "numpy", "scipy", "matplotlib", "ipywidgets",
          "babel", "jupyterlab", "nbval", "pytest", "playwright")


def lock_versions(path: Path = ROOT / "requirements" / "lock.txt") -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
        if m:
            pins[re.sub(r"[-_.]+", "-", m.group(1).lower())] = m.group(2)
    return pins


def valores() -> dict[str, str]:
    """As substituições, já formatadas em pt-BR."""
    import scaling_utils
    from scaling_utils import chinchilla, compute, fmt, kaplan

    pins = lock_versions()
    out = {
        "versao_livro": scaling_utils.__version__,
        "tabela_versoes": "| pacote | versão |\n|---|---|\n" + "\n".join(
            f"| {nome} | {pins[nome]} |" for nome in PINNED if nome in pins),
        "pf_dia_flops": fmt.sci(compute.PF_DAY_FLOPS, 2),
        "nat_em_bits": fmt.unit(fmt.num(1 / math.log(2), 4), "bit", "bits"),
        "bit_em_nats": fmt.unit(fmt.num(math.log(2), 4), "nat", "nats"),
        "kaplan_alpha_n": fmt.num(kaplan.ALPHA_N, 3),
        "chinchilla_alpha": fmt.num(chinchilla.HOFFMANN_2022.alpha, 2),
        "chinchilla_beta": fmt.num(chinchilla.HOFFMANN_2022.beta, 2),
        "gpt3_flops": fmt.sci(compute.training_flops(175e9, 300e9), 2),
        "gpt3_pf_dias": fmt.sci(compute.flops_to_pf_days(compute.training_flops(175e9, 300e9)),
                                2),
    }
    return out


def _inject(app, config) -> None:
    subs = dict(config.myst_substitutions or {})
    subs.update(valores())
    config.myst_substitutions = subs


def setup(app):
    app.connect("config-inited", _inject)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
