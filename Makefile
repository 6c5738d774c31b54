# Quickstart targets: each creates .venv and installs what it needs from nothing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE ?= $(firstword $(wildcard ../shared/examples/aleppo-joint-hq.txt) src/rasad/data/sample/aleppo-joint-hq.txt)

.PHONY: demo test lint bench eval peers clean venv

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "rasad needs Python >= 3.11"' \
	  || { echo "rasad needs Python 3.11 or newer (set PYTHON=python3.11)"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "could not create a venv: on Debian, apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.base: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.test: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $@ $(VENV)/.base

venv: $(VENV)/.base

demo: $(VENV)/.base
	$(BIN)/rasad analyze $(EXAMPLE) --format pretty

test: $(VENV)/.test
	$(BIN)/ruff check src tests
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests || true

eval: $(VENV)/.base
	$(BIN)/rasad eval $(wildcard ../shared/examples/*.gold.json) tests/gold/*.jsonl --json

bench: $(VENV)/.base
	$(BIN)/rasad bench --json

# The peer normalisers for `rasad bench --peers`; hazm 0.10 pins an old numpy, so it goes in without its
# dependencies (the ones its Normalizer needs are in the peers extra).
peers: $(VENV)/.base
	$(BIN)/pip install -q -e '.[peers]'
	$(BIN)/pip install -q --no-deps hazm==0.10.0 fasttext-wheel==0.9.2 gensim==4.4.0
	$(BIN)/rasad bench --peers

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info src/*.egg-info
