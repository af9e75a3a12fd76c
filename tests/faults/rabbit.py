"""A private RabbitMQ node for fault tests: started, stopped, SIGKILLed and restarted by the test that owns it.

The shared broker on 5672 must never be disturbed (other suites run on it), so each node here has its own name,
free AMQP and distribution ports, and its own data, log and pid files under a temporary directory. It runs the
Debian package's scripts from /usr/lib/rabbitmq/bin directly: the /usr/sbin wrappers switch to the `rabbitmq`
user and to /var/lib/rabbitmq, which would mix this node with the shared one. As root, the Erlang cookie lives in
$HOME, so HOME points at the node's directory for the server and for rabbitmqctl alike.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

from shared.bus.grants import with_user

SCRIPTS = Path("/usr/lib/rabbitmq/bin")
# Below Linux's ephemeral range (32768–60999): while the node is down, no outgoing connection and no test asking
# the kernel for a free port can take its ports, so it can always restart on them.
STABLE_PORTS = range(20000, 32000)


def available() -> bool:
    return (SCRIPTS / "rabbitmq-server").exists() and shutil.which("erl") is not None


class PrivateRabbit:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.name = f"civicfault{uuid.uuid4().hex[:8]}@localhost"
        self.port = _unused_port()
        self.dist_port = _unused_port(other_than=self.port)
        self._server: subprocess.Popen | None = None
        self.login = ("guest", "guest")
        for folder in ("mnesia", "log"):
            (base / folder).mkdir(parents=True, exist_ok=True)
        (base / "enabled_plugins").write_text("[].\n")
        (base / "rabbitmq.conf").write_text(f"listeners.tcp.1 = 127.0.0.1:{self.port}\n")

    @property
    def amqp_url(self) -> str:
        """As the operator once `set_up_users` ran (guest is gone then)."""
        user, password = self.login
        return with_user(f"amqp://127.0.0.1:{self.port}/", user, password)

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.poll() is None

    def env(self) -> dict[str, str]:
        base = self.base
        return os.environ | {
            "HOME": str(base), "RABBITMQ_NODENAME": self.name, "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port), "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(base / "mnesia"), "RABBITMQ_LOG_BASE": str(base / "log"),
            "RABBITMQ_PID_FILE": str(base / "node.pid"), "RABBITMQ_ENABLED_PLUGINS_FILE": str(base / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(base / "rabbitmq.conf"), "RABBITMQ_CONF_ENV_FILE": str(base / "rabbitmq-env.conf"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(base / "advanced.config"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": "-kernel inet_dist_use_interface {127,0,0,1}",
        }

    def start(self, timeout: int = 90) -> None:
        """Start the node (same name and data, so durable queues and their messages come back) and await boot."""
        assert not self.running, "the private broker is already running"
        with (self.base / "log" / "console.log").open("ab") as console:
            self._server = subprocess.Popen([str(SCRIPTS / "rabbitmq-server")], env=self.env(), cwd=self.base,
                                            stdin=subprocess.DEVNULL, stdout=console, stderr=subprocess.STDOUT,
                                            start_new_session=True)
        try:
            self._await_boot(timeout)
        except Exception:
            self.kill()
            raise

    def _await_boot(self, timeout: float) -> None:
        """`await_startup` fails at once while the VM has not registered its name yet, so ask again until then."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.ctl("await_startup", "--timeout", str(int(timeout)), timeout=timeout + 30)
                return
            except RuntimeError:
                if not self.running or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def set_up_users(self, document: dict, login: tuple[str, str]) -> None:
        """The broker's users and permissions as deploy/broker_users.py sets them on the shared node, without guest;
        `login` (the operator's) is the tests' own from then on."""
        path = self.base / "definitions.json"
        path.write_text(json.dumps(document))
        self.ctl("import_definitions", str(path))
        self.ctl("delete_user", "guest")
        self.login = login

    def stop(self, timeout: int = 120) -> None:
        """A graceful shutdown of the whole node (queues flushed, clients told the connection is closing)."""
        self.ctl("stop", timeout=timeout)
        self._server.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL the Erlang VM (no shutdown at all), then the wrapper script and helpers in its session."""
        if not self.running:
            return
        vm = self._vm_pid()
        if vm is not None:
            _signal(vm, signal.SIGKILL)
        _signal_group(self._server.pid, signal.SIGKILL)
        self._server.wait(timeout=30)
        if vm is not None:
            _await_exit(vm, timeout=30)  # a VM still tearing down would hold the node name on restart

    def close(self, keep_logs: Path | None = None) -> None:
        """Tear-down, also after a failure: kill whatever still runs, keep the logs if asked, remove the rest."""
        self.kill()
        if keep_logs is not None:
            shutil.copytree(self.base / "log", keep_logs, dirs_exist_ok=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def ctl(self, *args: str, timeout: float = 60) -> str:
        result = subprocess.run([str(SCRIPTS / "rabbitmqctl"), "-n", self.name, *args], env=self.env(),
                                cwd=self.base, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"rabbitmqctl {' '.join(args)} failed ({result.returncode}): "
                               f"{result.stderr.strip() or result.stdout.strip()}; logs in {self.base / 'log'}")
        return result.stdout

    def _vm_pid(self) -> int | None:
        """The beam.smp process, from the pid file the node writes; trusted only while it is the child of this
        node's wrapper script (a stale file from an earlier run must never make us signal a stranger)."""
        try:
            pid = int((self.base / "node.pid").read_text().strip())
            stat = Path(f"/proc/{pid}/stat").read_text()
        except (OSError, ValueError):
            return None
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        return pid if parent == self._server.pid else None


def _unused_port(other_than: int = 0) -> int:
    while True:
        port = random.choice(STABLE_PORTS)
        if port == other_than:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _await_exit(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":
            return
        time.sleep(0.05)
    raise TimeoutError(f"the private broker's VM {pid} is still alive {timeout}s after SIGKILL")
