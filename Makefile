# deportdata: `make all` builds everything, `make test` runs the tests.
# Both create the virtual environment from requirements.lock when it is missing or stale;
# they need only python3 (3.11+) and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEPORTDATA := $(BIN)/deportdata

.DEFAULT_GOAL := help
.PHONY: all build test lab clean help bench lint lock env hooks reset-teaching

all: $(STAMP)  ## Build everything: clean -> validate -> report (notebooks, figures, tables, index.html)
	$(DEPORTDATA) build

build: all

test: $(STAMP)  ## Run the tests, including a full build into a temporary copy of the project
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)  ## Run the benchmarks and write benchmarks/results.md
	$(BIN)/python benchmarks/run.py

# JupyterLab on this machine only (127.0.0.1), no update check; --allow-root only where it is
# needed (containers that run as root).
LAB_FLAGS := --notebook-dir=. --ServerApp.ip=127.0.0.1 \
	--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	$(if $(filter 0,$(shell id -u)),--allow-root)

lab: $(STAMP)  ## Open JupyterLab on the project (kernel "deportdata"); lessons in notebooks/teaching/
	$(BIN)/jupyter lab $(LAB_FLAGS)

reset-teaching: $(STAMP)  ## Restore the lessons as committed (students' copies in my-lessons/ stay)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then git checkout -- notebooks/teaching; fi
	$(DEPORTDATA) lesson reset

hooks:  ## Strip notebook outputs on commit: nbstripout as a git filter (.gitattributes)
	@if git rev-parse --git-dir >/dev/null 2>&1 && test -x $(BIN)/nbstripout; then \
	  git config filter.nbstripout.clean '"$(abspath $(BIN))/nbstripout" --keep-id' && \
	  git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv '"$(abspath $(BIN))/nbstripout" --keep-id -t' && \
	  echo "hooks: notebook outputs are stripped on commit (nbstripout)"; \
	fi

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
	@# the kernel's own log shows errors only: not "Kernel is running over TCP without
	@# encryption" on every start (it listens on 127.0.0.1 only, behind a per-kernel key)
	@$(BIN)/python -c 'import json, pathlib, sys; p = pathlib.Path(sys.prefix, "share/jupyter/kernels/deportdata/kernel.json"); k = json.loads(p.read_text()); a = "--IPKernelApp.log_level=ERROR"; k["argv"] += [] if a in k["argv"] else [a]; p.write_text(json.dumps(k, indent=1) + "\n")'
	@# no "Would you like to get notified about official Jupyter news?" popup (this venv only)
	@$(BIN)/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1 || true
	@$(MAKE) --no-print-directory hooks
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
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
