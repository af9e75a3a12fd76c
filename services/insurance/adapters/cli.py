"""`civic insurance …`: the monthly cycle from the command line, through the HTTP API (gateway or service).

Mount it in `shared/cli/main.py` with `app.add_typer(insurance_cli.app, name="insurance")`.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import typer

app = typer.Typer(help="Contribution collection: the monthly cycle, escalation, bases.", no_args_is_help=True)
cycle = typer.Typer(help="Steps of one month (period yyyy-mm); each takes its date.", no_args_is_help=True)
app.add_typer(cycle, name="cycle")

API = typer.Option("http://127.0.0.1:8000", envvar="CIVIC_API", help="gateway (or insurance service) URL")


def _call(api: str, method: str, path: str, **kwargs) -> httpx.Response:
    response = httpx.request(method, f"{api.rstrip('/')}/api/v1/insurance{path}", timeout=600, **kwargs)
    if response.status_code >= 400:
        typer.echo(response.text, err=True)
        raise typer.Exit(1)
    return response


@cycle.command()
def statements(period: str, on: str = typer.Option(..., help="yyyy-mm-dd, by the 28th"), api: str = API) -> None:
    """Generate the month's statements (月报)."""
    typer.echo(_call(api, "POST", f"/cycles/{period}/statements", json={"on": on}).text)


@cycle.command("debit-file")
def debit_file(period: str, out: Path = typer.Option(None, help="write the CSV here"), api: str = API) -> None:
    """The bank's debit file (CSV: employer_id, amount)."""
    text = _call(api, "POST", f"/cycles/{period}/debit-file").text
    out.write_text(text, encoding="utf-8") if out else typer.echo(text, nl=False)


@cycle.command("debit-results")
def debit_results(period: str, csv_file: Path,
                  on: str = typer.Option(None, help="yyyy-mm-dd the results are imported (default: today in Beijing)"),
                  batch: str = "first-debit", api: str = API) -> None:
    """Import the bank's results (CSV: employer_id, amount debited): as JSON rows with their date when `--on` is
    given, else the CSV itself (imported today)."""
    if on is None:
        response = _call(api, "POST", f"/cycles/{period}/debit-results", params={"batch": batch},
                         content=csv_file.read_bytes(), headers={"content-type": "text/csv"})
    else:
        rows = list(csv.DictReader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"))))
        response = _call(api, "POST", f"/cycles/{period}/debit-results",
                         json={"on": on, "batch": batch, "rows": rows})
    typer.echo(response.text)


@cycle.command()
def close(period: str, on: str = typer.Option(..., help="from the 21st of the following month"),
          api: str = API) -> None:
    """Close the month: what has not arrived becomes arrears."""
    typer.echo(_call(api, "POST", f"/cycles/{period}/close", json={"on": on}).text)


@app.command()
def escalate(on: str = typer.Option(..., help="as-of date yyyy-mm-dd"), api: str = API) -> None:
    """Dunning → audit → labour administration for open arrears as of a date."""
    typer.echo(_call(api, "POST", "/escalations/run", json={"on": on}).text)


@app.command("generate-bases")
def generate_bases(year: int, on: str = typer.Option(...), api: str = API) -> None:
    """Generate the year's wage bases (1–20 April)."""
    typer.echo(_call(api, "POST", f"/bases/{year}/generate", json={"on": on}).text)


if __name__ == "__main__":
    app()
