# The README's two promises: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-suite test-deploy lint migrate demo clean serve api-fuzz typed-client typed-client-check frontend messages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# The address `make run` serves: the Wagtail Site, canonical links and e-mails follow it.
export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

migrate: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo_content
	$(PY) manage.py generate_renditions
	$(PY) manage.py ensure_admin
	$(PY) manage.py create_demo_accounts

run: demo
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Everything: the suite (on DATABASE_URL, SQLite by default), then the production shapes.
test: test-suite test-deploy

# Non-browser tests run on both cores (pytest-xdist); browser tests run one at a time.
test-suite: $(VENV)/.dev
	$(PY) manage.py makemigrations --check --dry-run --settings=moonlight.settings.test
	$(BIN)/pytest -n 2 --ignore=tests/e2e --ignore=tests/deploy $(PYTEST_ARGS)
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

# gunicorn with 2 workers and the task worker under production settings, on SQLite without
# Redis and on PostgreSQL with Redis (both started by the tests' scripts; see tests/deploy).
test-deploy: $(VENV)/.dev
	$(BIN)/pytest tests/deploy $(PYTEST_ARGS)

api-fuzz: $(VENV)/.dev
	bash scripts/api-fuzz.sh

# The TypeScript client's types come from the committed OpenAPI snapshot (tests/api/openapi.json).
typed-client:
	cd frontend && { [ -x node_modules/.bin/openapi-typescript ] || npm ci --no-audit --no-fund --loglevel=error; } && \
	node_modules/.bin/openapi-typescript ../tests/api/openapi.json -o src/api/schema.d.ts

# Fails when the committed types differ from the document; type-checks client and front end.
typed-client-check:
	bash scripts/check-typed-client.sh

# The reference front end on http://$(HOST):3000/, reading the API of `make run` (start that first).
FRONTEND_PORT ?= 3000
API_BASE_URL ?= http://$(HOST):$(PORT)
frontend:
	cd frontend && { [ -x node_modules/.bin/tsc ] || npm ci --no-audit --no-fund --loglevel=error; } && \
	node_modules/.bin/tsc && \
	API_BASE_URL=$(API_BASE_URL) HOST=$(HOST) PORT=$(FRONTEND_PORT) node dist/server.js

# Interface strings: collect them into spa_site/locale/es/LC_MESSAGES/django.po, one catalog for
# every app (needs GNU gettext's xgettext: `apt-get install gettext`; makemessages writes to
# ./locale, linked to the catalog's folder while it runs), translate the new entries, then
# compile the .mo with polib (no gettext needed). Both files are committed;
# tests/i18n/test_catalog.py checks them.
MESSAGE_IGNORES := .venv frontend tools tests bench node_modules staticfiles media var moonlight
CATALOG := spa_site/locale/es/LC_MESSAGES/django
messages: $(VENV)/.dev
	ln -sfn spa_site/locale locale
	$(PY) manage.py makemessages -l es -e html,txt,py --no-obsolete --no-location \
	  $(foreach d,$(MESSAGE_IGNORES),--ignore=$(d)) --ignore='*/admin/*' \
	  --ignore='spa_site/templates/wagtailcore/*' --ignore=locale; status=$$?; rm -f locale; exit $$status
	$(PY) -c "import polib; polib.pofile('$(CATALOG).po').save_as_mofile('$(CATALOG).mo')"

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check */templates
	@! git grep -nE '^(<<<<<<<|>>>>>>>) ' -- . || { echo "merge conflict markers above"; exit 1; }

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

# Production-like local stack: PostgreSQL (started by the recipe), gunicorn with 2 workers,
# DEBUG off, whitenoise serving hashed compressed static files, persistent DB connections.
serve: $(VENV)/.runtime
	@eval "$$(bash scripts/start-postgres.sh | tail -n 1)" && \
	export DJANGO_SETTINGS_MODULE=moonlight.settings.production \
	  SECRET_KEY="$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT=false \
	  CONN_MAX_AGE=600 DJANGO_ADMIN_PASSWORD="$${DJANGO_ADMIN_PASSWORD:-changeme}" && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py load_demo_content && \
	$(PY) manage.py generate_renditions && \
	$(PY) manage.py ensure_admin && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	echo "Serving http://$(HOST):$(PORT)/ with gunicorn on PostgreSQL (Ctrl-C stops)" && \
	{ $(PY) manage.py db_worker & } && \
	$(BIN)/gunicorn moonlight.wsgi --workers 2 --bind $(HOST):$(PORT) --no-control-socket
