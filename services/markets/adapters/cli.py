"""`civic markets …`: the monthly exit review of the convenience service stations as a job, started and followed
to its end through the HTTP API (gateway or service) with a progress bar (`shared.jobs.cli`)."""
from __future__ import annotations

import typer

from shared.jobs.cli import API, TOKEN, run_job

app = typer.Typer(help="Markets and convenience service stations: the monthly exit review.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """Markets and convenience service stations."""


@app.command("exit-review")
def exit_review(month: str = typer.Argument(..., help="the completed month reviewed, yyyy-mm"),
                on: str = typer.Option(None, help="yyyy-mm-dd; left out: today in Beijing"), api: str = API,
                token: str = TOKEN) -> None:
    """Exit every active station with no transaction in the month, or under 20 in each of three months."""
    run_job(api, "markets", "station-exit-review", {"month": month} | ({"on": on} if on else {}), token=token)
