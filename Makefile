# reportedly: the quick start is `make demo` then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_WORKERS ?= 2

.PHONY: demo test services lint typecheck unit eval bench install lock clean

install: $(STAMP)

$(STAMP): requirements/dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

DEMO_DB ?= demo/reportedly.db

# The main job on the bundled examples: claims per report, then the ledger's events.
demo: $(STAMP)
	@mkdir -p $(dir $(DEMO_DB))
	@echo "== Claims in the bundled examples (illustrative reports about invented incidents)"
	$(BIN)/reportedly extract examples/ --format table --quiet
	@echo
	@echo "== The ledger: events across reports, with their status"
	@# the demo ledger is rebuilt each time, so it shows what this version makes of the examples
	@rm -f $(DEMO_DB)
	$(BIN)/reportedly ingest examples/ --db $(DEMO_DB) --quiet
	$(BIN)/reportedly events --db $(DEMO_DB)
	@echo
	@echo "Browse, map and review the ledger in the web app:"
	@echo "    $(BIN)/reportedly serve --db $(DEMO_DB)"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# PostgreSQL for the store tests and Debian's chromium for the browser tests: .ci/services.sh
# installs them (and starts PostgreSQL) when run as root.
# REPORTEDLY_PG_URL is exported to pytest when the server answers; otherwise the postgres
# tests are skipped with the reason, except in CI (env CI set), where that is an error.
services:
	@if [ "$$(id -u)" = 0 ]; then bash .ci/services.sh; \
	else echo "make: not root, not starting PostgreSQL (set REPORTEDLY_PG_URL to use a running server) nor installing chromium (browser tests skip without /usr/bin/chromium)" >&2; fi

test: $(STAMP) lint typecheck services
	@if url="$$($(BIN)/python -m tests.pg)"; then export REPORTEDLY_PG_URL="$$url"; \
	elif [ -n "$${CI:-}" ]; then echo "make: CI needs PostgreSQL" >&2; exit 1; \
	else echo "make: PostgreSQL tests will be skipped" >&2; fi; \
	echo "$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q"; \
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Regenerate the hashed pins from requirements/*.in (needs network access to PyPI).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes requirements/base.in -o requirements/base.lock
	$(BIN)/uv pip compile --python-version 3.11 --generate-hashes requirements/dev.in -o requirements/dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache demo
