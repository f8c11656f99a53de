"""O desafio do orçamento: prever um modelo de fronteira a partir de execuções pequenas.

Cada semente esconde um mundo: uma lei L = E + A/N^α + B/D^β com constantes sorteadas em volta
dos ajustes publicados (Hoffmann et al. 2022; Besiroglu et al. 2024), ruído de execução para
execução e um pequeno viés nas escalas pequenas. O aluno tem um orçamento de experimentos
(10¹⁹ FLOPs; cada execução custa 6·N·D), escolhe as execuções, ajusta uma lei e prevê N_opt,
D_opt e a perda num orçamento 10³ a 10⁴ vezes maior.

- ``mundo``: o sorteio do mundo (semente → constantes, sempre recalculadas) e as perdas;
- ``laboratorio``: o ``Laboratorio`` (orçamento, ``treinar``, registro, ``enviar``);
- ``nota``: a previsão, o gabarito e a nota;
- ``estrategias``: planos de execuções e as previsões pelas Abordagens 2 e 3;
- ``turma``: sementes por aluno (HMAC-SHA256) e a correção dos envios;
- ``figuras``: as figuras e o explorador do capítulo.

**É um exercício, não segurança.** As constantes não ficam guardadas em nenhum objeto (são
recalculadas da semente dentro de uma função), para que ninguém as veja por acidente ao
inspecionar o laboratório num caderno. Quem ler o código-fonte consegue calculá-las; na turma,
o que protege o jogo é o segredo do professor, que gera as sementes.

Linha de comando (modo turma): ``python -m scaling_utils.desafio --help``.
"""

from .laboratorio import ORCAMENTO_PADRAO, Corrida, EnvioRepetido, Laboratorio, OrcamentoEsgotado
from .nota import Avaliacao, Previsao, Verdade, avaliar

#: A semente do exemplo resolvido do capítulo.
SEMENTE_DEMO = "demonstração"

__all__ = ["ORCAMENTO_PADRAO", "SEMENTE_DEMO", "Avaliacao", "Corrida", "EnvioRepetido",
           "Laboratorio", "OrcamentoEsgotado", "Previsao", "Verdade", "avaliar"]
