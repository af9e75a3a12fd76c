"""Where the time goes in one process: a summary of a pyinstrument session recorded by a benchmark's
`--profile <process>` (`bench.stack` runs that process under `python -m pyinstrument -r pyisession`).

    .venv/bin/python -m bench.profile var/profiles/gateway.pyisession [--top 20]

Prints the CPU share of the recording, self time grouped by package (OpenTelemetry, Starlette/FastAPI, the
Mongo driver, pydantic, our own code, …) and the functions with the most self time. The event loop waiting for
I/O (uvloop's `run_until_complete` in C, seen as `Runner.run` self time) is idle, not work, and is set apart.
"""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from pyinstrument.frame import Frame
from pyinstrument.session import Session

IDLE = {("run", "runners.py"), ("Runner.run", "runners.py"), ("select", "selectors.py"),
        ("_run_once", "base_events.py")}
PACKAGES = ("opentelemetry", "starlette", "fastapi", "pydantic_core", "pydantic", "pymongo", "bson",
            "httpx", "httpcore", "h11", "anyio", "aiohttp", "yarl", "multidict", "uvicorn", "limits", "aio_pika", "aiormq", "pamqp", "jwt",
            "shared", "gateway", "services", "json", "asyncio", "logging", "pythonjsonlogger", "threading")


def package_of(frame: Frame) -> str:
    path = (frame.file_path or "").replace("\\", "/")
    parts = path.split("/")
    for part in reversed(parts[:-1]):
        if part in PACKAGES:
            return part
    name = parts[-1].removesuffix(".py") if parts else "?"
    return name if name in PACKAGES else ("<built-in>" if not path or path.startswith("<") else "other")


def self_times(root: Frame, requests_only: bool = False) -> tuple[Counter, Counter, float]:
    """(self seconds by package, by function, idle seconds); `requests_only`: only under uvicorn's `run_asgi`
    (serving HTTP requests), leaving out start-up imports, the relay, the consumer and other background work."""
    by_package, by_function, idle = Counter(), Counter(), 0.0
    stack: list[tuple[Frame, str, Frame | None, bool]] = [(root, "other", None, not requests_only)]
    while stack:
        frame, parent_package, parent, counted = stack.pop()
        counted = counted or frame.function.endswith("run_asgi")
        own = frame.time - sum(child.time for child in frame.children)
        # "[self]" / "[await]" leaves: time spent in the parent function itself
        owner = parent if frame.is_synthetic and parent is not None else frame
        package = package_of(owner)
        if package in ("<built-in>", "other"):
            package = parent_package  # a C call is charged to the package that made it
        if (owner.function, Path(owner.file_path or "").name) in IDLE:
            idle += own
        elif own > 0 and counted:
            by_package[package] += own
            by_function[f"{owner.function}  {owner.file_path_short or ''}:{owner.line_no or ''}"] += own
        stack.extend((child, package, frame, counted) for child in frame.children)
    return by_package, by_function, idle


def summary(path: Path, top: int = 20) -> str:
    session = Session.load(path)
    root = session.root_frame(trim_stem=False)
    by_package, _, idle = self_times(root)
    busy = sum(by_package.values())
    in_requests, functions, _ = self_times(root, requests_only=True)
    serving = sum(in_requests.values())
    lines = [f"{path.name}: {session.duration:.1f} s recorded, CPU {session.cpu_time:.1f} s; busy {busy:.1f} s "
             f"(serving requests {serving:.1f} s), idle in the event loop {idle:.1f} s", "",
             "all work, self time by package:"]
    lines += [f"  {s / busy:6.1%}  {s:7.2f} s  {name}" for name, s in by_package.most_common(14)]
    lines += ["", "serving requests (under uvicorn's run_asgi; tasks spawned there are not included):"]
    lines += [f"  {s / serving:6.1%}  {s:7.2f} s  {name}" for name, s in in_requests.most_common(12)]
    lines += ["", f"serving requests, top {top} functions by self time:"]
    lines += [f"  {s / serving:6.1%}  {s:7.2f} s  {name}" for name, s in functions.most_common(top)]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sessions", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    print("\n\n".join(summary(p, args.top) for p in args.sessions))
