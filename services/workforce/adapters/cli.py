"""`civic workforce …`: the street office's scheduled runs as jobs, started and followed to their end through the
HTTP API (gateway or service) with a progress bar (`shared.jobs.cli`)."""
from __future__ import annotations

import typer

from shared.jobs.cli import API, TOKEN, run_job

app = typer.Typer(help="Community workers: the monthly payroll and the daily separation watch.", no_args_is_help=True)


@app.command()
def payroll(month: str = typer.Argument(..., help="yyyy-mm"), api: str = API, token: str = TOKEN) -> None:
    """The month's payroll for every worker in service (once a month)."""
    run_job(api, "workforce", "payroll", {"month": month}, token=token)


@app.command("separation-watch")
def separation_watch(on: str = typer.Option(None, help="yyyy-mm-dd; left out: today in Beijing"), api: str = API,
                     token: str = TOKEN) -> None:
    """Retirements at 60/55 and elected terms that ended, as of a day."""
    run_job(api, "workforce", "separation-watch", {"on": on} if on else {}, token=token)
