# Two commands do all set-up on a fresh machine (Python 3.11+): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-fast bench messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

## Serve the portal with demo data on SQLite, with a Celery worker and beat on the filesystem broker.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/serve

## The whole suite (SQLite by default; DATABASE_URL and CELERY_BROKER_URL switch to PostgreSQL and Redis).
test: install
	$(BIN)/python -m pytest

## Everything but the browser tests.
test-fast: install
	$(BIN)/python -m pytest -m "not e2e"

## Benchmarks; numbers go to bench-results/.
bench: install
	$(BIN)/python -m pytest tests/bench -o python_files='bench_*.py' -q -s

## Recompile translations after editing locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) var db.sqlite3 staticfiles bench-results
