"""CPU per forwarded request of the gateway's HTTP client choices, against one raw upstream, in one run.

`python -m bench.forward_client [--requests 4000] [--callers 8] [--append]`

The upstream is a bare asyncio server in a child process that answers every request with the same 700-byte JSON
(so its cost is not counted); each client sends the same GET with the headers a proxied read carries, reads the
body raw and releases the connection, `--callers` at once on keep-alive connections. Measured as this process's
CPU time (user + system) per request; the clients run one after another, twice each, alternating, and the
better run of each is kept. Ratios are against httpx as the gateway used it (`send(stream=True)` + `aiter_raw`).
Tracing is off: this compares the clients, not their instrumentation.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import time

import aiohttp
import httpx
import uvloop
from yarl import URL

from bench.report import append, versions

BODY = b'{"id":"e1","name":"' + b"a" * 680 + b'"}'
ANSWER = (b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\nx-request-id: r1\r\n\r\n"
          % len(BODY)) + BODY
HEADERS = {"authorization": "Bearer " + "x" * 400, "accept": "application/json", "X-Request-ID": "r1",
           "traceparent": f"00-{'1' * 32}-{'2' * 16}-01", "X-Forwarded-For": "127.0.0.1"}
PATH = "/api/v1/registry/employers/e1"


def _serve(listening: socket.socket) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        pending = b""
        while data := await reader.read(65536):
            pending += data
            while b"\r\n\r\n" in pending:  # GETs without a body: one answer per header block
                _, pending = pending.split(b"\r\n\r\n", 1)
                writer.write(ANSWER)
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(answer, sock=listening)
        async with server:
            await server.serve_forever()

    uvloop.run(main())


async def _httpx(url: str, requests: int, callers: int) -> float:
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=1000, max_keepalive_connections=200)) as http:
        async def one() -> None:
            response = await http.send(http.build_request("GET", url, headers=HEADERS), stream=True)
            b"".join([chunk async for chunk in response.aiter_raw()])
            await response.aclose()

        return await _measure(one, requests, callers)


async def _aiohttp(url: str, requests: int, callers: int) -> float:
    connector = aiohttp.TCPConnector(limit=1000, keepalive_timeout=4.0)
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False,
                                     skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding")) as http:
        target = URL(url, encoded=True)

        async def one() -> None:
            response = await http.request("GET", target, headers=HEADERS, allow_redirects=False)
            await response.read()
            response.release()

        return await _measure(one, requests, callers)


async def _measure(one, requests: int, callers: int) -> float:
    async def caller(n: int) -> None:
        for _ in range(n):
            await one()

    await asyncio.gather(*(caller(50) for _ in range(callers)))  # connections open, code paths warm
    started = time.process_time()
    await asyncio.gather(*(caller(requests // callers) for _ in range(callers)))
    return (time.process_time() - started) / (requests // callers * callers)


CLIENTS = {"httpx": _httpx, "aiohttp": _aiohttp}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--callers", type=int, default=8)
    parser.add_argument("--append", action="store_true", help="append the table to docs/benchmarks.md")
    args = parser.parse_args()
    listening = socket.create_server(("127.0.0.1", 0))
    upstream = multiprocessing.get_context("fork").Process(target=_serve, args=(listening,), daemon=True)
    upstream.start()
    url = f"http://127.0.0.1:{listening.getsockname()[1]}{PATH}"
    best: dict[str, float] = {}
    try:
        for _ in range(2):
            for name, run in CLIENTS.items():
                seconds = uvloop.run(run(url, args.requests, args.callers))
                best[name] = min(best.get(name, seconds), seconds)
    finally:
        upstream.terminate()
    rows = [(name, f"{seconds * 1000:.3f}", f"{seconds / best['httpx']:.2f}") for name, seconds in best.items()]
    header = ("client", "CPU ms per request", "÷ httpx")
    print("\n".join(" | ".join(row) for row in [header, *rows]))
    if args.append:
        append("Forwarding client: CPU per proxied request", "python -m bench.forward_client --append", rows, header,
               f"{args.requests} GETs per client, {args.callers} at once, keep-alive, body read raw; upstream a bare "
               f"asyncio server in another process; best of two alternating runs each; "
               f"{versions('httpx', 'httpcore', 'aiohttp', 'uvloop')}.")


if __name__ == "__main__":
    main()
