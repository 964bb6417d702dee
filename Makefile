# deportdata: `make all` builds everything, `make test` runs the tests.
# Both create the virtual environment from requirements.lock when it is missing or stale;
# they need only python3 (3.11+) and make.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEPORTDATA := $(BIN)/deportdata

.DEFAULT_GOAL := help
.PHONY: all build test test-repeat lab serve clean help bench lint lock env hooks reset-teaching

all: $(STAMP)  ## Build everything: clean -> export -> validate -> report (data package, SQLite, Stata, index.html)
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
# The refresh records the stat data of notebooks that are byte-equal to their committed
# (already stripped) form, so that `git status` does not start nbstripout (about 1 s) for
# every notebook of a fresh clone. A notebook that differs is still compared through the filter.
	@if git rev-parse --git-dir >/dev/null 2>&1 && test -x $(BIN)/nbstripout; then \
	  git config filter.nbstripout.clean '"$(abspath $(BIN))/nbstripout" --keep-id' && \
	  git config filter.nbstripout.smudge cat && \
	  git config diff.ipynb.textconv '"$(abspath $(BIN))/nbstripout" --keep-id -t' && \
	  git -c filter.nbstripout.clean=cat update-index -q --really-refresh >/dev/null 2>&1; \
	  echo "hooks: notebook outputs are stripped on commit (nbstripout)"; \
	fi

serve: $(STAMP)  ## Browse the exported database in Datasette on http://127.0.0.1:8001 (read-only)
	@test -f reports/data/deportdata.sqlite || $(DEPORTDATA) export
	$(DEPORTDATA) serve

lint: $(STAMP)  ## Check style with ruff
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

env: $(STAMP)  ## Create or update the virtual environment only

$(STAMP): requirements.lock pyproject.toml tools/setup-env.sh tools/uv-requirements.txt
	@PYTHON=$(PYTHON) VENV=$(VENV) tools/setup-env.sh
	@$(MAKE) --no-print-directory hooks

lock:  ## Re-resolve requirements.lock (with sha256 hashes) from pyproject.toml for Python 3.11, with uv
	@uv=$$(PYTHON=$(PYTHON) tools/setup-env.sh --uv) && \
	  echo "setuptools>=68" | $$uv pip compile pyproject.toml - --all-extras --python-version 3.11 \
	    --generate-hashes --no-header --quiet -o requirements.lock && \
	  { echo "# Exact versions and sha256 hashes for Python 3.11, resolved by uv from pyproject.toml"; \
	    echo "# (the project, every extra, and setuptools for the editable install). Regenerate with: make lock"; \
	    cat requirements.lock; } > requirements.lock.tmp && mv requirements.lock.tmp requirements.lock && \
	  { echo "# The installer used to create .venv (tools/setup-env.sh), hash-pinned; regenerate with: make lock"; \
	    echo "uv==$$($$uv --version | cut -d' ' -f2)" | $$uv pip compile - --python-version 3.11 \
	      --generate-hashes --no-header --quiet; } > tools/uv-requirements.txt

clean:  ## Remove generated files (never data/raw/); data/clean/ and reports/ are rebuilt by `make all`
	rm -rf reports/notebooks reports/data-docs reports/data reports/index.html reports/validation.json .deportdata-cache
	rm -rf reports/figures reports/tables data/clean
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
