# Kalantari — the two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The demo uses the default database path, so `kalantari …` commands run later find it.
DEMO_DB ?= var/kalantari.sqlite3
HOST ?= 127.0.0.1
PORT ?= 8000
# Bytecode is cached under var/ (not beside the sources): every process, test worker and
# subprocess starts from it instead of compiling Django again.
# (the machine's environment may set PYTHONDONTWRITEBYTECODE, which would stop that).
export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: audit-deps otp demo test test-sqlite test-postgres lint fmt bench bench-dashboard setup assets messages clean browser

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY) not found)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip uv
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) assets
	@mkdir -p var

# Front-end assets come from npm at build time and are served by the app itself.
assets: src/kalantari/core/static/vendor/.built
src/kalantari/core/static/vendor/.built: package.json package-lock.json scripts/build_assets.sh
	bash scripts/build_assets.sh
	touch $@

demo: export DEMO = true
demo: setup
	mkdir -p var
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/kalantari migrate --no-input
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/kalantari seed_demo
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/kalantari collectstatic --no-input -v 0
	@echo "Kalantari demo: http://$(HOST):$(PORT)/  (staff logins are printed above)"
	@echo "Second sign-in step without a phone: make otp ACCOUNT=desk_thr101"
	DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/gunicorn kalantari.config.wsgi -b $(HOST):$(PORT) -w 2 --threads 4 --access-logfile -

# Instant: no system checks, and bytecode cached under var/pycache (without a cache every run
# recompiled Django: 9 s).
otp:
	@DEMO=true DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/kalantari otp_code $(ACCOUNT)

browser:
	@test -x /usr/bin/chromium || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/kalantari makemigrations --check --dry-run
	$(BIN)/python scripts/check_messages.py
	$(BIN)/bandit -q -r src -x "*/tests/*,*/migrations/*"

# Format and apply ruff's safe fixes (what `make lint` would otherwise refuse).
fmt: setup
	$(BIN)/ruff format src tests bench scripts conftest.py
	$(BIN)/ruff check --fix src tests bench scripts conftest.py

test: setup browser lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: setup
	mkdir -p var
	DATABASE_URL=sqlite:///var/test.sqlite3 $(BIN)/pytest -n 2 -q

test-postgres: setup
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest -n 2 -q -m "not own_database"

# Known vulnerabilities in the locked dependencies (needs PyPI's per-release JSON API or OSV).
audit-deps: setup
	$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip --strict

bench: setup
	$(BIN)/python scripts/with_postgres.py $(BIN)/python bench/intake.py

# Dashboards over 5,000,000 generated cases (bench/README.md); ARGS="--cases 100000" for a
# quick run, ARGS="--reuse" to measure a database already filled.
bench-dashboard: setup
	$(BIN)/python scripts/with_postgres.py $(BIN)/python bench/dashboard.py $(ARGS)

# Re-extract strings, apply scripts/fa_messages.py, compile the catalogue (needs gettext).
messages: setup
	cd src/kalantari && ../../$(BIN)/kalantari makemessages -l fa --no-obsolete --no-location -i "demo/*" -v 0
	$(BIN)/python scripts/apply_messages.py
	$(BIN)/python -c "import polib; polib.pofile('src/kalantari/locale/fa/LC_MESSAGES/django.po').save_as_mofile('src/kalantari/locale/fa/LC_MESSAGES/django.mo')"

clean:
	rm -rf $(VENV) var node_modules src/kalantari/core/static/vendor
