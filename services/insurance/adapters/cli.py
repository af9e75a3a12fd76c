"""`civic insurance …`: the monthly cycle from the command line, through the HTTP API (gateway or service).
The city-wide steps (statements, close, escalation, bases) are jobs: the command starts one and follows it with a
progress bar until it ends (`shared.jobs.cli`).

Mounted by `civic` through the `civic.cli` entry point (pyproject.toml).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import typer

from shared.jobs.cli import API, TOKEN, run_job

app = typer.Typer(help="Contribution collection: the monthly cycle, escalation, bases.", no_args_is_help=True)
cycle = typer.Typer(help="Steps of one month (period yyyy-mm); each takes its date.", no_args_is_help=True)
app.add_typer(cycle, name="cycle")
ON = typer.Option(None, help="yyyy-mm-dd; left out: today in Beijing")


def _call(api: str, token: str | None, method: str, path: str, *, headers: dict[str, str] | None = None,
          **kwargs) -> httpx.Response:
    headers = (headers or {}) | ({"Authorization": f"Bearer {token}"} if token else {})
    response = httpx.request(method, f"{api.rstrip('/')}/api/v1/insurance{path}", timeout=600, headers=headers,
                             **kwargs)
    if response.status_code >= 400:
        typer.echo(response.text, err=True)
        raise typer.Exit(1)
    return response


def _dated(on: str | None, **params) -> dict:
    return params | ({"on": on} if on else {})


@cycle.command()
def statements(period: str, on: str = typer.Option(None, help="yyyy-mm-dd, by the 28th"), api: str = API,
               token: str = TOKEN) -> None:
    """Generate the month's statements (月报): a job, followed to its end."""
    run_job(api, "insurance", "month-statements", _dated(on, month=period), token=token)


@cycle.command("debit-file")
def debit_file(period: str, out: Path = typer.Option(None, help="write the CSV here"),
               on: str = typer.Option(None, help="yyyy-mm-dd: the 1st/2nd, or 4th–20th for re-debits (default: today)"),
               api: str = API, token: str = TOKEN) -> None:
    """The bank's debit file (CSV: employer_id, amount)."""
    text = _call(api, token, "POST", f"/cycles/{period}/debit-file", **({"json": {"on": on}} if on else {})).text
    out.write_text(text, encoding="utf-8") if out else typer.echo(text, nl=False)


@cycle.command("debit-results")
def debit_results(period: str, csv_file: Path,
                  on: str = typer.Option(None, help="yyyy-mm-dd the results are imported (default: today in Beijing)"),
                  batch: str = "first-debit", api: str = API, token: str = TOKEN) -> None:
    """Import the bank's results (CSV: employer_id, amount debited): as JSON rows with their date when `--on` is
    given, else the CSV itself (imported today)."""
    if on is None:
        response = _call(api, token, "POST", f"/cycles/{period}/debit-results", params={"batch": batch},
                         content=csv_file.read_bytes(), headers={"content-type": "text/csv"})
    else:
        rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
        response = _call(api, token, "POST", f"/cycles/{period}/debit-results",
                         json={"on": on, "batch": batch, "rows": rows})
    typer.echo(response.text)


@cycle.command()
def close(period: str, on: str = typer.Option(None, help="from the 21st of the following month"),
          api: str = API, token: str = TOKEN) -> None:
    """Close the month (what has not arrived becomes arrears): a job, followed to its end."""
    run_job(api, "insurance", "month-close", _dated(on, month=period), token=token)


@app.command()
def escalate(on: str = ON, api: str = API, token: str = TOKEN) -> None:
    """Dunning → audit → labour administration for open arrears as of a date: a job, followed to its end."""
    run_job(api, "insurance", "escalations", _dated(on), token=token)


@app.command("generate-bases")
def generate_bases(year: int, on: str = ON, api: str = API, token: str = TOKEN) -> None:
    """Generate the year's wage bases (1–20 April): a job, followed to its end."""
    run_job(api, "insurance", "wage-bases", _dated(on, year=year), token=token)


if __name__ == "__main__":
    app()
