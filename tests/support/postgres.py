"""psql, run as deploy/local/start.sh runs it: how tests reach the PostgreSQL under FerretDB (no driver needed)."""
from __future__ import annotations

import shutil
import subprocess
from urllib.parse import urlsplit, urlunsplit

PSQL = shutil.which("psql") or "/usr/bin/psql"


class PsqlError(RuntimeError):
    pass


def psql(url: str, *args: str, script: str | None = None, timeout: float = 120) -> str:
    """Run psql on `url` (stops at the first error) with `args` and/or `script` on stdin; returns its output."""
    command = [PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, *args]
    try:
        done = subprocess.run(command, input=script, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PsqlError(f"psql on {url}: {exc}") from exc
    if done.returncode != 0:
        raise PsqlError(f"psql on {url} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def rows(url: str, sql: str) -> list[list[str]]:
    """The rows of one query, as unaligned text fields."""
    output = psql(url, "-A", "-t", "-F", "\t", "-c", sql)
    return [line.split("\t") for line in output.splitlines() if line]


def reachable(url: str) -> bool:
    try:
        return rows(url, "SELECT 1") == [["1"]]
    except PsqlError:
        return False


def with_database(url: str, database: str) -> str:
    """The same server and user, another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


def literal(text: str) -> str:
    """A SQL string literal (standard_conforming_strings, PostgreSQL's default)."""
    return "'" + text.replace("'", "''") + "'"
