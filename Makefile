# Two commands for a fresh machine: `make site` builds the site into site/,
# `make test` runs every test. Both create the virtual environment first.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# Python keeps the project's compiled modules (__pycache__/, which git ignores) where a machine's environment says
# not to: every command would compile them anew otherwise (a tenth of make check).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: site serve edit check translated publish branch-preview release rollback undo new-call test test-fast bench system-deps clean

# What an editor types on make's command line (MESSAGE="…", TO=…, WHAT=…) is text, never make or shell code:
# make would expand $(…) in it (running $(shell …)) when it put it in a recipe's environment, and a shell would
# read ; and $ in it. So it is never exported, only read with $(value …), unexpanded, and handed to the tools
# in a file of its own (.make-input.*, written by make's $(file …) with a full stop after it, so that make
# adds its own newline after that, never in place of the value's; read and removed by tools/make_input.py).
unexport MESSAGE TO WHAT KEEP LAST YES STRICT CORRECTION
INPUT = $(file >.make-input.$(1),$(value $(1)).)--$(2)-file .make-input.$(1)

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

NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

## edit: the browser editor at http://127.0.0.1:8000/admin/ beside the live preview (127.0.0.1 only)
edit: $(STAMP) $(NODE_STAMP)
	$(PY) -m tools.edit

## check: the call data, every page of every language, facts typed by hand, the menu, lagging translations (seconds, no browser)
check: $(STAMP)
	$(PY) -m tools.check $(if $(value STRICT),--strict)

## translated: record that a translation is up to date with its Swedish source (WHAT=docs/en/page.md, call.yml:summary.en, …);
## KEEP=1 records that the Swedish change needs no new translation
translated: $(STAMP)
	$(PY) -m tools.translations mark $(if $(value KEEP),--keep) $(call INPUT,WHAT,what)

## publish: check, save the changes in call/ and docs/ (MESSAGE="…"), build, publish to TO as a new release
## (TO=/var/www/utlysning or TO=server:/var/www/utlysning; the web server serves TO/current);
## CORRECTION=1: it corrects a mistake published before, and the public log shows it once, as a correction
publish: $(STAMP)
	$(PY) -m tools.publish publish $(if $(value CORRECTION),--correction) $(call INPUT,TO,to) $(call INPUT,MESSAGE,message)

## branch-preview: a branch's preview into site/ for the hosted pipelines: what stops its publication listed on its pages
branch-preview: $(STAMP)
	$(PY) -m tools.hosted_preview --out site --status preview-status.json

## release: publish the built site/ to TO without saving anything (the pipelines use it)
release: $(STAMP)
	$(PY) -m tools.publish release $(call INPUT,TO,to) --site site

## rollback: TO/current back to the release before it
rollback: $(STAMP)
	$(PY) -m tools.publish rollback $(call INPUT,TO,to)

## undo: undo the unsaved changes in call/ and docs/ after a yes (LAST=1: the last saved change; YES=1: do not ask)
undo: $(STAMP)
	$(PY) -m tools.undo $(if $(value LAST),--last) $(if $(value YES),--yes)

## new-call: start next year's call from the newest in a folder of its own (the old one stays), with a checklist in NY-UTLYSNING.md
new-call: $(STAMP)
	$(PY) -m tools.new_call

## test: the strict check, then every test, browser ones included (installs Chromium, Java and nginx when run as root)
# One test process more than there are cores: a test often waits on a browser, a server or a build it started, but
# the builds and browsers themselves are CPU. On 2 cores, 3 processes took 5:33 and 4 took 6:09.
TEST_PROCESSES ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: $(STAMP) $(NODE_STAMP) system-deps
	$(PY) -m tools.check --strict
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile

## test-fast: the tests that need no browser
test-fast: $(STAMP)
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile -m "not browser"

## system-deps: Debian's Chromium, Java (for the Nu Html Checker) and nginx
system-deps:
	@bash tools/install-system-deps.sh

clean:
	rm -rf site .site.staging .site.previous .site.lock .publish

## bench: Lighthouse, first-view weight and build time, ours against plain Material; writes BENCHMARKS.md
bench: $(STAMP) $(NODE_STAMP) system-deps
	$(PY) -m tools.bench
