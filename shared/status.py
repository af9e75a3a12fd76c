"""One status view of every process: up, its outbox, its queue, what is parked, the last event it handled, and
what needs a person. `civic status` builds it from each process's `/health/ready` and the broker; the gateway's
`/health/ready` shows the same view (without gating its own readiness on it: parked events are no reason to take
the gateway out of rotation).

What needs a person (also the alert rules in `deploy/prometheus/alerts.yml`): a process that is not ready; an
outbox marker older than OUTBOX_STUCK_SECONDS; anything parked; a consuming service's queue with no consumer.
"""
from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import httpx
from aio_pika.abc import AbstractRobustConnection

from shared.bus.topology import Topology
from shared.events.routing import CONSUMERS

OUTBOX_STUCK_SECONDS = 60.0


@dataclass(frozen=True)
class QueueStats:
    depth: int  # ready messages in `<ns>.<service>`
    consumers: int
    retrying: int  # messages waiting in its retry queues
    parked: int


async def queue_stats(connection: AbstractRobustConnection, topology: Topology,
                      delays: tuple[float, ...]) -> dict[str, QueueStats | None]:
    """Per consuming service, by passive declarations (no management plugin needed); None: its queue is missing."""
    services = [s for s, events in CONSUMERS.items() if events]
    found = await asyncio.gather(*(_one(connection, topology, s, delays) for s in services))
    return dict(zip(services, found))


async def _one(connection: AbstractRobustConnection, topology: Topology, service: str,
               delays: tuple[float, ...]) -> QueueStats | None:
    channel = await connection.channel()
    try:
        main = await _declared(channel, topology.queue(service))
        parked = await _declared(channel, topology.parked(service))
        retries = [await _declared(channel, topology.retry(service, d)) for d in delays]
    except Exception:  # noqa: BLE001 - a passive declaration of a missing queue closes the channel
        return None
    finally:
        if not channel.is_closed:
            await channel.close()
    return QueueStats(main.message_count, main.consumer_count, sum(r.message_count for r in retries),
                      parked.message_count)


async def _declared(channel, name: str):
    return (await channel.declare_queue(name, passive=True)).declaration_result


async def ready_report(http: httpx.AsyncClient, base: str) -> dict:
    """A process's `/health/ready` body, or why there is none; `up` is whether it answered ready."""
    try:
        response = await http.get(base.rstrip("/") + "/health/ready", timeout=3.0)
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return {"up": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"up": response.status_code == 200, "checks": body.get("checks", {})}


def view(reports: Mapping[str, dict], queues: Mapping[str, QueueStats | None] | None) -> dict:
    """Rows per process and the list of what needs a person. `queues` None: the broker could not be asked."""
    rows = {name: _row(name, report, queues) for name, report in reports.items()}
    attention = [f"{name}: {problem}" for name, row in rows.items() for problem in _problems(name, row)]
    if queues is None:
        attention.append("broker: queue depths unknown (RabbitMQ did not answer)")
    return {"services": rows, "attention": attention}


def _row(name: str, report: dict, queues: Mapping[str, QueueStats | None] | None) -> dict:
    checks = report.get("checks", {})
    outbox = checks.get("outbox", {})
    row = {"up": report.get("up", False), "outbox_pending": outbox.get("outbox_pending"),
           "outbox_oldest_seconds": outbox.get("outbox_oldest_seconds"),
           "last_event": checks.get("broker", {}).get("last_event"),
           "down": sorted(c for c, r in checks.items() if r.get("status") != "up") or None,
           "error": report.get("error")}
    if CONSUMERS.get(name):
        stats = (queues or {}).get(name)
        row |= asdict(stats) if stats else {"queue": "missing" if queues is not None else "unknown"}
    return row


def _problems(name: str, row: dict) -> list[str]:
    problems = []
    if not row["up"]:
        problems.append(f"not ready ({', '.join(row['down'] or []) or row['error'] or 'no answer'})")
    if (row["outbox_oldest_seconds"] or 0) > OUTBOX_STUCK_SECONDS:
        problems.append(f"outbox stuck: oldest pending event is {row['outbox_oldest_seconds']:.0f} s old")
    if row.get("parked"):
        problems.append(f"{row['parked']} parked event(s): civic parked list {name}")
    if "consumers" in row and row["consumers"] == 0:
        problems.append("its queue has no consumer")
    if row.get("queue") == "missing":
        problems.append("its queue does not exist (has the service ever started?)")
    return problems


async def collect(http: httpx.AsyncClient, urls: Mapping[str, str], connection: AbstractRobustConnection | None,
                  topology: Topology, delays: tuple[float, ...]) -> dict:
    """The view, asking every process and the broker at once (`civic status`)."""
    names = list(urls)
    reports = await asyncio.gather(*(ready_report(http, urls[n]) for n in names))
    return view(dict(zip(names, reports)), await queues_or_none(connection, topology, delays))


async def queues_or_none(connection, topology: Topology, delays: tuple[float, ...], timeout: float = 3.0):
    if connection is None or connection.is_closed:
        return None
    try:
        return await asyncio.wait_for(queue_stats(connection, topology, delays), timeout)
    except Exception:  # noqa: BLE001 - broker down or slow: the view says so
        return None


def render(status: dict) -> str:
    lines = [f"{'process':<10} {'up':<4} {'outbox':>6} {'oldest':>7} {'queue':>6} {'cons':>4} {'retry':>5} "
             f"{'parked':>6}  last event handled"]
    for name, row in status["services"].items():
        last = row["last_event"] or {}
        lines.append(
            f"{name:<10} {'yes' if row['up'] else 'NO':<4} {_n(row['outbox_pending']):>6} "
            f"{_seconds(row['outbox_oldest_seconds']):>7} {_n(row.get('depth')):>6} {_n(row.get('consumers')):>4} "
            f"{_n(row.get('retrying')):>5} {_n(row.get('parked')):>6}  "
            f"{(last.get('type', '') + ' at ' + last.get('at', '')[:19]) if last else '-'}")
    lines.append("")
    lines += [f"needs a person: {item}" for item in status["attention"]] or ["all well: nothing needs a person"]
    return "\n".join(lines)


def _n(value) -> str:
    return "-" if value is None else str(value)


def _seconds(value) -> str:
    return "-" if value is None else f"{value:.0f}s"
