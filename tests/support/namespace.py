"""A private namespace per test: its own database names, exchange and queues, removed afterwards."""
from __future__ import annotations

import asyncio
import uuid
import warnings

import aio_pika

from shared import mongo
from shared.bus.topology import Topology

TEST_DELAYS = (0.2, 0.5, 1.0)


def new_namespace() -> str:
    return "t" + uuid.uuid4().hex[:10]


async def drop_namespace(namespace: str, mongo_url: str, amqp_url: str, delays=TEST_DELAYS) -> None:
    client = mongo.connect(mongo_url)
    try:
        for name in await client.list_database_names():
            if name.startswith(namespace + "_"):
                await client.drop_database(name)
    finally:
        await client.close()
    topology = Topology(namespace)
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        for queue in topology.queue_names(delays):
            channel = await connection.channel()
            await channel.queue_delete(queue)
            await channel.close()
        channel = await connection.channel()
        for exchange in (topology.exchange, topology.unrouted):
            await channel.exchange_delete(exchange)


async def drop_namespace_quietly(namespace: str, mongo_url: str, amqp_url: str, timeout: float = 60) -> None:
    """`drop_namespace` after a test: bounded (a cleanup stuck on a server must not hold the test until
    pytest-timeout fails it), and a failure only warns (a slow cleanup must not fail the test; names are unique)."""
    try:
        await asyncio.wait_for(drop_namespace(namespace, mongo_url, amqp_url), timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - see the docstring
        warnings.warn(f"could not drop test namespace {namespace}: {exc!r}", stacklevel=2)
