"""`civic registry …`: the yearly lapse of the certificates not inspected, as a job, started and followed to its
end through the HTTP API (gateway or service) with a progress bar (`shared.jobs.cli`)."""
from __future__ import annotations

import typer

from shared.jobs.cli import API, TOKEN, run_job

app = typer.Typer(help="Employer registration: the annual inspection's lapse run.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """Employer registration."""


@app.command()
def lapse(year: int = typer.Argument(..., help="the inspection year"),
          on: str = typer.Option(None, help="yyyy-mm-dd, after the year's deadline; left out: today in Beijing"),
          api: str = API, token: str = TOKEN) -> None:
    """Lapse the certificates of the units not inspected in `year`."""
    run_job(api, "registry", "certificate-lapse", {"year": year} | ({"on": on} if on else {}), token=token)
