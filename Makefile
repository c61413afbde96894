# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/stafett
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
# Only for the test run: production refuses to start without a real SECRET_KEY.
TEST_SECRET_KEY := insecure-key-for-the-test-suite-only
# The suite runs in parallel (pytest-xdist); each worker has its own test database and Celery queue.
PYTEST_WORKERS ?= 2

.PHONY: run test quick lint check-services assets messages benchmark benchmark-sweep browser-deps pdf-deps bench-deps

## Install everything, migrate, load demo data and start web + Celery worker + beat on the embedded default.
run: $(VENV)/.installed-dev assets pdf-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py serve_demo

## Lint plus the whole test suite against PostgreSQL and Redis.
test quick: export DATABASE_URL ?= $(TEST_DATABASE_URL)
test quick: export REDIS_URL ?= $(TEST_REDIS_URL)
test quick: export SECRET_KEY ?= $(TEST_SECRET_KEY)
test: $(VENV)/.installed-dev assets browser-deps pdf-deps check-services lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py collectstatic --noinput -v0
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## The inner loop: lint plus the suite without the browser and real-worker tests, on two processes,
## against the same PostgreSQL and Redis. `make test` before pushing runs everything.
quick: $(VENV)/.installed-dev pdf-deps check-services lint
	$(VENV)/bin/pytest -q -n 2 -m "not browser and not celery_worker" $(PYTEST_ARGS)

check-services: $(VENV)/.installed-dev
	$(PY) scripts/check_services.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## The page benchmark of issue 12: every main page at 1 000 and 50 000 youths (p50/p95, query counts,
## the raw replay of each page's SQL), the growth, and a load test (gunicorn + wrk) on loopback; writes
## var/benchmark/benchmark.{json,md}. Each size gets a database of its own (DATABASE_URL's name + _<size>,
## created, migrated and seeded when it holds fewer youths). BENCH_ARGS="--sizes 1000" for a quick run.
benchmark: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/stafett_bench
benchmark: export SECRET_KEY ?= $(TEST_SECRET_KEY)
benchmark: $(VENV)/.installed-dev assets pdf-deps bench-deps
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py benchmark $(BENCH_ARGS)

## The reminder sweep at 50 000 youths and 500 000 actions. Needs a database of its own: it is emptied.
benchmark-sweep: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/stafett_bench_sweep
benchmark-sweep: export SECRET_KEY ?= $(TEST_SECRET_KEY)
benchmark-sweep: $(VENV)/.installed-dev pdf-deps
	$(PY) scripts/create_database.py
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py benchmark_sweep --youths $${BENCH_YOUTHS:-50000}

messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l nb -l nn -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

$(VENV)/.installed-dev: requirements/base.txt requirements/dev.txt
	@python=$$(scripts/find-python) && echo "Using $$python" && \
	  ( [ -x $(PY) ] || $$python -m venv $(VENV) )
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

## Designsystemet CSS and theme and the Inter font come from npm and are served as static files (no CDN);
## axe-core (a dev dependency) is injected by the browser tests only.
assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm (Node.js) is needed to install Designsystemet's CSS and font" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Browser tests run in the system's Chromium and the deploy tests check the nginx config with `nginx -t`;
## install both when missing (root on Debian). policy-rc.d keeps apt from starting nginx as a service.
browser-deps:
	@missing=""; command -v chromium >/dev/null || missing="chromium"; \
	  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	      rm -f /usr/sbin/policy-rc.d; \
	    else echo "error: the tests need these Debian packages: $$missing" >&2; exit 1; fi; fi

## PDF documents (WeasyPrint) lay out text with Pango and HarfBuzz; install them when missing (root on Debian).
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
pdf-deps:
	@/sbin/ldconfig -p | grep -q 'libpangoft2-1.0.so.0' && /sbin/ldconfig -p | grep -q 'libharfbuzz-subset.so.0' || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_LIBS) >/dev/null; \
	  else echo "error: PDF documents need Pango and HarfBuzz: install $(PDF_LIBS)" >&2; exit 1; fi; }

## The load test of `make benchmark` drives gunicorn with wrk; install it when missing (root on Debian).
bench-deps:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "error: the load test needs wrk: install the 'wrk' package" >&2; exit 1; fi; }
