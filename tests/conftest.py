from __future__ import annotations

import fcntl
import secrets
import tempfile
from pathlib import Path

import pytest

from deploy.broker_users import declare_topology
from shared.config import Settings
from tests.support import infra as infra_support
from tests.support.sweep import sweep
from tests.support.namespace import TEST_DELAYS, drop_namespace_quietly, new_namespace


BROKER_LOCK = Path(tempfile.gettempdir()) / "civic-tests-broker.lock"
SESSIONS_LOCK = Path(tempfile.gettempdir()) / "civic-tests-sessions.lock"


@pytest.fixture(scope="session")
def infra():
    servers = infra_support.start()
    with SESSIONS_LOCK.open("a") as sessions:
        if servers.kind == "local" and _alone(sessions):
            # queues of earlier runs that were killed before their cleanup; never while another pytest session
            # runs: its namespace has no consumer yet between declaring its queues and consuming from them
            sweep(servers.amqp_url)
        fcntl.flock(sessions, fcntl.LOCK_SH)  # held for the session: later sessions see this one
        yield servers
    servers.close()


def _alone(sessions) -> bool:
    try:
        fcntl.flock(sessions, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@pytest.fixture(autouse=True)
def broker_guard(request):
    """Tests that stop the broker (marked `disrupts_broker`) run alone across every pytest process on this
    machine: they hold this lock exclusively, every other test on the real servers holds it shared. Tests on a
    private broker (tests/faults/) never touch the shared one: they neither wait for nor hold up the others."""
    if "infra" not in request.fixturenames or "private_broker" in request.fixturenames:
        yield
        return
    exclusive = request.node.get_closest_marker("disrupts_broker") is not None
    with BROKER_LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture
async def namespace(infra):
    """A namespace of its own, its exchange and queues declared as the broker setup does (services may not)."""
    ns = new_namespace()
    await declare_topology(infra.amqp_url, ns)
    yield ns
    await drop_namespace_quietly(ns, infra.mongo_url, infra.amqp_url)


@pytest.fixture
def settings_for(infra, namespace, tmp_path):
    """Settings of a service in this test's namespace, with short retry delays and an audit key of its own (the
    same for every process of the test, as in a deployment)."""
    audit_key = secrets.token_urlsafe(32)

    def make(service: str, **overrides) -> Settings:
        # auth_required=False: the tests' explicit opt-out (the routes' tests act through X-Civic-* headers); the
        # access matrix, the gateway's token tests and the secured e2e stack run with tokens required.
        values = dict(service=service, namespace=namespace, mongo_url=infra.mongo_url,
                      amqp_url=infra.amqp_url_for(service),
                      retry_delays=TEST_DELAYS, var_dir=tmp_path / "var", outbox_sweep_seconds=0.2,
                      auth_required=False, audit_key=audit_key)
        return Settings(**(values | overrides))

    return make
