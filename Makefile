# Syria's fronts, 2017 — two commands for a newcomer: `make book` and `make test`.
# Both set up everything on a bare machine: the virtual environment, the pinned packages and,
# for the browser tests, Debian's chromium.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
CHROMIUM ?= /usr/bin/chromium
SITE := _build/html
# axe-core, the accessibility engine of the browser tests: a pinned npm package, checked against its
# registry integrity hash and unpacked under .cache/ (gitignored). It is never part of the site.
AXE_VERSION := 4.14.1
AXE_SHA512 := FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_DIR := .cache/axe-core-$(AXE_VERSION)
AXE := $(AXE_DIR)/axe.min.js
# Vega, the chart runtime served with the site: the npm package's UMD build, checked against its
# registry integrity hash, unpacked under .cache/ and copied to the site's vendor/ (fronts/settings.py
# pins the same version).
VEGA_VERSION := 6.2.0
VEGA_SHA512 := BIwalIcEGysJdQDjeVUmMWB3e50jPDNAMfLJscjEvpunU9bSt7X1OYnQxkg3uBwuRRI4nWfFZO9uIW910nLeGw==
VEGA_DIR := .cache/vega-$(VEGA_VERSION)
VEGA := $(VEGA_DIR)/vega.min.js
# Figures reference the site's own vendor/ copies of every script and stylesheet.
SITE_ENV := FRONTS_ASSETS=site PYDEVD_DISABLE_FILE_VALIDATION=1
# The tests run over pytest-xdist workers; loadscope keeps each test module, each test class and each
# notebook's cells (nbval) on one worker, in order. The browser tests mostly wait on Chromium, so there
# is one more worker than CPUs.
XDIST ?= -n $(shell echo $$(( $$(nproc) + 1 ))) --dist loadscope --no-loadscope-reorder

.PHONY: book test test-fast notebooks validate bench lock clean serve chromium npm lint ucdp axe vega lab

# Rebuilds are incremental: fronts.site.execute keys the executed notebooks on the package, data/,
# the pins and the settings, and has Sphinx re-read every page when that key changes, so no page is
# served from before an edit. `make clean` starts from nothing.
book: $(VENV)/.installed $(VEGA) validate
	$(SITE_ENV) $(VENV)/bin/jupyter-book build . --builder html -W -n --keep-going
	@echo ""
	@echo "The site is in $(SITE)/ (start at $(SITE)/index.html)."
	@echo "Serve it with:  $(PY) -m http.server --directory $(SITE) 8000   then open http://127.0.0.1:8000/"

test: $(VENV)/.installed chromium axe $(VEGA) validate lint
	rm -rf _build
	$(SITE_ENV) $(VENV)/bin/jupyter-book build . --builder html -W -n --keep-going
	FRONTS_REQUIRE_SITE=1 FRONTS_AXE=$(AXE) PYDEVD_DISABLE_FILE_VALIDATION=1 $(PY) -m pytest $(XDIST) --nbval --nbval-sanitize-with tests/sanitize.cfg tests notebooks

# The quick loop after an edit: unit, data and validation tests; no book build, no browser, no nbval.
test-fast: $(VENV)/.installed $(VEGA) validate lint
	FRONTS_FAST=1 PYDEVD_DISABLE_FILE_VALIDATION=1 $(PY) -m pytest -q -m "not browser and not build" tests

validate: $(VENV)/.installed
	$(PY) -m fronts validate

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check fronts tests scripts

# Stored outputs are made in the default, self-contained asset mode: a notebook opened in JupyterLab,
# VS Code or a viewer shows every map, chart and number offline. Only the book build uses site mode.
notebooks: $(VENV)/.installed $(VEGA) validate
	$(PY) -m fronts skeleton
	PYDEVD_DISABLE_FILE_VALIDATION=1 $(PY) scripts/run_notebooks.py notebooks/*.ipynb

bench: $(VENV)/.installed $(VEGA) chromium
	$(PY) scripts/bench.py
	$(PY) scripts/bench_scale.py --skip-missing

# UCDP GED at scale (issue 9, part 5): the map and chart page at 1x, 2x and 3x the events of 2017,
# timed in Chromium and as a notebook; writes bench/SCALE.md and bench/scale.json. Needs the real
# UCDP file (make ucdp, or FRONTS_EXTERNAL_DATA): without it, says so and exits 2.
.PHONY: bench-scale
bench-scale: $(VENV)/.installed $(VEGA) chromium
	$(PY) scripts/bench_scale.py

# UCDP GED Syria (external data, never committed): downloads a pinned release into
# FRONTS_EXTERNAL_DATA (if set) or data/external/. Needs internet; see scripts/fetch_ucdp.py.
ucdp: $(VENV)/.installed
	$(PY) scripts/fetch_ucdp.py

# JupyterLab (pinned in requirements.txt) from the project's environment, in notebooks/, on 127.0.0.1.
lab: $(VENV)/.installed
	cd notebooks && PYDEVD_DISABLE_FILE_VALIDATION=1 ../$(VENV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 $$([ "$$(id -u)" = 0 ] && echo --allow-root)

serve: book
	$(PY) -m http.server --directory $(SITE) --bind 127.0.0.1 8000

# Recompile exact pins from requirements.in (needs the package index). NOT_PINNED: optional extras left
# out on purpose. rfc3987-syntax (with lark) is jsonschema's checker of the "iri" formats, pulled in by
# jupyter-events through jsonschema[format-nongpl]; nothing here checks those formats, and importing it
# builds a parser that cost every notebook kernel 1.3 s (altair imports jsonschema). The install uses
# --no-deps: requirements.txt is the whole environment, exactly.
NOT_PINNED := --no-emit-package rfc3987-syntax --no-emit-package lark
lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile -q requirements.in -o requirements.txt --no-header --python-version 3.11 $(NOT_PINNED)
	sed -i '1i # Exact pins compiled from requirements.in by '"'"'make lock'"'"' (uv pip compile). Do not edit by hand.' requirements.txt
	echo "-e ." >> requirements.txt

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -r requirements.txt
	touch $@

chromium:
	@if [ -x "$(CHROMIUM)" ]; then echo "chromium: $$($(CHROMIUM) --version 2>/dev/null || echo present)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium' (or set CHROMIUM=/path)"; exit 1; fi

# npm fetches the pinned Vega and axe-core packages (scripts/npm_fetch.py); installed like chromium.
npm:
	@if command -v npm >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's npm (to fetch the pinned Vega and axe-core packages)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	else echo "npm is needed to fetch the pinned Vega and axe-core packages: run 'sudo apt-get install npm'"; exit 1; fi

axe: $(AXE)

$(AXE): | npm
	$(PYTHON) scripts/npm_fetch.py axe-core $(AXE_VERSION) '$(AXE_SHA512)' $(AXE_DIR) axe.min.js LICENSE

vega: $(VEGA)

$(VEGA): | npm
	$(PYTHON) scripts/npm_fetch.py vega $(VEGA_VERSION) '$(VEGA_SHA512)' $(VEGA_DIR) build/vega.min.js LICENSE

clean:
	rm -rf _build .pytest_cache
