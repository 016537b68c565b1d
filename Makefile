# gospablik — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export GOSPABLIK_VAR_DIR ?= $(CURDIR)/var
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint typecheck pytest lock messages bench clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: install
	$(BIN)/gospablik migrate --noinput -v0
	$(BIN)/gospablik collectstatic --noinput -v0
	$(BIN)/gospablik demo
	@echo
	@echo "gospablik: http://$(ADDR)/  (log in with a demo login above)"
	$(BIN)/gospablik serve --addr $(ADDR)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy src

pytest: install
	$(BIN)/gospablik makemigrations --check --dry-run -v0
	$(BIN)/pytest -q $(PYTEST_ARGS)

test: lint typecheck pytest

lock:
	$(BIN)/pip-compile -q --extra dev --strip-extras -o requirements.lock pyproject.toml

messages: install
	cd src/gospablik && ../../$(BIN)/gospablik makemessages -l en --ignore "*/tests/*" && ../../$(BIN)/gospablik compilemessages -l en
	cd src/gospablik && ../../$(BIN)/gospablik makemessages -d djangojs -l en && ../../$(BIN)/gospablik compilemessages -l en

clean:
	rm -rf $(VENV) var build src/*.egg-info
