"""As saídas versionadas não dependem da CPU: cada caderno é reexecutado sob dois outros
núcleos (kernels) do OpenBLAS e comparado com as mesmas regras de limpeza do nbval.

A escolha dos núcleos segue as instruções da CPU e ignora ``OPENBLAS_CORETYPE`` do ambiente
(tests/nucleos_blas.py). Um núcleo roda no ambiente do Binder, o outro no do livro, em segundo
plano desde o início da sessão (tests/reexecucao.py); aqui só se espera e confere.
"""

from __future__ import annotations

import pytest
import reexecucao
from conftest import require
from nucleos_blas import choose, cpu_flags, supported

#: Para o resumo do pytest (conftest.pytest_terminal_summary).
KERNEL_RUNS: list[str] = []


def test_kernel_choice_follows_cpu_flags():
    avx2 = {"sse3", "sse4_2", "avx", "avx2", "fma"}
    assert choose(avx2, "Haswell") == ["Prescott", "Sandybridge"]
    assert choose(avx2 | {"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"},
                  "SkylakeX") == ["Prescott", "Haswell"]
    assert choose({"pni"}, "Prescott") == []  # só SSE3: não há outro núcleo seguro
    assert "SkylakeX" not in supported(avx2)  # derrubaria o processo sem AVX-512
    assert cpu_flags("processor: 0\nflags\t\t: fpu sse3 avx\n") == {"fpu", "sse3", "avx"}


@pytest.mark.slow
def test_notebooks_reproduce_under_other_blas_kernels(data_dir):
    plan = reexecucao.start(data_dir)
    require(not plan.problem, plan.problem)
    runs = reexecucao.kernel_runs()
    KERNEL_RUNS[:] = [f"execução principal: {plan.current}"] + [
        f"{r.kernel} (OpenBLAS: {r.used}; {r.where}, {r.seconds:.0f} s)" for r in runs]
    assert len(runs) == 2 and len({r.used for r in runs} | {plan.current}) == 3, KERNEL_RUNS
    for run in runs:  # o OpenBLAS usou mesmo o núcleo pedido, e as saídas não mudaram
        assert run.used != plan.current, f"OPENBLAS_CORETYPE={run.kernel} não mudou o núcleo"
        assert run.passed, (f"com OPENBLAS_CORETYPE={run.kernel} ({run.where}), as saídas "
                            f"mudam:\n{run.output}")
