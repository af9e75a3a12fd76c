"""Shared by the benchmarks: the machine line, percentiles, and appending a result table to docs/benchmarks.md."""
from __future__ import annotations

import os
import platform
import subprocess
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def machine() -> str:
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    return f"{platform.node()} · {os.cpu_count()} cores · {memory} RAM · Python {platform.python_version()}"


def versions(*packages: str) -> str:
    return ", ".join(f"{p} {version(p)}" for p in packages)


def engine() -> str:
    """The database engine the benches ran on: FerretDB and the PostgreSQL under it, as they report themselves."""
    from tests.support.infra import postgres_url
    from tests.support.postgres import PsqlError, rows

    try:
        postgres = "PostgreSQL " + rows(postgres_url(), "SHOW server_version")[0][0].split()[0]
    except PsqlError:
        postgres = "an unknown backend"
    return f"FerretDB v1.24.2 on {postgres}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))] if ordered else float("nan")


def append(title: str, command: str, rows: list[tuple[str, ...]], header: tuple[str, ...], notes: str = "") -> None:
    lines = [f"\n## {title} — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine()}  ", f"Command: `{command}`", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if notes:
        lines += ["", notes]
    DOC.parent.mkdir(exist_ok=True)
    if not DOC.exists():
        DOC.write_text("# Benchmarks\n\nEvery figure beside a raw baseline measured in the same run, on the machine named.\n")
    with DOC.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
