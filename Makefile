# The README's two commands are `make run` and `make test`; both work on a fresh machine (they install what is missing).
SHELL := /bin/bash
PYTHON := .venv/bin/python
PYTEST_ARGS ?=
LOCK_VENV := var/lock-venv
LOCK_FILE ?= requirements.lock
PYTHON311 = $(shell bash -c 'source deploy/local/lib.sh && python311')

CLIENT := clients/typescript
BUILD := build
CLIENT_DEPS := $(CLIENT)/node_modules/.installed

.PHONY: install infra run test stop lock client client-deps

install:  ## RabbitMQ (apt), FerretDB (built from source), .venv from requirements.lock, the portal client's npm packages
	@bash deploy/local/install.sh
	@$(MAKE) -s --no-print-directory client-deps

infra: install  ## start FerretDB and RabbitMQ (or reuse running ones), wait until both answer, set up the broker's users
	@bash deploy/local/start.sh
	@bash deploy/local/wait-ready.sh
	@$(PYTHON) -m deploy.broker_users

run: infra  ## the five services and the gateway, until Ctrl-C
	@$(PYTHON) -m deploy.local.run

test: infra  ## the whole test suite; pass options with PYTEST_ARGS='-k markets -x'
	$(PYTHON) -m pytest $(PYTEST_ARGS)

stop:  ## stop what `make run` / `make infra` started (servers found already running are left alone)
	@bash deploy/local/stop.sh

lock:  ## regenerate requirements.lock from pyproject.toml in a fresh venv
	rm -rf $(LOCK_VENV)
	$(PYTHON311) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	{ echo "# Locked by 'make lock' from pyproject.toml (direct pins + [test] extra) for Python 3.11."; \
	  $(LOCK_VENV)/bin/pip freeze --exclude-editable; } > $(LOCK_FILE)
	rm -rf $(LOCK_VENV)
	@echo "$(LOCK_FILE) regenerated; 'make install' will pick it up"

client: client-deps  ## the portal client: OpenAPI exported offline, TypeScript generated and type-checked, packed into build/
	@mkdir -p $(BUILD)
	$(PYTHON) -m gateway.openapi_export $(BUILD)/openapi.json
	cd $(CLIENT) && rm -rf dist example/dist src/schema.ts && CIVIC_OPENAPI=../../$(BUILD)/openapi.json npm run -s generate
	cd $(CLIENT) && npm run -s build
	@cd $(CLIENT) && tarball=$$(npm pack --silent --pack-destination ../../$(BUILD)) && echo "portal client: $(BUILD)/$$tarball"

client-deps: $(CLIENT_DEPS)  ## the portal client's npm packages, from its package-lock.json (npm ci)

$(CLIENT_DEPS): $(CLIENT)/package.json $(CLIENT)/package-lock.json
	@command -v npm >/dev/null || { echo "[civic] ERROR: npm not found; the portal client ($(CLIENT)) needs Node 20 and npm" >&2; exit 1; }
	@echo "[civic] Portal client: npm ci in $(CLIENT) (from its package-lock.json)"
	@cd $(CLIENT) && npm ci --no-audit --no-fund --loglevel=error >/dev/null
	@touch $@
