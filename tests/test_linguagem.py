"""A língua do livro (issue 13, CONTRIBUTING.md): números, sinais, notação e decalques.

Varre o que o leitor lê nas fontes (Markdown dos capítulos e páginas, saídas gravadas dos
cadernos, legendas e textos alternativos), o site construído (se houver) e o texto das figuras.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from conftest import HTML, ROOT, notebooks, require

from scaling_utils import figures

BOOK = ROOT / "book"

#: Decalques da tabela do CONTRIBUTING.md (regex → o que usar).
CALQUES = {
    r"\bcorridas?\b": "execução de treino",
    r"\b(por|cada|uma|dez|as) dobras?\b": "duplicação",
    r"\b(lê|leem|lerem) (exatamente )?zero\b": "tira zero",
    r"\b(valores|parâmetros) impressos\b|\b2022,? impressos\b|\(impressos\)": "publicados",
    r"\bescalonamento\b": "aumento de escala",
    r"\beficientes em amostras\b": "maior eficiência amostral",
    r"\breamostras\b": "reamostragens",
    r"\bna volta\b": "na retropropagação",
    r"\b(seriam|são) precis[ao]s\b": "seriam necessárias",
    r"\bQuão precisa precisa\b": "Que precisão ela precisa ter",
    r"\bparada precoce\b": "parada prematura",
    r"\bBIG-Bench\b": "BIG-bench",
    r"\btreinamentos?\b": "treino",
    r"\bencontr(ou|aram|am) que\b": "verificou que, mostrou que",
    r"\(\d+(,\d+)?[BT], \d": "70 bilhões de parâmetros, 1,4 trilhão de tokens",
    r"\btodos os testes\b": "benchmarks",
    r"\bNum kernel\b": "Num ambiente Jupyter",
    r"\baté você abrir\b": "até você clicar em “Resposta”",
    r"\bcontra (o|a|os|as) (número|compute|tokens|tamanho|semieixo|épocas|dados|NLL|"
    r"parâmetros)\b": "em função de",
    # "verdade" como rótulo (truth, ground truth); "na verdade", "de verdade", "ser verdade" são
    # idiomáticos e ficam.
    r"\b(a|com|da|contra a|e a) verdade\b|(?<!de )\bverdade[:(]|\bverdade \d": "valor verdadeiro, "
    "lei verdadeira, gabarito",
    r"\b(mais|duas|três|todas as) casas\b(?! decimais)|\bterceira casa\b(?! decimal)":
        "casas decimais",
    r"\bmodelos(?: \w+){0,2} treinam\b|\b8B treinou\b": "são treinados, foi treinado",
    r"\b(gerad|recalculad)[oa]s? d(a|o|as|os) (cadernos|docstrings|semente)\b": "a partir de",
    r"\bdiferença com\b": "diferença em relação a",
    r"\bvezes além\b|\btreinado por mais tokens\b": "vezes mais tokens que, treinado com mais",
    # Plural de unidade com número menor que 2 (norma do pt-BR e INMETRO): "1,82 nat".
    r"(?<![\d.,×⁰¹²³⁴⁵⁶⁷⁸⁹])[01](,\d+)? (nats|bits|PF-dias|décadas|tokens/parâmetro|"
    r"bilhões|trilhões|milhões)\b": "o singular abaixo de 2 (fmt.unit)",
}

#: Páginas fora da varredura (nenhuma: o guia do professor entrou depois da sua revisão).
NOT_YET: set[str] = set()


def _strip_markup(text: str) -> str:
    """Tira do Markdown o que não é prosa: código, fórmulas, papéis e diretivas do MyST."""
    text = re.sub(r"```(?!\{).*?```", " ", text, flags=re.S)  # código; não ```{exercise}
    text = re.sub(r"^```.*$", " ", text, flags=re.M)  # as cercas das diretivas
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
    text = re.sub(r"\$[^$\n]+\$", " ", text)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)  # {term}`...`, {doc}`...`, {cite:p}`...`
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\{\{[^}]*\}\}", " ", text)  # substituições do MyST
    text = re.sub(r"^:::?\{[^}]*\}.*$|^:\w+:.*$", " ", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # endereços de links
    text = re.sub(r"<[^>]+>", " ", text)
    return text


def _reader_texts():
    """(onde, texto) de tudo o que o leitor lê nas fontes, já sem código nem fórmulas."""
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            where = f"{path.name}[{i}]"
            src = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                if "*widget*" not in src:  # as notas dos widgets 7 e 8: da equipe vega
                    yield where, _strip_markup(src)
                continue
            meta = cell.get("metadata", {}).get("mystnb", {})
            for key in ("figure", "image"):
                for field in ("caption", "alt"):
                    value = meta.get(key, {}).get(field)
                    if value:
                        yield f"{where} {field}", _strip_markup(value)
            if "nbval-ignore-output" in cell.get("metadata", {}).get("tags", []):
                continue
            for out in cell.get("outputs", []):
                text = out.get("text") or out.get("data", {}).get("text/plain")
                if text:
                    yield f"{where} saída", "".join(text)
    for page in sorted(BOOK.glob("*.md")):
        if page.name not in NOT_YET:
            yield page.name, _strip_markup(page.read_text(encoding="utf-8"))


_READER = list(_reader_texts())

HYPHEN_MINUS = re.compile(r"(?<![\w.,/–-])-\d")  # "-0,5"; não "GPT-3", "2023-2025", "v0-1"


def _hits(pattern, exclude=None):
    rx = re.compile(pattern)
    out = []
    for where, text in _READER:
        for m in rx.finditer(text):
            line = text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ")
            if exclude is None or not exclude(m, text):
                out.append(f"{where}: …{line}…")
    return out


def test_no_hyphen_minus_before_numbers():
    assert _hits(HYPHEN_MINUS.pattern) == []


#: Anos ficam sem ponto (1619, 2022); qualquer outro número de quatro algarismos leva ponto.
YEARS = range(1600, 2040)
#: Um número sem ponto de milhar: quatro ou mais algarismos seguidos, fora de decimais
#: (0,00012), de identificadores (arXiv 2203.15556, Llama-3-8B) e de potências (10²³).
UNGROUPED = re.compile(r"(?<![\w.,/:#-])\d{4,}(?![\w]|[.,]\d)")


def test_numbers_from_four_digits_are_grouped():
    """1.024 e 86.400, nunca 1024 ou 86400 (CONTRIBUTING.md, Números); anos ficam como estão."""
    assert _hits(UNGROUPED.pattern, lambda m, _: len(m.group()) == 4
                 and int(m.group()) in YEARS) == []


def test_grouping_check_catches_what_it_should():
    def hits(text):
        return [m.group() for m in UNGROUPED.finditer(text)]

    assert hits("de 1024 a 86400 tokens") == ["1024", "86400"]
    assert hits("1.024, 86.400, 0,00012, 10²³, GPT-3, arXiv 2203.15556") == []
    assert hits("em 2022 e em 1619") == ["2022", "1619"]  # o teste acima exclui os anos


def test_no_templated_plurals():
    assert _hits(r"\w\(s\)") == []


def _printed_outputs():
    """(onde, texto) das saídas gravadas como o site as mostra: o HTML quando há (as tabelas,
    com índices em <sub>), senão o texto; sem figuras, exploradores nem widgets."""
    for path in notebooks():
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if "remove-output" in cell.get("metadata", {}).get("tags", []):
                continue
            for out in cell.get("outputs", []):
                data = out.get("data", {})
                page = "".join(data.get("text/html", ""))
                if "explorador-spec" in page or "image/png" in data:
                    continue  # exploradores: tests/test_explorers.py; figuras: acima
                if page:
                    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
                else:
                    text = "".join(out.get("text") or data.get("text/plain", ""))
                if text and "application/vnd.jupyter.widget-view+json" not in data:
                    yield f"{path.name}[{i}]", text


def test_printed_outputs_have_no_code_notation():
    """Saídas e tabelas sem ``_``/``^`` de código (Nₒₚₜ, N<sub>c</sub>, 10²³) e sem True/False
    de Python para o leitor; o número da versão (scaling_utils 0.1.0) é um nome de pacote."""
    bad = [f"{where}: {hit!r}" for where, text in _printed_outputs()
           for hit in _code_notation(text)]
    assert bad == []


def _code_notation(text: str) -> list[str]:
    text = text.replace("scaling_utils", "")
    return [text[max(0, m.start() - 30):m.end() + 30]
            for m in re.finditer(r"[\^_]|\b(True|False|None)\b", text)]


def test_prose_captions_and_alt_texts_have_no_code_notation():
    """Texto, legendas e textos alternativos, fora de código e de fórmulas (a página da
    referência da biblioteca é feita de diretivas com nomes de código)."""
    bad = [f"{where}: {hit!r}" for where, text in _READER
           if not where.endswith("saída") and where != "referencia-biblioteca.md"
           for hit in _code_notation(text)]
    assert bad == []


def test_code_notation_check_catches_what_it_should():
    for text in ("N_c = 8,8 × 10¹³", "C^a", "certo: True", "scaling_utils 0.1.0; α_N"):
        assert _code_notation(text), text
    assert _code_notation("scaling_utils 0.1.0; Nₒₚₜ = 10²³; Verdadeiro") == []


@pytest.mark.parametrize("pattern", list(CALQUES), ids=list(CALQUES.values()))
def test_no_calques(pattern):
    assert _hits(pattern) == [], f"use: {CALQUES[pattern]}"


def test_fmt_unit_plural_starts_at_two():
    """Plural de unidade a partir de 2, decidido pelo número impresso (CONTRIBUTING.md)."""
    from scaling_utils import fmt

    assert fmt.unit(fmt.num(1.82, 2), "nat", "nats") == "1,82 nat"
    assert fmt.unit(fmt.num(1.996, 2), "nat", "nats") == "2,00 nats"  # o impresso manda
    assert fmt.unit(fmt.num(0.4, 1), "token/parâmetro", "tokens/parâmetro") == "0,4 token/parâmetro"
    assert fmt.unit(fmt.num(-1.5, 1), "nat", "nats") == "−1,5 nat"
    assert fmt.unit(fmt.num(1234.5, 1), "nat", "nats") == "1.234,5 nats"
    assert fmt.unit(fmt.sci(3.64e3, 2), "PF-dia", "PF-dias") == "3,64 × 10³ PF-dias"
    assert fmt.unit(fmt.sci(1.2e-3, 1), "nat", "nats") == "1,2 × 10⁻³ nat"
    with pytest.raises(ValueError, match="number"):
        fmt.unit("muitos", "nat", "nats")
    with pytest.raises(TypeError, match="plural"):
        fmt.unit("1,0", "nat", "")


def test_unit_plural_check_catches_what_it_should():
    rx = re.compile(next(p for p, use in CALQUES.items() if "fmt.unit" in use))
    assert [m.group() for m in rx.finditer("1,82 nats; 0,4 tokens/parâmetro; 1 bilhões")] == [
        "1,82 nats", "0,4 tokens/parâmetro", "1 bilhões"]
    assert not rx.search("2,00 nats; 3,64 × 10³ PF-dias; 1,82 nat; 10 nats; 21,5 décadas")


def test_fmt_writes_true_minus_and_signed_changes():
    from scaling_utils import fmt

    assert fmt.num(-0.5, 1) == "−0,5" and fmt.sci(-5e-3, 1) == "−5,0 × 10⁻³"
    assert fmt.pct(0.02, 0, signed=True) == "+2%" and fmt.pct(-0.12, 0, signed=True) == "−12%"
    assert fmt.num(-0.0001, 2) == "0,00"  # arredondou para zero: sem sinal
    assert fmt.plain(-1e27) == "−1 × 10²⁷"
    with pytest.raises(TypeError, match="signed"):
        fmt.pct(0.1, 0, signed="sim")


# --- figuras --------------------------------------------------------------------------------

FIGURES = ["power_law_panels", "fit_demo", "fit_demo_grid", "extrapolation", "kaplan_laws",
           "kaplan_nd_curves", "sample_efficiency", "kaplan_allocation", "isoflop_curves",
           "budget_comparison", "inference_demand", "loss_and_ability", "mirage_grid", "mirage",
           "resolution", "lab_sweep"]


def _figure_texts(fig) -> list[str]:
    from matplotlib.text import Text

    fig.canvas.draw()  # os rótulos das marcas só existem depois de desenhar
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            texts += [t.get_text() for t in axis.get_ticklabels() if t.get_text()]
    return texts


@pytest.mark.parametrize("name", FIGURES)
def test_figure_text_has_true_minus_grouped_digits_and_no_code_notation(name):
    fig = getattr(figures, name)()
    texts = _figure_texts(fig)
    plt.close(fig)
    bad = []
    for t in texts:
        plain = re.sub(r"\$[^$]*\$", " ", t)  # mathtext fica de fora
        if HYPHEN_MINUS.search(plain):
            bad.append(("hífen", t))
        if any(len(m) > 4 or int(m) not in YEARS
               for m in re.findall(r"(?<![\d.,])\d{4,}(?![\d.,])", plain)):
            bad.append(("dígitos sem ponto", t))
        if re.search(r"[\^_]", plain):
            bad.append(("^ ou _ de código", t))
        if re.search(r"\w\(s\)", plain):
            bad.append(("plural com (s)", t))
    assert bad == []


# --- notação --------------------------------------------------------------------------------

GREEK = ("alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|"
         "pi|rho|sigma|tau|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Sigma|Phi|Psi|Omega")
_SUB = r"_(\{(?:[^{}]|\{[^{}]*\})*\}|\\(?:text|mathrm)\{[^}]*\}|\\?\w)"


def _index(sub: str) -> str:
    """O índice sem a roupa do TeX: ``_\\text{opt}``, ``_{\\mathrm{opt}}`` e ``_{opt}`` → opt."""
    sub = re.sub(r"\\(text|mathrm|mathit|operatorname)\{([^}]*)\}", r"\2", sub)
    return re.sub(r"[{}\s]|\\,", "", sub)


def math_symbols(math: str) -> set[str]:
    """Os símbolos de uma fórmula que a página de notação precisa explicar: letras gregas (com
    índice), letras latinas com índice, estrela ou linha (N_opt, R_D*, D') e chapéus (hat L)."""
    out = {"hat " + m[1].lstrip("\\") for m in re.finditer(r"\\hat\s*\{?\s*(\\?[A-Za-z]+)", math)}
    for m in re.finditer(rf"\\({GREEK})(?![A-Za-z])({_SUB})?", math):
        out.add(m[1] + ("_" + _index(m[3]) if m[2] else ""))
    for m in re.finditer(rf"(?<![\\A-Za-z])([A-Za-z])({_SUB})?(\^\{{?\*\}}?|')?", math):
        if m[2] or m[4]:
            mark = "" if not m[4] else ("*" if "*" in m[4] else "'")
            out.add(m[1] + ("_" + _index(m[3]) if m[2] else "") + mark)
    return out


def _math_of(text: str) -> list[str]:
    return [a or b for a, b in re.findall(r"\$\$(.*?)\$\$|\$([^$\n]+)\$", text, flags=re.S)]


def _texts_with_math():
    """(onde, texto) de tudo o que pode ter fórmulas: páginas, Markdown, legendas e textos
    alternativos dos capítulos, e as cadeias da biblioteca (rótulos das figuras, em mathtext)."""
    for page in sorted(BOOK.glob("*.md")):
        if page.name != "notacao.md":
            yield page.name, page.read_text(encoding="utf-8")
    for path in notebooks():
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name}[{i}]", "".join(cell["source"])
            meta = cell.get("metadata", {}).get("mystnb", {})
            for key, field in (("figure", "caption"), ("image", "alt")):
                yield f"{path.name}[{i}] {field}", meta.get(key, {}).get(field, "")
    for module in sorted((ROOT / "scaling_utils").rglob("*.py")):
        yield module.name, module.read_text(encoding="utf-8").replace("\\\\", "\\")


def test_every_symbol_in_the_book_is_on_the_notation_page():
    """CONTRIBUTING.md, Notação: todo símbolo usado em fórmulas está na página de notação."""
    notation = (BOOK / "notacao.md").read_text(encoding="utf-8")
    on_page = set().union(*(math_symbols(m) for m in _math_of(notation)))
    missing = {}
    for where, text in _texts_with_math():
        for block in _math_of(text):
            for sym in math_symbols(block) - on_page:
                missing.setdefault(sym, where)
    assert missing == {}


def test_symbol_extraction_catches_what_it_should():
    got = math_symbols(r"N_\text{opt} = G\,(C/6)^{a}, \hat L, R_D^{*}, D', "
                       r"\lambda_i = i^{-\gamma}, N_{\mathrm{opt}}, \alpha_N, x_{k}")
    assert got == {"N_opt", "hat L", "R_D*", "D'", "lambda_i", "gamma", "alpha_N", "x_k"}
    assert math_symbols(r"L = E + A/N^{\alpha}") == {"alpha"}  # letra sozinha: não conta


def test_notation_page_states_the_sign_convention_and_the_units_truthfully():
    notation = (BOOK / "notacao.md").read_text(encoding="utf-8")
    assert "Todas as perdas deste livro estão em nats" not in notation
    assert r"\alpha > 0" in notation and "Convenção de sinal" in notation


# --- site construído ------------------------------------------------------------------------

def _html_reader_text(page) -> str:
    text = page.read_text(encoding="utf-8")
    alts = " ".join(re.findall(r'alt="([^"]*)"', text))
    text = re.sub(r"<(script|style|pre|code|math)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r'<span class="(katex|math)[^"]*".*?</span>\s*</span>', " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(text + " " + alts)


def _reader_pages(skip: str | None = None) -> list[Path]:
    """As páginas do site que um leitor lê (sem o índice geral e a busca)."""
    return [p for p in sorted(HTML.glob("**/*.html"))
            if p.name not in ("genindex.html", "search.html") and not (skip and skip in p.name)]


def test_built_site_has_no_hyphen_minus_and_no_calques():
    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    bad = []
    for page in _reader_pages():
        text = _html_reader_text(page)
        text = re.sub(r"\\\(.*?\\\)|\\\[.*?\\\]", " ", text, flags=re.S)  # TeX não composto
        for rx in [HYPHEN_MINUS.pattern, r"\w\(s\)", *CALQUES]:
            bad += [f"{page.name}: {m.group(0)}" for m in re.finditer(rx, text)]
    assert bad == []


#: O que nunca deve chegar ao leitor: JSON de widget, repr de objetos Python, dicionários.
RAW = re.compile(r"model_id|\{\s*\"|\{'|<Figure size|<Explorador|object at 0x|\w+\(\w+=")


def test_built_site_shows_no_raw_json_or_python_repr():
    """Nenhuma saída mostra JSON cru (o {"model_id": …} de um widget), dicionários ou o repr
    de um objeto Python (``Laboratorio(semente=…)``, ``<Figure size …>``)."""
    require((HTML / "index.html").is_file(), "site não construído (rode make book)")
    bad = []
    for page in _reader_pages(skip="referencia-biblioteca"):  # lá, os repr são a documentação
        text = _html_reader_text(page)
        bad += [f"{page.name}: {text[max(0, m.start() - 40):m.end() + 40]!r}"
                for m in RAW.finditer(text)]
    assert bad == []


def test_raw_output_check_catches_what_it_should():
    for text in ('{"model_id": "abc"}', "Laboratorio(semente='x')", "<Figure size 640x480>",
                 "<Explorador fronteira: 9 posições>", "{'a': 1}"):
        assert RAW.search(text), text
    assert not RAW.search("Laboratório (semente “demonstração”; orçamento 1,00 × 10¹⁹ FLOPs)")


# --- referências cruzadas -------------------------------------------------------------------

#: {doc} de um capítulo vira o título ("do O paradoxo"); {numref} vira "Figura 5.1" ("em Figura
#: 5.1", "O exercício Exercício 8.2"). Antes deles: "capítulo", "a", "na", nada de preposição solta.
BAD_XREFS = {
    r"\b(do|no|o|O|em|ver|veja|antes do)\s+\{doc\}`(\.\./notebooks/)?0\d":
        "o capítulo {doc}`…`",
    r"\b(em|Use|use|exercício|figura|Figura|tabela|Tabela)\s+\{numref\}":
        "na {numref}`…`, o {numref}`…`",
    r"\b(veja|ver|em)\s+\{ref\}": "veja a seção {ref}`…`",
}


def _raw_markdown():
    for path in notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name}[{i}]", "".join(cell["source"])
    for page in sorted(BOOK.glob("*.md")):
        if page.name not in NOT_YET:
            yield page.name, page.read_text(encoding="utf-8")


@pytest.mark.parametrize("pattern", list(BAD_XREFS), ids=list(BAD_XREFS.values()))
def test_cross_references_render_grammatically(pattern):
    rx = re.compile(pattern)
    bad = [f"{where}: {m.group(0)}" for where, text in _raw_markdown() for m in rx.finditer(text)]
    assert bad == [], f"use: {BAD_XREFS[pattern]}"


def test_cross_reference_check_catches_what_it_should():
    rx = [re.compile(p) for p in BAD_XREFS]
    for text in ("a pergunta do {doc}`05-paradoxo`", "leia em {numref}`fig-x`",
                 "O exercício {numref}`ex-08-vies`", "veja {ref}`sec-widgets`"):
        assert any(r.search(text) for r in rx), text
    for text in ("a pergunta do capítulo {doc}`05-paradoxo`", "leia na {numref}`fig-x`",
                 "O {numref}`ex-08-vies`", "veja a seção {ref}`sec-widgets`"):
        assert not any(r.search(text) for r in rx), text
