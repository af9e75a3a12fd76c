"""Gateway → service → FerretDB read (`GET /api/v1/registry/employers/{id}`) under open-loop load, beside four
baselines measured in the same run with the same client: a bare FastAPI endpoint served by uvicorn the way every
process is served (`shared.runtime.serve`) returning the same employer JSON, the direct call to registry, a plain
reverse proxy (Debian's nginx, `bench.nginx_proxy`) in front of the same registry — the anchor for what proxying
alone costs — and the floor of a Python proxy: one bare FastAPI route that forwards to registry with aiohttp, the
gateway's client, and does nothing else (no token, limits, breaker, audit or tracing). Each run records the CPU per
request of every process on its path; the summary compares the gateway's overhead (gateway path − direct path) with
nginx's, and the floor's with both.

    .venv/bin/python -m bench.gateway_read [--rates 100 200 500] [--seconds 10] [--workers 32] [--append]
    .venv/bin/python -m bench.gateway_read --rates 100 --seconds 10 --profile gateway registry   # where time goes

Open loop (`bench.load`): requests on a fixed schedule, latency from the scheduled time, errors and timeouts
counted. Saturation is a closed loop: `--workers` callers back to back for `--seconds`, requests/s answered 2xx.
Rates are interleaved across the targets so that drift on a shared machine hits all of them alike.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time

from bench import nginx_proxy, report, stack
from bench.load import HttpClient, Run, closed_loop, open_loop
from tests.e2e.flows import new_uscc

PATH = "/api/v1/registry/employers/{}"
BARE_BODY = "BENCH_BARE_BODY"
BARE_UPSTREAM = "BENCH_BARE_UPSTREAM"


def bare_app():
    """The baseline: one FastAPI route returning a stored employer's JSON (a dict, serialised by FastAPI)."""
    from fastapi import FastAPI

    app, body = FastAPI(), json.loads(os.environ[BARE_BODY])

    @app.get("/api/v1/registry/employers/{employer_id}")
    async def employer(employer_id: str) -> dict:
        return body

    return app


def bare_proxy_app():
    """The floor of a Python gateway: one FastAPI route forwarding the read to registry over aiohttp's keep-alive
    pool and answering with registry's body — what any FastAPI proxy pays before its first feature."""
    import aiohttp
    from fastapi import FastAPI, Response

    app, upstream, pool = FastAPI(), os.environ[BARE_UPSTREAM], []

    @app.get("/api/v1/registry/employers/{employer_id}")
    async def employer(employer_id: str) -> Response:
        if not pool:  # aiohttp binds a session to the running loop
            pool.append(aiohttp.ClientSession(auto_decompress=False))
        async with pool[0].get(f"{upstream}/api/v1/registry/employers/{employer_id}") as answer:
            return Response(await answer.read(), status_code=answer.status, media_type="application/json")

    return app


def serve(app_name: str, port: int) -> None:
    """As `shared.runtime.serve` serves every process: the heap settled, then uvicorn."""
    import uvicorn

    from shared.heap import settle_the_heap

    app = {"bare": bare_app, "bare-proxy": bare_proxy_app}[app_name]()
    settle_the_heap()
    uvicorn.run(app, host="127.0.0.1", port=port, log_config=None, access_log=False)


def start_baseline(app_name: str, port: int, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bench.gateway_read", "--serve", app_name, str(port)],
                            env=os.environ | env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


async def seed(registry: HttpClient, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        body = json.dumps({"name": "海淀区基准测试科技有限公司", "uscc": new_uscc(), "district_code": "110108"})
        status, answer = await registry.request("POST", "/api/v1/registry/employers", body.encode(),
                                                {"content-type": "application/json"})
        assert status == 201, answer
        ids.append(json.loads(answer)["id"])
    return ids


async def until_up(client: HttpClient, path: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if await client.get(path) == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answers 200 on {client.host}:{client.port}{path}")
        await asyncio.sleep(0.2)


def reader(client: HttpClient, ids: list[str]):
    async def call(k: int) -> int:
        return await client.get(PATH.format(ids[k % len(ids)]))

    return call


async def measure(targets: dict[str, HttpClient], pids: dict[str, dict[str, int]], ids: list[str],
                  args) -> tuple[dict, dict]:
    """(open-loop runs by (target, rate), saturation runs by target); each run notes the CPU ms per request
    of the processes that served it."""
    fixed, saturation = {}, {}
    for name, client in targets.items():  # warm-up: connections opened, first reads cached
        await open_loop(name, reader(client, ids), 50, 1, args.timeout)
    for rate in args.rates:
        for name, client in targets.items():
            run = fixed[name, rate] = await _costed(pids[name], open_loop(
                name, reader(client, ids), rate, args.seconds, args.timeout))
            print(_line(run), flush=True)
            await settle(client, ids)
    for name, client in targets.items():
        run = saturation[name] = await _costed(pids[name], closed_loop(
            name, reader(client, ids), args.workers, args.seconds, args.timeout))
        print(_line(run, saturation=True), flush=True)
        await settle(client, ids)
    return fixed, saturation


async def _costed(pids: dict[str, int], load) -> Run:
    before = {name: stack.cpu_seconds(pid) for name, pid in pids.items()}
    run = await load
    answered = max(1, run.sent)
    run.cpu_ms = {name: (stack.cpu_seconds(pid) - before[name]) * 1000 / answered for name, pid in pids.items()}
    return run


async def settle(client: HttpClient, ids: list[str], seconds: float = 60) -> None:
    """After an overload, wait until the target answers a read within 100 ms again (its backlog drained), so
    one run's leftovers do not land on the next."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        with contextlib.suppress(OSError, TimeoutError):
            async with asyncio.timeout(5):
                await client.get(PATH.format(ids[0]))
        if time.perf_counter() - started < 0.1:
            return
        await asyncio.sleep(0.5)


def _line(run: Run, saturation: bool = False) -> str:
    what = f"closed ×{len(run.latencies)}" if saturation else "open loop"
    return (f"{run.label:<8} {what:<14} {run.offered:7.0f}/s  p50 {run.p(50):8.1f} ms  p99 {run.p(99):8.1f} ms  "
            f"failed {run.failures()}  generator lag {run.lag_ms:.0f} ms  CPU/request {_cpu(run)}")


def _cpu(run: Run) -> str:
    return " + ".join(f"{name} {ms:.1f} ms" for name, ms in run.cpu_ms.items())


TARGETS = ("bare", "direct", "nginx", "floor", "gateway")


def rows(fixed: dict, saturation: dict, rates: list[float]) -> list[tuple[str, ...]]:
    out = []
    for rate in rates:
        bare, direct = fixed["bare", rate], fixed["direct", rate]
        for run in (fixed[n, rate] for n in TARGETS):
            out.append((run.label, f"{rate:g}", f"{run.p(50):.1f}", f"{run.p(99):.1f}",
                        f"{run.p(50) / bare.p(50):.2f} / {run.p(99) / bare.p(99):.2f}",
                        f"{run.p(50) / direct.p(50):.2f} / {run.p(99) / direct.p(99):.2f}", run.failures(),
                        _cpu(run)))
    bare, direct = saturation["bare"], saturation["direct"]
    for run in (saturation[n] for n in TARGETS):
        out.append((run.label, f"saturation: {run.offered:,.0f}/s", f"{run.p(50):.1f}", f"{run.p(99):.1f}",
                    f"{run.offered / bare.offered:.2f} (throughput)",
                    f"{run.offered / direct.offered:.2f} (throughput)",
                    run.failures(), _cpu(run)))
    return out


def overheads(fixed: dict, saturation: dict, rates: list[float]) -> list[str]:
    """Per run: what each proxy adds, in CPU per request — its own process's CPU, and its whole path's CPU minus the
    direct path's (registry's own cost shifts a little with how its connections are reused, so the difference can
    come out near zero for nginx) — as a multiple of nginx's (issue 24's target for the gateway: ≤ 4); and the
    gateway's own CPU over the floor's: what its features (limits, breaker, guard, audit, metrics, tracing) cost."""
    lines = []
    for label, runs in [(f"{rate:g}/s", {n: fixed[n, rate] for n in TARGETS}) for rate in rates] + [
            ("saturation", saturation)]:
        own = {name: runs[name].cpu_ms[name] for name in ("gateway", "floor", "nginx")}
        direct = _path_cpu(runs["direct"])
        added = {name: _path_cpu(runs[name]) - direct for name in ("gateway", "floor", "nginx")}
        lines.append(f"{label}: own process gateway {own['gateway']:.2f} ms, floor {own['floor']:.2f} ms ÷ nginx "
                     f"{own['nginx']:.2f} ms = {_ratio(own['gateway'], own['nginx'])}, "
                     f"{_ratio(own['floor'], own['nginx'])}; path − direct gateway {added['gateway']:.2f} ms, floor "
                     f"{added['floor']:.2f} ms ÷ nginx {added['nginx']:.2f} ms = "
                     f"{_ratio(added['gateway'], added['nginx'])}, {_ratio(added['floor'], added['nginx'])}; "
                     f"gateway ÷ floor (own process) {own['gateway'] / own['floor']:.1f}")
    return lines


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b > 0.005 else "n/a (nginx adds nothing measurable)"


def _path_cpu(run: Run) -> float:
    return sum(run.cpu_ms.values())


async def main(args) -> None:
    ports = stack.supervisor.free_ports(["bare", "floor", "nginx"])
    async with stack.live(frozenset(args.profile)) as live:
        registry = HttpClient("127.0.0.1", live.port("registry"))
        ids = await seed(registry, args.employers)
        _, body = await registry.request("GET", PATH.format(ids[0]))
        baselines = {"bare": start_baseline("bare", ports["bare"], **{BARE_BODY: body.decode()}),
                     "floor": start_baseline("bare-proxy", ports["floor"],
                                             **{BARE_UPSTREAM: f"http://127.0.0.1:{live.port('registry')}"})}
        try:
            with nginx_proxy.proxy(ports["nginx"], live.port("registry")) as nginx:
                targets = {"bare": HttpClient("127.0.0.1", ports["bare"]), "direct": registry,
                           "nginx": HttpClient("127.0.0.1", ports["nginx"]),
                           "floor": HttpClient("127.0.0.1", ports["floor"]),
                           "gateway": HttpClient("127.0.0.1", live.port("gateway"))}
                for name in ("bare", "nginx", "floor"):
                    await until_up(targets[name], PATH.format(ids[0]))
                registry_pid = live.pid("registry")
                pids = {"bare": {"bare": baselines["bare"].pid}, "direct": {"registry": registry_pid},
                        "nginx": {"nginx": nginx.pid, "registry": registry_pid},
                        "floor": {"floor": baselines["floor"].pid, "registry": registry_pid},
                        "gateway": {"gateway": live.pid("gateway"), "registry": registry_pid}}
                fixed, saturation = await measure(targets, pids, ids, args)
        finally:
            for proc in baselines.values():
                proc.terminate()
                proc.wait(10)
    table = rows(fixed, saturation, args.rates)
    summary = overheads(fixed, saturation, args.rates)
    print("\n".join(summary))
    header = ("target", "offered req/s", "p50 ms", "p99 ms", "÷ bare (p50 / p99)", "÷ direct (p50 / p99)", "failed",
              "CPU per request")
    for row in table:
        print(" | ".join(row))
    if args.append:
        report.append("Gateway → registry → FerretDB read", _command(args), table, header,
                      notes=_notes(args) + "\n\nProxy overhead (CPU per request over the direct path): "
                      + "; ".join(summary) + ".")


def _command(args) -> str:
    return (f"python -m bench.gateway_read --rates {' '.join(f'{r:g}' for r in args.rates)} --seconds "
            f"{args.seconds:g} --workers {args.workers} --employers {args.employers}"
            f"{stack.profile_option(args.profile)} --append")


def _notes(args) -> str:
    profiled = (f"{' and '.join(args.profile)} ran under pyinstrument, which slows them: these figures locate "
                "costs, they are not the platform's speed. ") if args.profile else ""
    return (profiled + f"Open loop, {args.seconds:g} s per rate, latency from each request's scheduled time, timeout "
            f"{args.timeout:g} s; saturation = closed loop, {args.workers} callers back to back. bare = one FastAPI "
            "route returning the same employer JSON; direct = registry's own port; nginx = Debian's "
            f"{nginx_proxy.version()} (one process, keep-alive upstream) in front of the same registry; floor = one "
            "FastAPI route forwarding to registry with aiohttp and nothing else; gateway = through the gateway "
            "(rate limiter, breaker, proxy, request guard, audit, metrics, tracing; no token is sent, "
            "`CIVIC_AUTH_REQUIRED=false` as in every bench stack). "
            + report.versions("fastapi", "uvicorn", "httptools", "aiohttp", "pymongo")
            + "; " + report.engine() + ".")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", nargs=2, metavar=("APP", "PORT"), help=argparse.SUPPRESS)
    parser.add_argument("--rates", type=float, nargs="+", default=[100, 200, 500])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--employers", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--profile", nargs="*", default=[], choices=["gateway", "registry"])
    parser.add_argument("--append", action="store_true", help="append the table to docs/benchmarks.md")
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.serve[0], int(arguments.serve[1]))
    else:
        asyncio.run(main(arguments))
