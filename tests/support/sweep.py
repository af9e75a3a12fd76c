"""Remove RabbitMQ queues left by test runs that never reached their cleanup (killed, timed out).

Quorum queues hold files open; hundreds of leftovers exhaust the broker's file descriptors. A test namespace
(`t` + 10 hex, `bench` + 8 hex) is stale when none of its queues has a consumer: a live run always has one.
Databases are left alone (an in-process test may use one without any queue).
"""
from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections import defaultdict

import aio_pika

TEST_NAMESPACE = re.compile(r"^(t[0-9a-f]{10}|bench[0-9a-f]{8})\.")


def stale_queues() -> list[str]:
    if shutil.which("rabbitmqctl") is None:
        return []
    listing = subprocess.run(["rabbitmqctl", "list_queues", "name", "consumers", "--quiet", "--no-table-headers"],
                             capture_output=True, text=True, timeout=60).stdout
    by_namespace: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit() and (match := TEST_NAMESPACE.match(parts[0])):
            by_namespace[match.group(1)].append((parts[0], int(parts[1])))
    return [name for queues in by_namespace.values() if not any(c for _, c in queues) for name, _ in queues]


async def _delete(names: list[str], amqp_url: str) -> None:
    """Over one AMQP connection: `rabbitmqctl delete_queue` costs seconds per call, this milliseconds."""
    async with await aio_pika.connect(amqp_url) as connection:
        channel = await connection.channel()
        for name in names:
            await channel.queue_delete(name)


def sweep(amqp_url: str) -> int:
    """Delete stale test queues over `amqp_url` (as the broker's operator)."""
    names = stale_queues()
    if names:
        asyncio.run(_delete(names, amqp_url))
    return len(names)


if __name__ == "__main__":
    from deploy.broker_users import url_for
    from shared.bus.grants import OPERATOR

    print(f"deleted {sweep(url_for('amqp://127.0.0.1:5672/', OPERATOR))} stale test queue(s)")
