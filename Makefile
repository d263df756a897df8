# Quick start: `make run` (extract, merge, check on the repo's own content), `make test`.
# `make bench`: the performance benchmark (bench/README.md); BENCH_ARGS="--sizes 200,1000" for a quick run,
# BENCH_ARGS="--sizes 100000 --pipeline-only" for the 100,000-post run (the pipeline's rows only).
# `make fuzz`: the reliability fuzzing run, long (README, Reliability); FUZZ_EXAMPLES=3000 for ~10 minutes.
# `make fuzz-atheris`: coverage-guided fuzzing of the parsers with atheris (installed into .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

BENCH_VENV := bench/.venv
BENCH_STAMP := $(BENCH_VENV)/.installed
BENCH_ARGS ?=
FUZZ_EXAMPLES ?= 20000
ATHERIS_RUNS ?= 500000

.PHONY: run test bench fuzz fuzz-atheris clean

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

# Hypothesis examples per test (the suite's default is 40 to 150); the pathological posts at
# full size (100,000 repetitions)
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) HYPOTHESIS_PROFILE=fuzz RELIABILITY_FULL=1 $(BIN)/python -m pytest -q \
		tests/fuzz tests/test_reliability_property.py tests/test_reliability_hostile.py

fuzz-atheris: $(STAMP)
	$(BIN)/python -c "import atheris" 2>/dev/null || $(BIN)/python -m pip install --quiet atheris
	$(BIN)/python tests/fuzz/atheris_pipeline.py -atheris_runs=$(ATHERIS_RUNS) -max_len=4096

# The benchmark's own venv: its peers (mdpo, Translate Toolkit) and matplotlib, never
# dependencies of the pipeline itself. The pipeline is installed as a copy (not editable) at
# every run, so that one run measures one version of the code even while it is being edited.
$(BENCH_STAMP): pyproject.toml bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet . -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	$(BENCH_VENV)/bin/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) bench/work .pytest_cache .hypothesis build *.egg-info
