# Two commands for a fresh machine: `make site` builds the site into site/,
# `make test` runs every test. Both create the virtual environment first.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test test-fast check bench browser-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: validate the call, build both languages, publish to site/ only on success
site: $(STAMP)
	$(PY) -m tools.build

## serve: preview both languages at http://127.0.0.1:8000/, rebuilt on every change
serve: $(STAMP)
	$(PY) -m tools.serve

## test: every test, browser ones included (installs Chromium when run as root)
test: $(STAMP) browser-deps
	$(PY) -m pytest

## test-fast: the tests that need no browser
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser"

## browser-deps: Debian's Chromium (and what the quality gates use)
browser-deps:
	@bash tools/install-system-deps.sh

clean:
	rm -rf site .site.staging .site.previous
