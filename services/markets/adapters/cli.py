"""`civic markets …`: the monthly exit review of the convenience service stations and the overdue-case run as
jobs, started and followed to their end through the HTTP API (gateway or service) with a progress bar
(`shared.jobs.cli`)."""
from __future__ import annotations

import typer

from shared.jobs.cli import API, TOKEN, run_job

app = typer.Typer(help="Markets and convenience service stations: the monthly exit review, the overdue cases.",
                  no_args_is_help=True)


@app.callback()
def main() -> None:
    """Markets and convenience service stations."""


@app.command("exit-review")
def exit_review(month: str = typer.Argument(..., help="the completed month reviewed, yyyy-mm"),
                on: str = typer.Option(None, help="yyyy-mm-dd; left out: today in Beijing"), api: str = API,
                token: str = TOKEN) -> None:
    """Exit every active station with no transaction in the month, or under 20 in each of three months."""
    run_job(api, "markets", "station-exit-review", {"month": month} | ({"on": on} if on else {}), token=token)


@app.command("overdue-cases")
def overdue_cases(on: str = typer.Option(None, help="yyyy-mm-dd; left out: today in Beijing"), api: str = API,
                  token: str = TOKEN) -> None:
    """Open a case for every lifecycle deadline passed without its step (once per deadline)."""
    run_job(api, "markets", "overdue-cases", {"on": on} if on else {}, token=token)
