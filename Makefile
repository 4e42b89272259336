# The two commands: `make serve` (build the Helsinki graph and serve it at http://127.0.0.1:8080)
# and `make test` (every test). Both create and use the virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= var/store
PORT ?= 8080

.PHONY: venv assets serve build test clean
.DEFAULT_GOAL := serve

# The venv is (re)made when pyproject.toml changes; the stamp records a finished install.
$(VENV)/.installed: pyproject.toml
	bash scripts/ensure-python-venv $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# YASGUI for the SPARQL page, served by the app itself (works offline once installed).
assets:
	bash scripts/setup-ui-assets

build: venv assets
	$(BIN)/citykg build --store $(STORE)

serve: build
	$(BIN)/citykg serve --store $(STORE) --port $(PORT)

test: venv assets
	bash scripts/setup-test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var
