# The two commands of the README: `make workshop` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COMMUNITY ?= data/example
DB ?= $(COMMUNITY)/workbook.db
HOST ?= 127.0.0.1
PORT ?= 8866
# REQUIRE_CODES=1: be asked for the room's codes even on this laptop (to see what a phone sees)
REQUIRE_CODES ?=
PYTEST_ARGS ?=

.PHONY: workshop test install install-dev database templates check-templates example benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## Build the example community's database and serve the dashboards on http://$(HOST):$(PORT)
## (HOST=0.0.0.0 lets the room in: every browser but this laptop's is then asked for a code)
workshop: database
	$(BIN)/python -m workbook serve --community $(COMMUNITY) --db $(DB) --host $(HOST) --port $(PORT) \
		$(if $(strip $(REQUIRE_CODES)),--require-codes)

database: $(VENV)/.runtime
	$(BIN)/python -m workbook load $(COMMUNITY)/checklists --community $(COMMUNITY) --db $(DB)
	if [ -d $(COMMUNITY)/notes ]; then \
		$(BIN)/python -m workbook load-notes $(COMMUNITY)/notes --community $(COMMUNITY) --db $(DB); fi
	if [ -d $(COMMUNITY)/indicators ]; then \
		$(BIN)/python -m workbook load-indicators $(COMMUNITY)/indicators --community $(COMMUNITY) --db $(DB); fi
	if [ -d $(COMMUNITY)/backbone ]; then chmod 600 $(COMMUNITY)/backbone/roster.json; \
		$(BIN)/python -m workbook load-ratings $(COMMUNITY)/backbone --community $(COMMUNITY) --db $(DB) --close; fi

## Everything CI runs: a fresh venv, the browser and office tools, then pytest
test: $(VENV)/.dev
	bash scripts/ensure-test-tools.sh
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Regenerate the committed Excel templates from the schema
templates: $(VENV)/.runtime
	$(BIN)/python -m workbook template --out templates/footprint-checklist.xlsx
	$(BIN)/python -m workbook template --community data/example --out templates/footprint-checklist-example.xlsx
	$(BIN)/python -m workbook indicator-template --community data/example --out templates/indicator-data-example.xlsx

## Rewrite the example community's checklists from their curated source
example: $(VENV)/.runtime
	$(BIN)/python data/example/build_example.py
	$(BIN)/python data/example/build_notes.py
	$(BIN)/python data/example/build_indicators.py
	$(BIN)/python data/example/build_backbone.py

benchmark: $(VENV)/.dev
	$(BIN)/python benchmarks/intake_benchmark.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
