"""Load for the benchmarks: a lean HTTP/1.1 client, an open-loop generator and a closed-loop saturation run.

The client speaks raw HTTP/1.1 over keep-alive connections with httptools' parser (what uvicorn uses), so the
generator spends a few microseconds per request and costs the same for every target it is compared on; httpx
would cost the 2-core machine more CPU than the bare baseline server itself.

Open loop: request k is started at `begin + k / rate` whether or not earlier ones have answered, and its latency
is measured from that scheduled time, so a slow server cannot slow the generator down (no coordinated omission).
`lag_ms` reports how late the generator itself started requests (its own CPU starvation).
"""
from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httptools

from bench.report import percentile

Call = Callable[[int], Awaitable[int]]  # request number → HTTP status


class _Response:
    """httptools callbacks for one response."""

    def __init__(self) -> None:
        self.body: list[bytes] = []
        self.complete = False

    def on_body(self, chunk: bytes) -> None:
        self.body.append(chunk)

    def on_message_complete(self) -> None:
        self.complete = True


class HttpClient:
    """Keep-alive connections to one host:port; a connection is reused only after a complete response."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def request(self, method: str, path: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        reader, writer = self._idle.pop() if self._idle else await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(_request_bytes(method, path, body, self.host, headers or {}))
            status, payload, keep = await _read_response(reader)
        except BaseException:  # timeout, cancellation, reset: the connection's state is unknown
            writer.close()
            raise
        if keep:
            self._idle.append((reader, writer))
        else:
            writer.close()
        return status, payload

    async def get(self, path: str) -> int:
        return (await self.request("GET", path))[0]

    async def close(self) -> None:
        for _, writer in self._idle:
            writer.close()
        self._idle.clear()


def _request_bytes(method: str, path: str, body: bytes, host: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}"]
    if body or method not in ("GET", "HEAD"):  # as browsers, curl and httpx do: no length on a bodiless read
        lines.append(f"Content-Length: {len(body)}")
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    response = _Response()
    parser = httptools.HttpResponseParser(response)
    while not response.complete:
        data = await reader.read(65536)
        if not data:
            raise ConnectionResetError("the server closed the connection mid-response")
        parser.feed_data(data)
    return parser.get_status_code(), b"".join(response.body), parser.should_keep_alive()


@dataclass
class Run:
    """What one load run saw: latencies of 2xx answers (ms), everything else counted by kind."""

    label: str
    offered: float  # requests/s offered (open loop) or achieved (closed loop)
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    timeouts: int = 0
    lag_ms: float = 0.0
    cpu_ms: dict[str, float] = field(default_factory=dict)  # CPU per request, by serving process

    @property
    def sent(self) -> int:
        return len(self.latencies) + sum(self.errors.values()) + self.timeouts

    def p(self, q: float) -> float:
        return percentile(self.latencies, q)

    def failures(self) -> str:
        parts = [f"{n} × {kind}" for kind, n in sorted(self.errors.items())]
        parts += [f"{self.timeouts} timeouts"] if self.timeouts else []
        return ", ".join(parts) or "0"


async def _timed(call: Call, k: int, due: float, timeout: float, run: Run) -> None:
    try:
        async with asyncio.timeout(timeout):
            status = await call(k)
    except TimeoutError:
        run.timeouts += 1
    except Exception as exc:  # noqa: BLE001 - a refused or reset connection is a result, not a crash
        run.errors[type(exc).__name__] += 1
    else:
        if 200 <= status < 300:
            run.latencies.append((time.perf_counter() - due) * 1000)
        else:
            run.errors[str(status)] += 1


async def open_loop(label: str, call: Call, rate: float, seconds: float, timeout: float = 5.0) -> Run:
    """`rate × seconds` requests on a fixed schedule; waits for the last one (each bounded by `timeout`)."""
    run, tasks = Run(label, rate, seconds), []
    begin = time.perf_counter() + 0.05
    for k in range(int(rate * seconds)):
        due = begin + k / rate
        delay = due - time.perf_counter()
        await asyncio.sleep(max(0.0, delay))  # sleep(0) when behind: let answers be read
        run.lag_ms = max(run.lag_ms, (time.perf_counter() - due) * 1000)
        tasks.append(asyncio.create_task(_timed(call, k, due, timeout, run)))
    await asyncio.gather(*tasks)
    return run


async def closed_loop(label: str, call: Call, workers: int, seconds: float, timeout: float = 5.0) -> Run:
    """Saturation: `workers` callers, each sending its next request as soon as the last answered."""
    run, counter = Run(label, 0.0, seconds), iter(range(10**9))
    stop = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < stop:
            await _timed(call, next(counter), time.perf_counter(), timeout, run)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    run.offered = len(run.latencies) / (time.perf_counter() - started)
    return run
