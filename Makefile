# deportdata: `make all` builds everything, `make test` runs the tests.
# Both create the virtual environment from requirements.lock when it is missing or stale;
# they need only python3 (3.11+) and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEPORTDATA := $(BIN)/deportdata

.DEFAULT_GOAL := help
.PHONY: all build test test-repeat lab clean help bench lint lock env

all: $(STAMP)  ## Build everything: clean -> validate -> report (notebooks, figures, tables, index.html)
	$(DEPORTDATA) build

build: all

test: $(STAMP)  ## Run the tests, including a full build into a temporary copy of the project
	$(BIN)/python -m pytest -n 2 --dist loadgroup

REPEAT ?= 10
TESTS  ?=
test-repeat: $(STAMP)  ## Run the suite REPEAT times (default 10), each in a new random order; TESTS=... for a part
	@for i in $$(seq 1 $(REPEAT)); do \
	  seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
	  echo "== run $$i of $(REPEAT): random order, seed $$seed"; \
	  $(BIN)/python -m pytest -n 2 --dist loadgroup -q -p randomly --randomly-seed=$$seed $(TESTS) \
	    || { echo "run $$i failed; repeat it with: pytest -p randomly --randomly-seed=$$seed"; exit 1; }; \
	done; echo "test-repeat: $(REPEAT) runs in random order, all green"

bench: $(STAMP)  ## Run the benchmarks and write benchmarks/results.md
	$(BIN)/python benchmarks/run.py

lab: $(STAMP)  ## Open JupyterLab on the project (kernel "deportdata")
	$(BIN)/jupyter lab --notebook-dir=.

lint: $(STAMP)  ## Check style with ruff
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

env: $(STAMP)  ## Create or update the virtual environment only

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "deportdata needs Python 3.11 or newer (set PYTHON=...)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name deportdata --display-name "Python (deportdata)" >/dev/null
	@touch $(STAMP)

lock:  ## Re-resolve requirements.lock from pyproject.toml (needs PyPI)
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --upgrade setuptools '.[dev]'
	{ echo "# Exact versions for Python 3.11, resolved from pyproject.toml (project + dev extras)."; \
	  echo "# Regenerate with: make lock"; \
	  .lockenv/bin/python -m pip freeze --all --exclude-editable | grep -iv '^deportdata' | grep -v '^pip=='; } > requirements.lock
	rm -rf .lockenv

clean:  ## Remove generated files (never data/raw/); data/clean/ and reports/ are rebuilt by `make all`
	rm -rf reports/notebooks reports/data-docs reports/index.html reports/validation.json .deportdata-cache
	rm -rf reports/figures reports/tables data/clean
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'
