# flowdiag — set-up, demo, tests, lint and benchmark.
#   make demo   installs what is missing, then renders every sample to out/
#   make test   installs what is missing, then runs the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APT_PACKAGES := libcairo2 poppler-utils python3-venv chromium libreoffice-writer-nogui
SAMPLES := $(sort $(wildcard samples/*.yaml))

.PHONY: setup system demo test lint bench clean

setup: $(STAMP)

# System packages (cairo, poppler for the PDF tests, Chromium for the live-preview test, LibreOffice to
# read the Word packets back in the tests): apt-get as root or with sudo.
system:
	@missing=""; \
	ldconfig -p 2>/dev/null | grep -q 'libcairo.so.2' || missing="$$missing libcairo2"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; \
	  else echo "root で次を実行してください / run as root: apt-get update && apt-get install -y$$missing"; exit 1; fi; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q$$missing; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "flowdiag には Python 3.11 以上が必要です / Python >= 3.11 is required")'

$(STAMP): pyproject.toml setup.py | system
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

demo: setup
	@mkdir -p out out/changes
	$(VENV)/bin/flowdiag render $(SAMPLES) --out-dir out -f svg -f pdf -f png
	@if [ -f samples/000-keitai-toilet-r7.yaml ] && $(VENV)/bin/flowdiag render --help | grep -q -- --since; then \
	  $(VENV)/bin/flowdiag render samples/000-keitai-toilet-r7.yaml --since samples/000-keitai-toilet.yaml \
	    --out-dir out/changes -f svg -f pdf -f png 2>&1 || exit 1; fi
	@echo "out/ に描きました / rendered to out/"

test: setup
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check flowdiag tests
	$(VENV)/bin/mypy flowdiag

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache .hypothesis
