"""Real processes (`python -m services.<name>`, `python -m gateway`) on free ports, in a private namespace."""
from __future__ import annotations

import asyncio
import json
import os
import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from deploy.broker_users import declare_topology
from deploy.local import run as supervisor
from shared import mongo
from tests.e2e.tokens import DemoTokens
from tests.support.namespace import TEST_DELAYS


@dataclass
class LiveStack:
    stack: supervisor.Stack
    env: dict
    ports: dict
    var_dir: Path
    mongo_url: str

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.ports['gateway']}"

    def child(self, name: str) -> supervisor.Child:
        return next(c for c in self.stack.children if c.name == name)

    def kill(self, name: str) -> None:
        child = self.child(name)
        os.killpg(child.proc.pid, signal.SIGKILL)
        child.proc.wait()

    def respawn(self, name: str, **env: str) -> None:
        """Start `name` again (after `kill`), with extra environment, and wait until it is ready."""
        old = self.child(name)
        child_env = supervisor.child_env(self.env | env, self.ports, name)
        new = supervisor.spawn(name, supervisor.MODULES[name], child_env, self.var_dir / "log" / "again", os.sys.executable)
        self.stack.children[self.stack.children.index(old)] = new
        supervisor.wait_ready(supervisor.Stack([new]), timeout=60)

    def db(self, service: str):
        return mongo.connect(self.mongo_url)[f"{self.env['CIVIC_NAMESPACE']}_{service}"]


def start_stack(infra, namespace, tmp_path, **extra_env: str) -> LiveStack:
    """Every process connects to `infra`'s broker as its own user (`child_env`, from `infra.credentials`)."""
    # As the broker setup does, on this broker; in a thread of its own, as async fixtures call this too.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, declare_topology(infra.amqp_url, namespace)).result()
    var_dir = tmp_path / "var"
    (var_dir / "log" / "again").mkdir(parents=True)
    env = os.environ | {
        "CIVIC_NAMESPACE": namespace, "MONGO_URL": infra.mongo_url, "AMQP_URL": infra.amqp_url,
        "CIVIC_VAR_DIR": str(var_dir), "CIVIC_RETRY_DELAYS": json.dumps(TEST_DELAYS),
        "CIVIC_OUTBOX_SWEEP_SECONDS": "0.2", "OTEL_BSP_SCHEDULE_DELAY": "100",
        "CIVIC_AUTH_REQUIRED": "false",  # the tests' explicit opt-out; `secured_stack` turns it back on
    } | extra_env
    env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
    ports = supervisor.free_ports(supervisor.MODULES)
    stack = supervisor.start_all(env, ports, var_dir / "log", ready_timeout=90)
    return LiveStack(stack, env, ports, var_dir, infra.mongo_url)


@pytest.fixture
def live_stack(infra, namespace, tmp_path):
    """Tokens checked when sent, not required (the test-only opt-out: the flows act through X-Civic-* headers)."""
    live = start_stack(infra, namespace, tmp_path)
    yield live
    live.stack.stop()


@pytest.fixture
def secured_stack(infra, namespace, tmp_path):
    """Production mode: the gateway and every service require a valid token; the demo accounts are seeded."""
    live = start_stack(infra, namespace, tmp_path, CIVIC_AUTH_REQUIRED="true", CIVIC_SEED_DEMO="true")
    yield live
    live.stack.stop()


@pytest.fixture
async def gateway_client(live_stack):
    async with httpx.AsyncClient(base_url=live_stack.gateway, timeout=15) as client:
        yield client


@pytest.fixture
async def officer_client(secured_stack):
    """The scenarios' client in production mode: every service call carries a real token of the demo account that
    acts there (`tests/e2e/tokens.py`)."""
    async with httpx.AsyncClient(base_url=secured_stack.gateway, timeout=15,
                                 auth=DemoTokens(secured_stack.gateway)) as client:
        yield client
