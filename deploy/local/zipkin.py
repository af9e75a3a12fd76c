"""Zipkin for `make run` and the browser test: the executable jar that deploy/local/install.sh fetched from Maven
Central, on the machine's Java 17, with in-memory storage. A Zipkin already answering on the port is reused and
left running; one started here is stopped with the stack.

Why Zipkin: the one trace backend with a web UI that a package registry we reach ships whole (a single jar on Maven
Central); OpenTelemetry's `opentelemetry-exporter-zipkin-json` of the same release as our SDK (1.45.1) sends to it.
Compose and Kubernetes keep OTLP to their collector.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

VERSION = "3.5.1"
DEFAULT_PORT = 9411


class ZipkinError(RuntimeError):
    """Zipkin could not be started: the message says why and where its log is."""


def jar_path() -> Path:
    cache = os.environ.get("CIVIC_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                                                      / "civic-mesh")
    return Path(cache) / "m2/io/zipkin/zipkin-server" / VERSION / f"zipkin-server-{VERSION}-exec.jar"


@dataclass
class Zipkin:
    url: str
    proc: subprocess.Popen | None  # None: reused, not ours to stop

    @property
    def ui(self) -> str:
        return f"{self.url}/zipkin/"

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def answering(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def start(log_path: Path, port: int = DEFAULT_PORT, timeout: float = 90.0) -> Zipkin:
    """Reuse a Zipkin on 127.0.0.1:`port`, or start one and wait until it answers `/health`."""
    url = f"http://127.0.0.1:{port}"
    if answering(url):
        return Zipkin(url, None)
    jar, java = jar_path(), shutil.which("java")
    if not jar.is_file() or java is None:
        raise ZipkinError(f"no Zipkin jar at {jar} or no java on PATH; run 'make install' (deploy/local/install.sh)")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"STORAGE_TYPE": "mem", "MEM_MAX_SPANS": "200000"}
    with open(log_path, "wb") as log:
        command = [java, "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar),
                   "--armeria.ports[0].ip=127.0.0.1", f"--armeria.ports[0].port={port}"]  # loopback only
        proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    zipkin = Zipkin(url, proc)
    deadline = time.monotonic() + timeout
    while not answering(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            zipkin.stop()
            tail = "\n".join(log_path.read_text(errors="replace").splitlines()[-15:])
            raise ZipkinError(f"Zipkin did not answer on {url} within {timeout:.0f} s (log: {log_path}):\n{tail}")
        time.sleep(0.5)
    return zipkin
