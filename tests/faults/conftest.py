"""Fault tests run the real stack against a PRIVATE RabbitMQ node they may stop and kill at will.

FerretDB is the shared one (never stopped); the test's private namespace keeps its databases apart. The gateway's
rate limits are raised: the suite sends thousands of commands from one client on purpose.
"""
from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from deploy import broker_users
from shared.bus.grants import OPERATOR
from tests.e2e.conftest import start_stack
from tests.faults.rabbit import PrivateRabbit, available

UNLIMITED = "1000000/minute"


@pytest.fixture
def private_broker(tmp_path):
    if not available():
        pytest.skip("rabbitmq-server (Debian package) is not installed")
    # A short path of its own (not pytest's tmp_path): the node's files live there and are removed at the end;
    # its logs are kept next to the services' (tmp_path/var/log) for a failed run's diagnosis.
    broker = PrivateRabbit(Path(tempfile.mkdtemp(prefix="civic-fault-rabbit-")))
    try:
        broker.start()
        yield broker
    finally:
        broker.close(keep_logs=tmp_path / "var" / "log" / "rabbitmq")


@pytest.fixture
def fault_infra(infra, private_broker):
    """The shared FerretDB, the private broker (with the same users as the shared one, no guest); `broker_ctl`
    controls the private node only."""
    private_broker.set_up_users(broker_users.definitions(infra.credentials, []),
                                login=(OPERATOR, infra.credentials[OPERATOR]))
    return replace(infra, amqp_url=private_broker.amqp_url, kind="private-broker",
                   broker_ctl=lambda command: private_broker.ctl(*command.split()), close=lambda: None)


@pytest.fixture
def fault_stack(fault_infra, namespace, tmp_path):
    live = start_stack(fault_infra, namespace, tmp_path, CIVIC_RATE_LIMIT_PER_IP=UNLIMITED,
                       CIVIC_RATE_LIMIT_PER_CLIENT=UNLIMITED)
    try:
        yield live
    finally:
        live.stack.stop()
