# dangvu: build, run and test.  GNU make.
#
#   make run          demo server (gunicorn) on 127.0.0.1:$(PORT), demo data loaded
#   make dev          Django's runserver with DEBUG=1, demo data loaded
#   make test         everything CI runs: system deps, venv, lint, three test runs, summary
#   make lint         ruff check
#   make clean        remove var/, test-results/, staticfiles/
#
# DATABASE_URL, if set in the environment, passes through to run and dev.
# The sqlite and browser test runs unset it; test-postgres sets its own.

SHELL := /bin/bash
PORT ?= 8000

# Python 3.11 for the virtualenv: python3.11, else python3 if that is 3.11.
PYTHON := $(shell command -v python3.11 || command -v python3)
VENV := .venv
STAMP := $(VENV)/.installed
PYTEST := $(VENV)/bin/pytest
# xdist workers for the non-browser runs (the machines have 2 cores).
WORKERS ?= 2

.PHONY: venv prepare run dev lint system-deps test test-sqlite test-postgres test-browser clean

# ---------------------------------------------------------------- environment

venv: $(STAMP)
	@:

# Re-run pip whenever a lock file changes.
$(STAMP): requirements/base.txt requirements/dev.txt
	@scripts/ensure-system-deps.sh --run
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
	    || { echo "venv: need Python 3.11, '$(PYTHON)' is $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	@# A venv left from another Python (or half-made) is rebuilt from scratch.
	@$(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null \
	    || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	@touch $@

system-deps:
	@scripts/ensure-system-deps.sh

# ---------------------------------------------------------------- serving

# Migrate, collect static files and load the demo wards (idempotent), for run and dev.
prepare: export DANGVU_DEMO := 1
prepare: venv
	mkdir -p var
	$(VENV)/bin/python manage.py migrate --noinput
	$(VENV)/bin/python manage.py collectstatic --noinput -v0
	$(VENV)/bin/python manage.py load_demo
	$(VENV)/bin/python manage.py send_reminders --no-mail

# The background worker (long member imports, django-tasks) runs beside the server and stops with it.
run: export DANGVU_DEMO := 1
run: prepare
	$(VENV)/bin/python manage.py db_worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn config.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --worker-class gthread --threads 4 --timeout 120 --limit-request-line 8190 --access-logfile -

dev: export DANGVU_DEMO := 1
dev: export DEBUG := 1
dev: prepare
	$(VENV)/bin/python manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/python manage.py runserver 127.0.0.1:$(PORT)

# ---------------------------------------------------------------- checks

lint: venv
	$(VENV)/bin/ruff check .

test-sqlite: venv
	@mkdir -p test-results
	env -u DATABASE_URL $(PYTEST) -m "not browser" -n $(WORKERS) --junitxml=test-results/sqlite.xml

test-postgres: venv
	@mkdir -p test-results
	scripts/with-postgres.sh $(PYTEST) -m "not browser" -n $(WORKERS) --junitxml=test-results/postgres.xml

# Browser tests: Playwright driving Debian's Chromium against live_server.
test-browser: venv
	@mkdir -p test-results
	env -u DATABASE_URL $(PYTEST) -m browser --junitxml=test-results/browser.xml

# Every step in order, stopping at the first that fails, then always the
# summary of whatever JUnit files the test runs wrote. Its last line is
# "total: N passed, N failed[, N skipped]".
TEST_STEPS := system-deps venv lint test-sqlite test-postgres test-browser

test:
	@rm -rf test-results && mkdir -p test-results
	@failed=; \
	for step in $(TEST_STEPS); do \
	    echo "==> $$step"; \
	    start=$$SECONDS; \
	    if ! $(MAKE) --no-print-directory $$step; then failed=$$step; break; fi; \
	    echo "<== $$step ok ($$((SECONDS - start)) s)"; \
	done; \
	echo; \
	echo "==> summary"; \
	if [ -n "$$failed" ]; then echo "  step '$$failed' FAILED; later steps not run"; fi; \
	python3 scripts/summarize_junit.py --expect sqlite,postgres,browser test-results/*.xml \
	    && [ -z "$$failed" ]

clean:
	rm -rf var test-results staticfiles
