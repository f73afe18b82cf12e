# Two commands for a newcomer: `make run` and `make test`. Every target sets itself up
# idempotently: system Qt libraries (as root), a .venv with the project installed, compiled
# message catalogs. A second run does no network work.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard resources/locale/*/LC_MESSAGES/*.po)
MO := $(PO:.po=.mo)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup system run test bench lint screenshots catalogs clean

setup: system $(STAMP) catalogs

# Cheap (dpkg-query only) when everything is installed, so it runs every time.
system:
	@EXTRA_SYSTEM_PKGS="$(EXTRA_SYSTEM_PKGS)" scripts/setup_system.sh

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

catalogs: $(MO)

%.mo: %.po $(STAMP)
	@$(VENV)/bin/pybabel compile -q -i $< -o $@

run: setup
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$QT_QPA_PLATFORM" != "offscreen" ]; then \
	  echo "No display found: starting under Xvfb (nothing will be visible; try 'make run ARGS=--smoke')."; \
	  xvfb-run -a $(VENV)/bin/tamin-desk $(ARGS); \
	else $(VENV)/bin/tamin-desk $(ARGS); fi

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: setup
	@mkdir -p bench
	QT_QPA_PLATFORM=offscreen $(PY) -m bench.run

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check . || true

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.tools.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info
