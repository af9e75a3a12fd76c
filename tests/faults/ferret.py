"""A private FerretDB v1.24.2 (PostgreSQL backend) that a fault test starts, stops and starts again.

The shared server on 27017 is never touched: this one has its own port, state directory and PostgreSQL database
(`civic_fault_<pid>_<port>`, on the cluster `make infra` runs, prepared with deploy/local/postgres-setup.sql like
the shared one). Its data lives in PostgreSQL, so it survives `stop()` / `start()` and `crash()`: a test can take
the database away for a while and bring the same data back. `close()` stops it and drops its database.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from deploy.local.run import free_ports
from tests.support.infra import postgres_url
from tests.support.postgres import psql, with_database

GO_BIN_FALLBACK = Path("/root/go/bin")
SETUP_SQL = Path(__file__).resolve().parents[2] / "deploy" / "local" / "postgres-setup.sql"


def ferretdb_binary() -> Path:
    """The binary `deploy/local/build-ferretdb.sh` builds into `$(go env GOPATH)/bin`."""
    go = shutil.which("go") or "/usr/local/go/bin/go"
    try:
        gopath = subprocess.run([go, "env", "GOPATH"], capture_output=True, text=True, timeout=30,
                                check=True).stdout.strip()
        directory = Path(gopath) / "bin"
    except (OSError, subprocess.SubprocessError):
        directory = GO_BIN_FALLBACK
    binary = directory / "ferretdb"
    if not binary.is_file():
        raise FileNotFoundError(f"ferretdb not found at {binary}; run deploy/local/build-ferretdb.sh")
    return binary


class PrivateFerret:
    """One FerretDB process on 127.0.0.1:<free port>, its state under `root`, its data in its own PostgreSQL
    database on the server at `postgres` (default: `tests.support.infra.postgres_url()`)."""

    def __init__(self, root: Path, binary: Path | None = None, postgres: str | None = None) -> None:
        self.root = root
        self.binary = binary or ferretdb_binary()
        self.port = free_ports(["ferretdb"])["ferretdb"]
        self.proc: subprocess.Popen | None = None
        self._server = postgres or postgres_url()
        # The pid makes the name unique among live processes: one of ours by that name is a dead run's leftover.
        self.database = f"civic_fault_{os.getpid()}_{self.port}"
        self.postgres_url = with_database(self._server, self.database)
        self._created = False
        (root / "state").mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 15.0) -> None:
        """Start (again) on the same port and data; returns once the port accepts connections. The first start
        creates the PostgreSQL database."""
        if not self._created:
            self._create_database()
        args = [str(self.binary), "--handler=postgresql", f"--postgresql-url={self.postgres_url}",
                f"--state-dir={self.root / 'state'}", f"--listen-addr=127.0.0.1:{self.port}",
                "--telemetry=disable", "--debug-addr=127.0.0.1:0", "--log-level=WARN"]
        log = open(self.root / "ferretdb.log", "ab")  # noqa: SIM115 - the child keeps it; closed below
        try:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        finally:
            log.close()
        self._wait_port(timeout)

    def stop(self, grace: float = 5.0) -> None:
        """SIGTERM, then SIGKILL after `grace` seconds (FerretDB drains its clients first, ~3 s)."""
        if not self.running:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def crash(self) -> None:
        """SIGKILL: the database is gone at once, mid-request if need be (PostgreSQL keeps what it committed and
        rolls back what FerretDB had in flight)."""
        if self.running:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def close(self) -> None:
        """Stop, and drop the PostgreSQL database with everything the test wrote."""
        self.stop()
        if self._created:
            psql(self._server, "-c", f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self._created = False

    def _create_database(self) -> None:
        """A fresh database with the index twins and planner setting of deploy/local/start.sh's prepare_postgres."""
        psql(self._server, "-c", f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)',
             "-c", f'CREATE DATABASE "{self.database}"')
        self._created = True
        psql(self.postgres_url, "-f", str(SETUP_SQL))

    def _wait_port(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running:
                raise RuntimeError(f"FerretDB exited with {self.proc.returncode}; log: {self.root / 'ferretdb.log'}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"FerretDB did not open 127.0.0.1:{self.port} within {timeout} s")
