# Two commands matter: `make demo` and `make test`. Both are safe to run again.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Tests run in random order (pytest-randomly); the seed is printed, and SEED=<n> repeats an order.
SEED ?= $(shell date +%s)
PORT ?= 8000

.PHONY: demo test test-redis venv migrate lint format migrations-check deploy-check run clean prod-check bench

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is required"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

run: venv
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests run in their own pytest process: a live server sharing an in-memory
# SQLite database with earlier non-transactional tests loses the migrated data.
test: venv
	@echo "== random test order, seed $(SEED) (repeat with: make test SEED=$(SEED))"
	$(BIN)/python -m pytest -n 2 -q -m "not browser" -p randomly --randomly-seed=$(SEED) $(PYTEST_ARGS)
	$(BIN)/python -m pytest -n 0 -q -m browser -p randomly --randomly-seed=$(SEED) $(PYTEST_ARGS) || [ $$? -eq 5 ]

# With a live Redis (REDIS_URL): the cache, sessions, rate limits and page cache against Redis up.
REDIS_TESTS := tests/lms/test_live_redis.py tests/lms/test_near_cache.py tests/lms/test_page_cache.py tests/lms/test_security.py \
	tests/organizations/test_accounts.py tests/organizations/test_trusted_proxies.py \
	tests/progress/test_dashboard_cache.py tests/lms/test_platform.py tests/lms/test_request_cost.py \
	tests/advisors/test_public_cache.py tests/home/test_queries.py
test-redis: venv
	@echo "== live Redis at $(REDIS_URL), random order, seed $(SEED)"
	test -n "$(REDIS_URL)"
	$(BIN)/python -m pytest -n 2 -q -m "not browser" -p randomly --randomly-seed=$(SEED) $(REDIS_TESTS) $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: venv
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

deploy-check: venv
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=deploy-check-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=lms.example.org DATABASE_URL=sqlite:////tmp/lms-deploy-check.sqlite3 \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

prod-check: venv
	bash scripts/prod_check.sh

bench: venv
	command -v wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) staticfiles .test-media
