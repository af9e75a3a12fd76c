# The README's two commands are `make run` and `make test`; both work on a fresh machine (they install what is missing).
SHELL := /bin/bash
PYTHON := .venv/bin/python
PYTEST_ARGS ?=
LOCK_VENV := var/lock-venv
LOCK_FILE ?= requirements.lock
PYTHON311 = $(shell bash -c 'source deploy/local/lib.sh && python311')

.PHONY: install infra run test stop lock

install:  ## RabbitMQ (apt), FerretDB (built from source), .venv from requirements.lock
	@bash deploy/local/install.sh

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
