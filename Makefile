# The two commands: `make serve` (build the Helsinki graph and serve it at http://127.0.0.1:8080)
# and `make test` (every test). Both create and use the virtual environment in .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= var/store
PORT ?= 8080

.PHONY: venv serve build test clean
.DEFAULT_GOAL := serve

# The venv is (re)made when pyproject.toml changes; the stamp records a finished install.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

build: venv
	$(BIN)/citykg build --store $(STORE)

serve: build
	$(BIN)/citykg serve --store $(STORE) --port $(PORT)

test: venv
	bash scripts/setup-test-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var
