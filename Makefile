# Every target bootstraps the pinned environment (.venv from requirements.lock) on first use.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build serve test bench lock clean system

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## build: build every language into site/ (default language at /, the others at /<lang>/)
build: $(STAMP)
	@sh scripts/ensure-system build
	$(BIN)/guidekit build

## serve: preview one language with live reload (LANG_CODE=ko by default)
LANG_CODE ?= ko
serve: $(STAMP)
	$(BIN)/guidekit serve --lang $(LANG_CODE)

## system: the system packages the tests need (Chromium, nginx, Java, Pango), with apt where we may
system:
	@sh scripts/ensure-system test

## test: type-check guidekit/, build the site, then run every test (unit, build, links, HTML, translations, browser)
test: $(STAMP) node_modules/.installed system
	$(BIN)/mypy
	$(BIN)/guidekit build
	$(BIN)/python -m pytest -n 2

## bench: benchmarks and budgets (not tests); writes bench/results.json and bench/RESULTS.md
bench: $(STAMP) node_modules/.installed system
	$(BIN)/python -m bench

## lock: re-resolve requirements.lock from pyproject.toml (needs the network to PyPI)
lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe -o requirements.lock pyproject.toml

clean:
	rm -rf site dist .cache node_modules $(VENV)
