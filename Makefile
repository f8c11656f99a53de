# As Leis de Escala — comandos do livro. Cada alvo cria o ambiente (.venv) se faltar.
# Principais:  make book   (constrói o site)   e   make test   (testa tudo).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.instalado
HTML   := _build/html
PORT   ?= 8000
# make serve HOST=0.0.0.0: o site na rede local (a turma abre o endereço impresso).
HOST   ?= 127.0.0.1
JB_BUILD := $(BIN)/jupyter-book build . -W -n --keep-going
TURMA  := _build/turma
PDF    := _build/livro.pdf
# Versão da turma: o mesmo site sem as soluções (ver _ext/turma.py).
JB_TURMA := LIVRO_TURMA=1 $(JB_BUILD) --path-output $(TURMA)
# PDF: página única impressa pelo Chromium (ver scripts/print_pdf.py).
JB_SINGLE := $(JB_BUILD) --builder singlehtml --path-output _build/pdf
PRINT_PDF := $(BIN)/python scripts/print_pdf.py --abrir _build/pdf/_build/singlehtml $(PDF)
# Material dos alunos e do professor (scripts/alunos.py, _ext/turma.py): a apostila (PDF da turma,
# sem respostas) e o gabarito (PDF do livro com todas as soluções e respostas abertas).
APOSTILA := _build/apostila.pdf
GABARITO := _build/gabarito.pdf
JB_SINGLE_TURMA := LIVRO_TURMA=1 $(JB_BUILD) --builder singlehtml --path-output _build/pdf-turma
PRINT_APOSTILA := $(BIN)/python scripts/print_pdf.py _build/pdf-turma/_build/singlehtml $(APOSTILA)

# Bytecode: há máquinas (as da equipe, por exemplo) que exportam PYTHONDONTWRITEBYTECODE=1.
# Sem os .pyc, cada processo Python (24 kernels, as construções do Sphinx, os processos do pytest)
# recompila da fonte tudo o que importa: medido, 30% de uma execução dos cadernos. Os .pyc vão
# para o .venv e para __pycache__/ (no .gitignore).
unexport PYTHONDONTWRITEBYTECODE

# Cópia local das corridas do Chinchilla (máquinas da equipe e CI); sem ela, a biblioteca baixa
# o arquivo (com SHA-256 conferido) na primeira vez.
ifneq ($(wildcard ../shared/data/svg_extracted_data.csv),)
export SCALING_UTILS_DATA_DIR ?= $(abspath ../shared/data)
endif

.PHONY: book test construcoes execute serve bench clean distclean env vendor vendor-strict lint \
        turma pdf publicar alunos slides moodle serve-turma apostila

env: $(STAMP)

# O ambiente fixado (requirements/lock.txt) + o pacote scaling_utils em modo editável.
# Instalado pelo uv: pacotes em paralelo e sem compilar, 5 s em vez de mais de 1 min do pip num
# núcleo só. O uv fica fora do ambiente do livro, em .venv/ferramentas. Se o uv não vier ou não
# instalar (uma máquina só com um espelho do pip, por exemplo), o pip instala o mesmo lock.
UV_VERSION := 0.13.8
UV := $(VENV)/ferramentas/bin/uv
$(STAMP): requirements/lock.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@if $(BIN)/python -m pip install -q --target $(VENV)/ferramentas uv==$(UV_VERSION) \
	      > /dev/null 2>&1 \
	    && $(UV) pip install -q --python $(BIN)/python -r requirements/lock.txt \
	    && $(UV) pip install -q --python $(BIN)/python --no-deps -e . ; then \
	  echo "Ambiente instalado pelo uv $(UV_VERSION) ($(VENV))"; \
	else \
	  echo "uv indisponível: o pip instala o ambiente (mais lento)"; \
	  $(BIN)/python -m pip install -q --no-compile -r requirements/lock.txt \
	  && $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@touch $@

# Sem npm, o livro ainda é construído (scripts das CDNs); os testes exigem as cópias locais.
vendor:
	@bash scripts/vendor_assets.sh || { rc=$$?; [ $$rc -eq 3 ] || exit $$rc; \
	  echo "Aviso: sem npm, MathJax e widgets virão das CDNs; o site não funcionará offline."; }

vendor-strict:
	@bash scripts/vendor_assets.sh

book: $(STAMP) vendor
	$(BIN)/python scripts/moodle.py
	$(JB_BUILD)
	$(BIN)/python scripts/slides.py
	@echo ""
	@echo "Livro construído em $(CURDIR)/$(HTML)/index.html"
	@echo "Para ler no navegador: make serve  (http://127.0.0.1:$(PORT)/)"

# Versão para os alunos, sem as soluções dos exercícios.
turma: $(STAMP) vendor
	$(JB_TURMA)
	$(BIN)/python scripts/slides.py $(TURMA)/_build/html
	@echo ""
	@echo "Versão da turma (sem soluções) em $(CURDIR)/$(TURMA)/_build/html/index.html"

# O livro inteiro num PDF, sem LaTeX (precisa do Chromium: apt-get install chromium).
pdf: $(STAMP) vendor-strict
	$(BIN)/python scripts/moodle.py
	$(JB_SINGLE)
	$(PRINT_PDF)
	cp $(PDF) $(GABARITO)
	$(JB_SINGLE_TURMA)
	$(PRINT_APOSTILA)

# A apostila só com alguns capítulos (um curso curto): make apostila CAPITULOS="01 02 03 06"
# → _build/apostila-capitulos.pdf (as páginas do livro, como o glossário, ficam).
apostila: $(STAMP) vendor-strict
	@test -n "$(CAPITULOS)" || { echo 'Diga os capítulos: make apostila CAPITULOS="01 02 03 06"'; exit 2; }
	$(JB_SINGLE_TURMA)
	$(BIN)/python scripts/print_pdf.py --capitulos "$(CAPITULOS)" _build/pdf-turma/_build/singlehtml _build/apostila-capitulos.pdf

# Cadernos dos alunos (alunos/, sem soluções nem respostas), gerados dos capítulos já executados.
alunos: $(STAMP)
	$(BIN)/python scripts/alunos.py

# Testes de unidade, nbval estrito em todos os cadernos, as construções com -W (site, turma,
# PDF) e os testes do site. Para caber em 10 min em 2 núcleos, três trabalhos correm juntos:
# as construções (registro em $(BUILDS).log), os testes do site em dois processos do
# pytest-xdist (registro em $(SITE_TESTS).log; esperam o site ficar pronto e, os que leem a
# turma ou os PDFs, todas as construções; ver tests/conftest.py) e, em primeiro plano, os
# testes que não precisam do site (unidade, nbval e as reexecuções sob outros OpenBLAS).
BUILDS := _build/construcoes
SITE_TESTS := _build/testes-do-site
# Um fio por processo do OpenBLAS: os processos já correm em paralelo, e fios do OpenBLAS que
# esperam uns pelos outros numa máquina ocupada tornam tudo muitas vezes mais lento.
test: export OPENBLAS_NUM_THREADS = 1
test: export LIVRO_CONSTRUCOES = $(BUILDS)
# O ambiente (uv ou pip) e as cópias do npm (rede e disco) se preparam ao mesmo tempo.
test:
	@$(MAKE) --no-print-directory -j2 $(STAMP) vendor-strict
	@mkdir -p _build && rm -f $(BUILDS).rc $(BUILDS).site $(SITE_TESTS).rc _build/relatorio-site.json
	@echo "Construções (site, turma, PDF) em segundo plano; registro em $(BUILDS).log"
	@{ $(MAKE) --no-print-directory construcoes > $(BUILDS).log 2>&1; echo $$? > $(BUILDS).rc; } &
	@echo "Testes do site em segundo plano (2 processos); registro em $(SITE_TESTS).log"
	@{ $(BIN)/python -m pytest tests -m site -n 2 -ra > $(SITE_TESTS).log 2>&1; \
	   echo $$? > $(SITE_TESTS).rc; } &
	@$(BIN)/python -m pytest tests -m "not site" -ra; rc=$$?; \
	  while [ ! -s $(BUILDS).rc ] || [ ! -s $(SITE_TESTS).rc ]; do sleep 1; done; \
	  echo "--- Testes do site ($(SITE_TESTS).log) ---"; cat $(SITE_TESTS).log; \
	  grep -h "Chromium não encontrado" $(BUILDS).log || true; \
	  b=$$(cat $(BUILDS).rc); s=$$(cat $(SITE_TESTS).rc); \
	  [ "$$b" = 0 ] || { tail -n 40 $(BUILDS).log; echo "As construções falharam: $(BUILDS).log"; }; \
	  [ "$$s" = 0 ] || echo "Os testes do site falharam: $(SITE_TESTS).log"; \
	  [ $$rc = 0 ] && [ "$$b" = 0 ] && [ "$$s" = 0 ]

# As três construções que o make test confere (sem o PDF, fora da CI, se faltar o Chromium).
construcoes: $(STAMP)
	$(BIN)/python scripts/moodle.py
	$(JB_BUILD)
	$(BIN)/python scripts/slides.py
	@touch $(BUILDS).site
	$(JB_TURMA)
	cp -r $(HTML)/slides $(TURMA)/_build/html/  # os mesmos slides (feitos dos cadernos dos alunos)
	$(JB_SINGLE)
	$(BIN)/python scripts/print_pdf.py --opcional --abrir _build/pdf/_build/singlehtml $(PDF)
	@if [ -f $(PDF) ]; then cp $(PDF) $(GABARITO); fi
	$(JB_SINGLE_TURMA)
	$(BIN)/python scripts/print_pdf.py --opcional _build/pdf-turma/_build/singlehtml $(APOSTILA)

# Reexecuta os cadernos no lugar: a única forma de gravar saídas (ver README).
execute: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py notebooks/*.ipynb
	$(BIN)/python scripts/alunos.py

# Cria a etiqueta v<versão> que a célula de preparação instala no Colab (ver README, Publicar)
# e atualiza o ramo alunos, só com os cadernos dos alunos e a biblioteca, que os botões Binder e
# Colab da versão da turma abrem (scripts/ramo_alunos.py; a cópia de trabalho não muda).
publicar: $(STAMP)
	$(BIN)/python scripts/publicar.py
	$(BIN)/python scripts/ramo_alunos.py

serve:
	@test -d $(HTML) || { echo "Rode 'make book' antes."; exit 1; }
	$(PYTHON) scripts/serve.py $(HTML) $(PORT) --host $(HOST)

# A versão da turma (sem respostas); para a sala: make serve-turma HOST=0.0.0.0
serve-turma:
	@test -d $(TURMA)/_build/html || { echo "Rode 'make turma' antes."; exit 1; }
	$(PYTHON) scripts/serve.py $(TURMA)/_build/html $(PORT) --host $(HOST)

# Medidas de desempenho, impressas como JSON, e a tabela do Lighthouse (celular) por página.
# BENCH_ARGS="--so-site" mede só o site; "--antes OUTRO/_build/html" compara duas construções.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check scaling_utils tests scripts _ext

clean:
	rm -rf _build _vendor .pytest_cache *.egg-info locales/*/LC_MESSAGES/*.mo
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules

# Slides de cada capítulo (reveal.js, sem internet) no site: _build/html/slides/ (ver
# scripts/slides.py). Feitos dos cadernos dos alunos, sobre o site já construído (make book
# já os faz; este alvo os refaz sem reconstruir o site).
slides: $(STAMP) vendor
	$(BIN)/python scripts/slides.py
	@if [ -d $(TURMA)/_build/html ]; then $(BIN)/python scripts/slides.py $(TURMA)/_build/html; fi

# Banco de questões para o Moodle (Moodle XML): os testes rápidos e os exercícios com
# autoverificação, tirados dos capítulos (ver scripts/moodle.py): _build/moodle/.
moodle: $(STAMP)
	$(BIN)/python scripts/moodle.py
