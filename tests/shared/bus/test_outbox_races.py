"""No event lost when creators and the relay are different processes (as two replicas are): the relay sweeps every
few milliseconds, so it reads markers whose aggregates are still being written, by `save` and by `insert_many`."""
import asyncio
import os

import aio_pika
import pytest

from shared.events import EmployerRegistered, Envelope
from shared.runtime import ServiceRuntime
from tests.support.runtime import running, until

pytestmark = pytest.mark.infra

AGGREGATES = int(os.environ.get("CIVIC_OUTBOX_RACE_AGGREGATES", "10000"))
SAVERS = 16
INSERT_MANY_CHUNK = 200


def registered(employer_id: str) -> EmployerRegistered:
    return EmployerRegistered(employer_id=employer_id, name="Unit", uscc="91110108551385082Q",
                              district_code="110108", registered_on="2026-11-20")


async def test_ten_thousand_aggregates_created_beside_a_relay_in_another_runtime_all_reach_the_broker(settings_for, infra):
    creator = ServiceRuntime(settings_for("registry", outbox_relay_enabled=False))
    relay_side = ServiceRuntime(settings_for("registry", outbox_sweep_seconds=0.005))
    employers, relayed = creator.store("employers"), relay_side.store("employers")
    received: set[str] = set()
    async with running(relay_side), await _listener(relay_side, infra.amqp_url, received) as listener:
        ids = await _create(employers, AGGREGATES)
        await until(lambda: len(received) >= len(ids), timeout=600, interval=0.5,
                    what=f"{len(ids)} events at the broker (have {len(received)})")
        await listener.close()
        assert received == ids
        assert await relay_side.relay.pending() == 0, "markers left behind"
        stranded = [doc["_id"] async for doc in relayed.collection.find({"_outbox.0": {"$exists": True}})
                    if any(e["id"] not in received for e in doc["_outbox"])]
        assert stranded == []
    await creator.client.close()


async def _create(store, count: int) -> set[str]:
    """Half one `save` at a time from concurrent tasks, half by `insert_many`; returns every event id written."""
    half = count // 2
    queue = asyncio.Queue()
    for i in range(half):
        queue.put_nowait(f"s{i}")
    ids: set[str] = set()

    async def saver():
        while not queue.empty():
            aggregate_id = queue.get_nowait()
            [envelope] = await store.save(aggregate_id, {"name": "Unit"}, [registered(aggregate_id)], loaded=None)
            ids.add(envelope.id)

    async def inserter():
        for start in range(0, count - half, INSERT_MANY_CHUNK):
            records = [(f"m{i}", {"name": "Unit"}, [registered(f"m{i}")])
                       for i in range(start, min(start + INSERT_MANY_CHUNK, count - half))]
            assert await store.insert_many(records) == set()

    await asyncio.gather(inserter(), *(saver() for _ in range(SAVERS)))
    async for doc in store.collection.find({"_id": {"$regex": "^m"}}, {"_outbox.id": 1}):
        ids.update(e["id"] for e in doc["_outbox"])
    return ids


async def _listener(runtime: ServiceRuntime, operator_url: str, received: set[str]):
    """A queue of the test's own on the events exchange (as the operator), recording every event id it gets."""
    connection = await aio_pika.connect(operator_url)
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=500)
    exchange = await runtime.topology.events_exchange(channel)
    queue = await channel.declare_queue(exclusive=True)
    await queue.bind(exchange, routing_key=EmployerRegistered.type)

    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        received.add(Envelope.model_validate_json(message.body).id)
        await message.ack()

    await queue.consume(on_message)
    return connection
