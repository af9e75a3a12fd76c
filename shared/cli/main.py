"""`civic status` — what needs a person; `civic trace <id>` — what happened to a request;
`civic parked list|replay <service>` — failed events; `civic audit verify` — the audit chains."""
from __future__ import annotations

import asyncio
import json
from importlib.metadata import entry_points
from pathlib import Path

import httpx
import typer

from shared import status as status_view
from shared.bus import parked as parked_ops
from shared.bus.connection import connect
from shared.bus.topology import Topology
from shared.cli.audit import audit_app
from shared.config import load_settings
from shared.tracefile import build_tree, read_spans, render

app = typer.Typer(help="Civic Mesh operations.", no_args_is_help=True)
parked_app = typer.Typer(help="Messages a service gave up on after its retries.", no_args_is_help=True)
app.add_typer(parked_app, name="parked")
app.add_typer(audit_app, name="audit")  # shared code, mounted here: no entry point, no service import


def _mount_service_commands() -> None:
    """Services contribute sub-commands through the `civic.cli` entry-point group (pyproject.toml), so this
    module imports no service."""
    for entry in entry_points(group="civic.cli"):
        app.add_typer(entry.load(), name=entry.name)


@app.command()
def trace(trace_id: str, traces_dir: Path = typer.Option(None, help="default: $CIVIC_VAR_DIR/traces")) -> None:
    """Print the span tree of one trace: service, operation, duration, status."""
    directory = traces_dir or load_settings("cli").traces_dir
    spans = read_spans(directory, trace_id.lower())
    if not spans:
        typer.echo(f"no spans of trace {trace_id} under {directory}", err=True)
        raise typer.Exit(1)
    roots = build_tree(spans)
    typer.echo(render(roots))
    if len(roots) > 1:
        typer.echo(f"warning: {len(roots)} roots — a parent span is missing from {directory}", err=True)


@app.command()
def status(as_json: bool = typer.Option(False, "--json", help="the view as JSON")) -> None:
    """Every process: up, outbox pending and oldest, its queue (depth, consumers, retrying, parked), the last event
    it handled. Exit code 1 when something needs a person."""
    settings = load_settings("cli")
    view = asyncio.run(_status(settings))
    typer.echo(json.dumps(view, indent=2, ensure_ascii=False) if as_json else status_view.render(view))
    if view["attention"]:
        raise typer.Exit(1)


async def _status(settings) -> dict:
    urls = {"gateway": settings.gateway_url} | settings.upstream_urls()
    try:
        connection = await asyncio.wait_for(connect(settings.amqp_url, name="civic-cli"), 5)
    except Exception:  # noqa: BLE001 - broker down: the view says the queues are unknown
        connection = None
    try:
        async with httpx.AsyncClient() as http:
            return await status_view.collect(http, urls, connection, Topology(settings.namespace),
                                             settings.retry_delays)
    finally:
        if connection is not None:
            await connection.close()


@parked_app.command("list")
def parked_list(service: str) -> None:
    """Show parked messages (left in place): event id, type, attempts, error."""
    messages = asyncio.run(parked_ops.list_parked(load_settings("cli"), service))
    for m in messages:
        typer.echo(f"{m.event_id}  {m.event_type:<40} attempts={m.attempts}  {m.parked_at}  {m.error}")
    typer.echo(f"{len(messages)} parked message(s) in {service}")


@parked_app.command("replay")
def parked_replay(service: str) -> None:
    """Send every parked message back to the service's queue, attempt count reset."""
    count = asyncio.run(parked_ops.replay_parked(load_settings("cli"), service))
    typer.echo(f"replayed {count} message(s) to {service}")


_mount_service_commands()

if __name__ == "__main__":
    app()
