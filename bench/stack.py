"""The real processes for a benchmark: the five services and the gateway on free ports, in a private namespace
that is dropped afterwards, started the way `deploy/local/run.py` starts them.

Processes named in `profiled` run under pyinstrument (`python -m pyinstrument -m <module>`); they are stopped
with SIGINT, which uvicorn passes on as KeyboardInterrupt, so pyinstrument writes its report on the way out.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bench import profile
from deploy import broker_users
from deploy.broker_users import declare_topology
from deploy.local import run as supervisor
from shared.bus.grants import OPERATOR
from tests.support.namespace import drop_namespace

MONGO = "mongodb://127.0.0.1:27017/"
AMQP = broker_users.url_for("amqp://127.0.0.1:5672/", OPERATOR)  # the bench's own tooling; each process its own user
# The gateway's per-IP limit (3000/minute) would refuse a benchmark that sends everything from 127.0.0.1:
# the limiter still runs on every request, only with room for the load.
PROFILES = supervisor.ROOT / "var" / "profiles"
LOGS = supervisor.ROOT / "var" / "bench-logs"
# Tokens are not required (the test-only opt-out), as in every figure recorded so far: the benchmarks call
# services directly too. Verifying a token when one is sent still runs.
BENCH_ENV = {"CIVIC_RATE_LIMIT_PER_IP": "1000000/minute", "CIVIC_RATE_LIMIT_PER_CLIENT": "1000000/minute",
             "CIVIC_AUTH_REQUIRED": "false"}


@dataclass
class BenchStack:
    namespace: str
    ports: dict[str, int]
    var_dir: Path
    stack: supervisor.Stack

    def port(self, name: str) -> int:
        return self.ports[name]

    def pid(self, name: str) -> int:
        return next(c.proc.pid for c in self.stack.children if c.name == name)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux): what a request costs, whatever the machine's noise."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def profile_option(profiled: list[str]) -> str:
    """The ` --profile …` part of a benchmark's command line as `docs/benchmarks.md` records it."""
    return f" --profile {' '.join(profiled)}" if profiled else ""


def _profiler(name: str, var_dir: Path) -> list[str]:
    return ["-m", "pyinstrument", "-r", "pyisession", "-o", str(var_dir / f"{name}.pyisession")]


def _stop(stack: supervisor.Stack, profiled: frozenset[str]) -> None:
    for child in stack.children:
        if child.name in profiled and child.exit_code() is None:
            os.killpg(child.proc.pid, signal.SIGINT)
    for child in stack.children:
        if child.name in profiled:
            try:
                child.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
    stack.stop()


def _keep_profiles(var_dir: Path, profiled: frozenset[str]) -> None:
    PROFILES.mkdir(parents=True, exist_ok=True)
    for name in profiled:
        session = var_dir / f"{name}.pyisession"
        if session.exists():
            shutil.copy(session, PROFILES / session.name)
            print(f"\n{profile.summary(PROFILES / session.name)}")


@asynccontextmanager
async def live(profiled: frozenset[str] = frozenset(), **extra_env: str) -> AsyncIterator[BenchStack]:
    namespace = "bench" + uuid.uuid4().hex[:8]
    with tempfile.TemporaryDirectory(prefix="civic-bench-") as tmp:
        var_dir = Path(tmp)
        (var_dir / "log").mkdir()
        env = os.environ | {"CIVIC_NAMESPACE": namespace, "MONGO_URL": MONGO, "AMQP_URL": AMQP,
                            "CIVIC_VAR_DIR": str(var_dir)} | BENCH_ENV | extra_env
        env.pop("OTEL_EXPORTER_OTLP_ENDPOINT", None)
        await declare_topology(AMQP, namespace)  # as the broker setup does (services may not declare it)
        ports = supervisor.free_ports(supervisor.MODULES)
        stack = supervisor.start_all(env, ports, var_dir / "log", ready_timeout=120,
                                     launchers={name: _profiler(name, var_dir) for name in profiled})
        try:
            yield BenchStack(namespace, ports, var_dir, stack)
        finally:
            _stop(stack, profiled)
            _keep_profiles(var_dir, profiled)
            shutil.copytree(var_dir / "log", LOGS / namespace)  # kept for a post-mortem of the run
            await drop_namespace(namespace, MONGO, AMQP)
