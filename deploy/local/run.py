"""The supervisor behind `make run`: starts the five services and the gateway, waits until each is ready,
prints where everything is, and stops them all on Ctrl-C / SIGTERM or when one of them dies.

Run it after `make infra` as `.venv/bin/python -m deploy.local.run`. Tests can use `start_all(...)` and `stack.stop()`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from deploy import broker_users
from deploy.local import zipkin as zipkin_server
from shared.config import SERVICE_PORTS, SERVICES

ROOT = Path(__file__).resolve().parents[2]
# Services first, gateway last: the gateway is ready only once every service is.
MODULES = {name: f"services.{name}" for name in SERVICES} | {"gateway": "gateway"}
DEFAULT_PORTS = {name: SERVICE_PORTS[name] for name in MODULES}
STOP_GRACE_S = 10.0
DEFAULT_AMQP = "amqp://127.0.0.1:5672/"


class StackError(RuntimeError):
    """A process failed to start, or died: the message names it and its log."""


@dataclass
class Child:
    name: str
    port: int
    host: str
    log_path: Path
    proc: subprocess.Popen

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def exit_code(self) -> int | None:
        return self.proc.poll()

    def tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def died_message(self) -> str:
        return (
            f"{self.name} exited with code {self.exit_code()} (log: {self.log_path}). Last lines:\n"
            f"{self.tail()}"
        )


@dataclass
class Stack:
    children: list[Child] = field(default_factory=list)

    def dead(self) -> Child | None:
        return next((c for c in self.children if c.exit_code() is not None), None)

    def stop(self, grace: float = STOP_GRACE_S) -> None:
        """SIGTERM every child (and its process group), then SIGKILL whatever is left after `grace` seconds."""
        running = [c for c in self.children if c.exit_code() is None]
        for child in running:
            _signal_group(child.proc, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in running:
            try:
                child.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(child.proc, signal.SIGKILL)
                child.proc.wait()


def _signal_group(proc: subprocess.Popen, sig: signal.Signals) -> None:
    try:
        os.killpg(proc.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def probe_host(env: dict) -> str:
    host = env.get("CIVIC_HOST", "127.0.0.1")
    return "127.0.0.1" if host in ("", "0.0.0.0", "::") else host


def child_env(env: dict, ports: dict, name: str) -> dict:
    upstreams = {n: f"http://127.0.0.1:{p}" for n, p in ports.items() if n != "gateway"}
    merged = {"CIVIC_UPSTREAMS": json.dumps(upstreams), **env}
    if "gateway" in ports:  # services verify tokens against the gateway's published keys
        merged.setdefault("CIVIC_JWKS_URL", f"http://127.0.0.1:{ports['gateway']}/.well-known/jwks.json")
    # Each process connects to the broker as its own user (shared/bus/grants.py); `AMQP_URL` names the broker.
    amqp = broker_users.url_for(env.get("AMQP_URL", DEFAULT_AMQP), name)
    return {**merged, "AMQP_URL": amqp, "CIVIC_PORT": str(ports[name]), "PYTHONUNBUFFERED": "1"}


def spawn(name: str, module: str, env: dict, log_dir: Path, python: str, launcher: Sequence[str] = ()) -> Child:
    """`python [launcher…] -m module`; a launcher is e.g. a profiler that runs the module itself."""
    log_path = log_dir / f"{name}.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [python, *launcher, "-m", module],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches only the supervisor, which stops children in order
        )
    return Child(name, int(env["CIVIC_PORT"]), probe_host(env), log_path, proc)


def wait_ready(stack: Stack, timeout: float) -> None:
    """Poll each child's /health/ready until all answer 200; raise StackError naming the first laggard or corpse."""
    pending = list(stack.children)
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=2.0) as client:
        while pending:
            if (corpse := stack.dead()) is not None:
                raise StackError(corpse.died_message())
            pending = [c for c in pending if not _is_ready(client, c)]
            if pending and time.monotonic() > deadline:
                late = pending[0]
                raise StackError(
                    f"{late.name} not ready at {late.url}/health/ready after {timeout:.0f} s "
                    f"(log: {late.log_path}). Last lines:\n{late.tail()}"
                )
            if pending:
                time.sleep(0.5)


def _is_ready(client: httpx.Client, child: Child) -> bool:
    try:
        return client.get(f"{child.url}/health/ready").status_code == 200
    except httpx.HTTPError:
        return False


def start_all(
    env: dict,
    ports: dict,
    log_dir: Path,
    *,
    modules: dict | None = None,
    python: str = sys.executable,
    ready_timeout: float = 60.0,
    launchers: dict[str, Sequence[str]] | None = None,
) -> Stack:
    """Start one process per entry of `ports` and wait until all are ready; on failure stop them and raise."""
    modules = modules or MODULES
    log_dir.mkdir(parents=True, exist_ok=True)
    _check_ports_free(ports, probe_host(env))
    stack = Stack()
    try:
        for name in ports:
            launcher = (launchers or {}).get(name, ())
            stack.children.append(spawn(name, modules[name], child_env(env, ports, name), log_dir, python, launcher))
        wait_ready(stack, ready_timeout)
    except BaseException:
        stack.stop()
        raise
    return stack


def free_ports(names) -> dict[str, int]:
    """A free 127.0.0.1 port for each name (tests and benches run a second stack beside `make run`'s)."""
    sockets = [socket.socket() for _ in names]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = {name: s.getsockname()[1] for name, s in zip(names, sockets)}
    for s in sockets:
        s.close()
    return ports


def _check_ports_free(ports: dict, host: str) -> None:
    """A leftover process on our port would answer /health/ready in our child's place: refuse to start."""
    for name, port in ports.items():
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex((host, port)) == 0:
                raise StackError(f"port {port} for {name} is already in use on {host} (left over? try 'make stop')")


def banner(stack: Stack, env: dict) -> str:
    by_name = {c.name: c for c in stack.children}
    lines = ["", "Civic Mesh is running:"]
    if "gateway" in by_name:
        gateway = by_name["gateway"].url
        lines += [f"  gateway      {gateway}", f"  API docs     {gateway}/docs"]
    lines += [f"  {c.name:<12} {c.url}" for c in stack.children if c.name != "gateway"]
    if env.get("CIVIC_ZIPKIN_URL"):
        lines.append(f"  traces       {env['CIVIC_ZIPKIN_URL']}/zipkin/  (Zipkin; also var/traces for `civic trace`)")
    lines += [
        "  metrics      <any process>/metrics",
        "  status       AMQP_URL=$(.venv/bin/python -m deploy.broker_users --url civic-admin) .venv/bin/civic status",
        f"  RabbitMQ     {_hide_password(env.get('AMQP_URL', DEFAULT_AMQP))}  (one user per process; management UI "
        "http://127.0.0.1:15672 as civic-admin, password in var/secrets/broker.json)",
        f"  FerretDB     {env.get('MONGO_URL', 'mongodb://127.0.0.1:27017/')}",
        f"  logs         {stack.children[0].log_path.parent if stack.children else '-'}/<name>.log",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" not in rest or ":" not in rest.split("@", 1)[0]:
        return url
    user = rest.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{rest.split('@', 1)[1]}"


def supervise(stack: Stack) -> int:
    """Block until Ctrl-C / SIGTERM (exit 0) or until a child dies (exit 1); stop everything either way."""
    try:
        while (corpse := stack.dead()) is None:
            time.sleep(0.5)
        print(f"\n{corpse.died_message()}\nStopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.local.run", description=__doc__.splitlines()[0])
    parser.add_argument("--ready-timeout", type=float, default=float(os.environ.get("CIVIC_READY_TIMEOUT", 60)))
    args = parser.parse_args(argv)
    env, log_dir = dict(os.environ), ROOT / os.environ.get("CIVIC_VAR_DIR", "var") / "log"
    env.setdefault("CIVIC_SEED_DEMO", "true")  # `make run` is a demo: the demo accounts sign in (gateway/demo.py)
    for sig in (signal.SIGINT, signal.SIGTERM):  # SIGTERM behaves like Ctrl-C; SIGINT even if inherited as ignored
        signal.signal(sig, signal.default_int_handler)
    pid_file = _write_pid(log_dir.parent / "run" / "supervisor.pid")
    print(f"Starting {', '.join(DEFAULT_PORTS)} (logs in {log_dir}) …", flush=True)
    traces = None
    try:
        traces = _trace_ui(env, log_dir)
        stack = start_all(env, DEFAULT_PORTS, log_dir, ready_timeout=args.ready_timeout)
        print(banner(stack, env), flush=True)
        return supervise(stack)
    except StackError as error:
        print(f"Start-up failed: {error}\nAll processes stopped.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted during start-up; all processes stopped.", flush=True)
        return 0
    finally:
        if traces is not None:
            traces.stop()
        pid_file.unlink(missing_ok=True)


def _trace_ui(env: dict, log_dir: Path) -> zipkin_server.Zipkin | None:
    """Zipkin for the services to export to (reused if one answers), unless OTLP goes to a collector instead or
    `CIVIC_ZIPKIN=off`. Without it the stack still runs, with the trace files only."""
    if env.get("OTEL_EXPORTER_OTLP_ENDPOINT") or env.get("CIVIC_ZIPKIN", "on") == "off":
        return None
    print("Starting Zipkin (the trace UI) …", flush=True)
    try:
        traces = zipkin_server.start(log_dir / "zipkin.log")
    except zipkin_server.ZipkinError as error:
        print(f"warning: no trace UI: {error}\nSpans still go to var/traces/ (`civic trace <id>`).", file=sys.stderr)
        return None
    env["CIVIC_ZIPKIN_URL"] = traces.url
    return traces


def _write_pid(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{os.getpid()}\n")
    return path


if __name__ == "__main__":
    sys.exit(main())
