"""The CLI side of a job: POST it, then poll it with a progress bar until it ends, and print its result (or its
problem, with exit code 1). Used by the services' `adapters/cli.py` (`civic insurance cycle statements …`)."""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

API = typer.Option("http://127.0.0.1:8000", envvar="CIVIC_API", help="gateway (or the service) URL")
TOKEN = typer.Option(None, envvar="CIVIC_TOKEN", help="bearer token (a sign-in at the gateway's /auth/token)")
POLL_SECONDS = 0.5
FINISHED = ("succeeded", "failed")


def run_job(api: str, service: str, kind: str, params: dict[str, Any], *, token: str | None = None,
            client: httpx.Client | None = None, sleep: Callable[[float], None] = time.sleep) -> dict[str, Any]:
    """Start `kind` with `params` and follow it to its end; its result is printed as JSON. Exits 1 on a refusal
    or a failed job, printing the problem."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = client or httpx.Client(base_url=api.rstrip("/"), headers=headers, timeout=30)
    try:
        started = http.post(f"/api/v1/{service}/jobs/{kind}", json=params)
        if started.status_code != 202:
            _fail(started.text)
        job = _follow(http, started.headers["location"], started.json(), sleep)
    finally:
        if client is None:
            http.close()
    if job["status"] == "failed":
        _fail(json.dumps(job["error"], ensure_ascii=False, indent=2))
    typer.echo(json.dumps(job["result"], ensure_ascii=False, indent=2))
    return job


def _follow(http: httpx.Client, location: str, job: dict[str, Any], sleep: Callable[[float], None]) -> dict:
    console = Console(stderr=True)
    columns = (TextColumn(f"{job['kind']} {{task.fields[status]}}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(job["kind"], total=None, status=job["status"])
        while job["status"] not in FINISHED:
            sleep(POLL_SECONDS)
            answer = http.get(location)
            if answer.status_code != 200:
                _fail(answer.text)
            job = answer.json()
            bar.update(task, total=job["progress"]["total_count"], completed=job["progress"]["done_count"],
                       status=job["status"])
    console.print(f"job {job['job_id']} {job['status']} after {job['attempts']} attempt(s)")
    return job


def _fail(text: str) -> None:
    typer.echo(text, err=True)
    raise typer.Exit(1)
