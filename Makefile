# One command per job. `make` alone lists them.
.DEFAULT_GOAL := help
# Windows (make from Git for Windows or MSYS2) names the interpreter python and keeps it in Scripts/.
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN := .venv/Scripts
EXE := .exe
else
PYTHON ?= python3
BIN := .venv/bin
EXE :=
endif
VENV := .venv
# The test JupyterHub's people run their servers from this environment, so it is made from a Python that
# every user can execute (not one under root's home, as pyenv's is). Linux only; see tests/app/test_hub.py.
HUB_ENV := build/hub-env
HUB_PYTHON ?= /usr/bin/python3

.PHONY: help lab app test slow bench dist hubenv shipped docs catalogue

help: ## list the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-6s %s\n", $$1, $$2}'

lab: $(VENV)/.installed ## open the notebooks in JupyterLab (sets everything up the first time)
	$(BIN)/ghw lab

app: $(VENV)/.installed ## open logging and reflection as a plain page, without code
	$(BIN)/ghw app

test: $(VENV)/.installed-test ## run the test suite on every core (sets everything up the first time)
	$(BIN)/python -m pytest -m "not slow" -n auto --dist loadgroup

slow: $(VENV)/.installed-test ## the long simulations (each test's false-positive rate), the app server's soak, the JupyterHub and install tests (minutes)
	$(BIN)/python -m pytest -m slow

$(BIN)/python$(EXE):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ghw needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python$(EXE) pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $@

hubenv: $(HUB_ENV)/.installed ## make the environment the JupyterHub test's users run in (Linux, as root)

$(HUB_ENV)/.installed: pyproject.toml $(wildcard ghw/*.py ghw/*/*.py notebooks/*.ipynb)
	$(HUB_PYTHON) -m venv $(HUB_ENV)
	$(HUB_ENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_ENV)/bin/python -m pip install --quiet --force-reinstall --no-deps .
	$(HUB_ENV)/bin/python -m pip install --quiet . "jupyterhub>=5"
	@touch $@

bench: $(VENV)/.installed-test ## measure speed as the journal grows (prints a table; not part of make test)
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/browser_bench.py
	$(BIN)/python benchmarks/experiments.py

shipped: $(VENV)/.installed ## after changing a notebook: record it, so that ghw init updates copies nobody edited
	$(BIN)/python -m ghw.shipped

docs: $(VENV)/.installed ## after changing a command: write docs/cli.md again from the command line itself
	$(BIN)/python -m ghw.cli.reference

dist: $(VENV)/.installed-test ## build the wheel and sdist into dist/, to install ghw outside this clone
	$(BIN)/python -m build --outdir dist .

catalogue: $(VENV)/.installed ## after changing a sentence, a lesson or a questionnaire: write ghw/i18n/ghw.pot again
	$(BIN)/python -m ghw.i18n.extract
