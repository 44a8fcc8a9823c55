# The two set-up commands of the README. Each creates .venv/ and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## Build the graph of the bundled example (the seed paper) into output/
example: $(VENV)/.installed
	$(BIN)/litkg build examples/seed.txt --out output --force
	$(BIN)/litkg query platform_effects --store output/store | head -n 15

## Run the test suite (installs Debian's chromium and its driver for the browser test when root can)
test: $(VENV)/.installed-test
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || (command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 || true)
	$(BIN)/python -m pytest -q

## Benchmarks (not part of the test suite)
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_extract.py

clean:
	rm -rf $(VENV) output/store output/graph.* output/rejects.jsonl
