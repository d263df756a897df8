# Quick start: `make run` (extract, merge, check on the repo's own content), `make test`.
# `make bench`: the performance benchmark (bench/README.md); BENCH_ARGS="--sizes 200,1000" for a quick run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed
BENCH_ARGS ?=

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/pipeline extract
	$(BIN)/pipeline merge
	$(BIN)/pipeline check

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The benchmark's own venv: the pipeline plus its peers (mdpo, Translate Toolkit) and
# matplotlib. The peers are never dependencies of the pipeline itself.
$(BENCH_STAMP): pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e . -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) bench/work .pytest_cache .hypothesis build *.egg-info
