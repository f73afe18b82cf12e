# Two commands for a newcomer: `make run` and `make test`. Every target sets itself up
# idempotently: system Qt libraries (as root), a .venv with the project installed, compiled
# message catalogs. A second run does no network work.
SHELL := /bin/bash
PYTHON ?= python3
# PostgreSQL for the remote-API tests (a private cluster per run; skipped with a reason if absent);
# poppler-utils (pdftoppm) renders the receipt PDF to PNG in tests/branch (skipped if absent).
EXTRA_SYSTEM_PKGS ?= postgresql poppler-utils
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PO := $(wildcard resources/locale/*/LC_MESSAGES/*.po)
MO := $(PO:.po=.mo)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup system run test bench lint screenshots icons catalogs messages-pot clean

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
	@$(VENV)/bin/pybabel -q compile -i $< -o $@

# After a change to the error vocabulary (desktop/rules/errors.py CODES): extract every key of
# the "messages" catalog (babel.cfg) and add the new ones, untranslated, to each language's .po.
# tests/rules/test_messages.py fails until every key has a text in fa and en.
messages-pot: $(STAMP)
	@mkdir -p build
	$(VENV)/bin/pybabel -q extract -F babel.cfg --no-location --omit-header -w 100 \
	  -o build/messages.pot desktop/rules
	$(VENV)/bin/pybabel -q update --no-fuzzy-matching --ignore-pot-creation-date -w 100 \
	  -i build/messages.pot -d resources/locale -D messages

run: setup
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$QT_QPA_PLATFORM" != "offscreen" ]; then \
	  case " $(ARGS) " in *" --smoke "*) ;; *) echo "No display found: starting under Xvfb (nothing will be visible; try 'make run ARGS=--smoke')." ;; esac; \
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

# After editing resources/icons/tamin-desk.svg: the PNG sizes the desk loads.
icons: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m desktop.tools.render_icons

clean:
	rm -rf $(VENV) build dist *.egg-info

# --- Frozen bundle (README "Install"). Owner: installer. --------------------------------------
# The bundle is built in its own venv, installed only from the hashed lock file, so it holds
# exactly the locked versions whatever the developer's .venv has drifted to. The venv is made
# again only when the lock changes; a second `make bundle` only re-runs PyInstaller.
BUNDLE_VENV := build/bundle-venv
BUNDLE_PY := $(BUNDLE_VENV)/bin/python
BUNDLE_STAMP := $(BUNDLE_VENV)/.lock-stamp
LOCK := installer/requirements.lock
PIP_QUIET := -q --disable-pip-version-check

.PHONY: bundle lock

$(BUNDLE_STAMP): $(LOCK)
	rm -rf $(BUNDLE_VENV)
	$(PYTHON) -m venv $(BUNDLE_VENV)
	$(BUNDLE_PY) -m pip install $(PIP_QUIET) --require-hashes -r $(LOCK)
	@touch $@

# --no-build-isolation: build with the locked (hashed) setuptools instead of fetching one.
bundle: system $(BUNDLE_STAMP)
	$(BUNDLE_PY) -m pip install $(PIP_QUIET) --no-deps --no-build-isolation --force-reinstall .
	$(BUNDLE_PY) -m PyInstaller --noconfirm --log-level WARN \
	  --distpath dist --workpath build/pyinstaller installer/tamin_desk.spec
	@du -sh dist/tamin-desk

# Re-run after changing pyproject.toml's dependencies (tests/installer checks the lock is current).
# --universal: one lock for Linux and Windows (the Windows build uses the same file).
lock: $(STAMP)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install $(PIP_QUIET) 'uv>=0.4'
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	  --output-file $(LOCK) pyproject.toml installer/build-requirements.in
