# waiban: `make run` serves the platform, `make test` runs the tests. Both set everything
# up first (virtualenv, pinned dependencies, database, the cities from their profiles).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3
REQS_HASH := $(shell sha256sum requirements.txt | cut -c1-16)
STAMP := $(VENV)/.installed-$(REQS_HASH)

.PHONY: help install db setup static run test browser-deps bench db-stop lint format shell messages lock clean reminders jobs

help:
	@echo "make run      set up everything and serve the platform on 127.0.0.1:$(PORT)"
	@echo "make test     set up everything and run the tests"
	@echo "make bench    print the benchmark figures"
	@echo "make db-stop  stop the embedded PostgreSQL"
	@echo "make lint     ruff check + format check + makemigrations --check"
	@echo "make shell    Django shell"

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# Starts the embedded PostgreSQL unless DATABASE_URL names a server.
db: install
	@if [ -z "$$DATABASE_URL" ]; then $(PY) platform/waiban/embedded_db.py start >/dev/null && echo "embedded PostgreSQL running (.data/postgres)"; else echo "using DATABASE_URL"; fi

setup: db
	$(PY) manage.py setup_platform --demo

static: install
	$(PY) manage.py collectstatic --noinput --verbosity 0

# The addresses first; their one-line summary again once the server answers (gunicorn_conf).
# gunicorn's master also runs the background jobs worker (manage.py run_jobs) and stops it.
run: setup static
	@echo "DEMO server: demo accounts with published passwords, localhost only (DEMO=true). Not for production: see README, Production."
	@urls="$$($(PY) manage.py print_urls --port $(PORT) --ready)" || exit 1; \
	sed '$$d' <<<"$$urls"; \
	export DEMO=true; \
	export WAIBAN_JOBS_WORKER=true; \
	export WAIBAN_READY_LINE="$$(tail -n 1 <<<"$$urls")"; \
	exec $(VENV)/bin/gunicorn -c $(CURDIR)/platform/waiban/gunicorn_conf.py --chdir platform \
		waiban.wsgi:application --bind 127.0.0.1:$(PORT) --workers $(WORKERS)

# What the browser tests need beyond Python: a Chromium and a CJK font (installed when
# missing and possible, skipped when present; see the script).
browser-deps: install
	@PYTHON=$(PY) tests/browser/ensure_browser.sh

test: setup browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/run_all.py

# Send the reminders due today in every active city now (the jobs worker that `make run`
# starts already does it daily: see README).
reminders: db
	$(PY) manage.py send_reminders

# The background jobs worker alone (make run already starts one beside gunicorn).
jobs: db
	$(PY) manage.py run_jobs

db-stop:
	@if [ -x $(PY) ]; then $(PY) platform/waiban/embedded_db.py stop; else echo "nothing to stop"; fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	PYTHONPATH=platform:. $(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

shell: db
	$(PY) manage.py shell

# Extract the UI's messages, fill them from locale/zh_Hans/terms.yaml and compile them.
messages: install
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=.data --ignore=bench --ignore=tests
	$(PY) locale/fill_po.py locale/zh_Hans/LC_MESSAGES/django.po locale/zh_Hans/terms.yaml
	$(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

# Re-pin requirements.txt from requirements.in.
lock:
	rm -rf /tmp/waiban-lock && $(PYTHON) -m venv /tmp/waiban-lock
	/tmp/waiban-lock/bin/pip install --quiet -r requirements.in
	/tmp/waiban-lock/bin/pip freeze > requirements.txt

clean: db-stop
	rm -rf $(VENV) .data staticfiles
