# Two commands do all set-up on a fresh machine (Python 3.11+): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# moto's S3 server for the object-storage tests, in its own venv: it needs the PyPI 'requests'
# library, which the project's requests/ app shadows (docs/dependencies.md).
MOTO_VENV ?= .venv-moto
MOTO_REQUIREMENT := moto[server]>=5,<6
MOTO_STAMP := $(MOTO_VENV)/.installed-moto5

.PHONY: install moto run test test-fast bench smoke ci-production messages clean backup restore

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

$(MOTO_STAMP):
	test -x $(MOTO_VENV)/bin/python || $(PYTHON) -m venv $(MOTO_VENV)
	$(MOTO_VENV)/bin/python -m pip install --quiet '$(MOTO_REQUIREMENT)'
	touch $@

moto: $(MOTO_STAMP)

## Serve the portal with demo data on SQLite, with a Celery worker and beat on the filesystem broker.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	HOST=$(HOST) PORT=$(PORT) BIN=$(BIN) scripts/serve

## The whole suite (SQLite by default; DATABASE_URL and CELERY_BROKER_URL switch to PostgreSQL and Redis).
test: install moto
	$(BIN)/python -m pytest

## Everything but the browser tests.
test-fast: install moto
	$(BIN)/python -m pytest -m "not e2e"

## Benchmarks (docs/performance.md); numbers go to bench-results/. BENCH_ARGS=--reuse-db keeps the seeded database.
bench: install
	$(BIN)/python -m pytest tests/bench -o python_files='bench_*.py' -q -s -p no:randomly $(BENCH_ARGS)

## Check a running portal over HTTP: make smoke URL=https://ppid.example.go.id (accounts: docs/operations.md).
smoke: install
	PPID_SMOKE_URL=$(or $(URL),$(PPID_SMOKE_URL)) $(BIN)/python -m pytest tests/smoke -o python_files='smoke_*.py' -p no:randomly -q -rs

## The production profile as docs/operations.md builds it, served by gunicorn and a Celery worker, smoke-tested.
ci-production: install moto
	scripts/ci-production

## Recompile translations after editing locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

## Back up the database, then the private and public files, into var/backups/<time>/ (BACKUP_DIR=... to change).
BACKUP_DIR ?= var/backups
backup: install
	$(BIN)/python manage.py backup --to $(BACKUP_DIR)

## Restore a backup into an EMPTY database and empty file folders: make restore FROM=var/backups/<time>
restore: install
	@test -n "$(FROM)" || (echo "usage: make restore FROM=var/backups/<time>" && exit 2)
	$(BIN)/python manage.py restore --from $(FROM)
	$(BIN)/python manage.py migrate --noinput

clean:
	rm -rf $(VENV) $(MOTO_VENV) var db.sqlite3 staticfiles bench-results
