"""What every fault test checks once the faults are over: queues consumed and empty, nothing parked, outboxes
drained. Read from the broker by passive declaration and from the services' own databases."""
from __future__ import annotations

import aio_pika

from shared.bus.topology import Topology
from shared.events.routing import CONSUMERS, consumers_of
from tests.support.namespace import TEST_DELAYS
from tests.support.runtime import until

CONSUMING_SERVICES = tuple(service for service, events in CONSUMERS.items() if events)


async def queue_counts(amqp_url: str, names: list[str]) -> dict[str, tuple[int, int]]:
    """queue → (ready messages, consumers), by passive declaration."""
    counts = {}
    async with await aio_pika.connect(amqp_url) as connection:
        for name in names:
            channel = await connection.channel()  # a missing queue closes its channel: one each
            declared = (await channel.declare_queue(name, passive=True)).declaration_result
            counts[name] = (declared.message_count, declared.consumer_count)
            await channel.close()
    return counts


async def assert_bus_settled(amqp_url: str, namespace: str, delays=TEST_DELAYS, timeout: float = 60) -> None:
    """A consumer on every service queue, nothing waiting in a main or retry queue, nothing parked."""
    topology = Topology(namespace)
    mains = {topology.queue(s) for s in CONSUMING_SERVICES}
    names = [name for s in CONSUMING_SERVICES
             for name in [topology.queue(s), topology.parked(s)] + [topology.retry(s, d) for d in delays]]

    def unsettled(counts: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        return {q: c for q, c in counts.items() if c[0] != 0 or (q in mains and c[1] < 1)}

    async def settled():
        counts = await queue_counts(amqp_url, names)
        return counts if not unsettled(counts) else None

    try:
        await until(settled, timeout=timeout, interval=0.5, what="every queue drained and consumed")
    except AssertionError:
        counts = await queue_counts(amqp_url, names)
        raise AssertionError(f"queues not settled (ready messages, consumers): {unsettled(counts)}") from None


async def assert_outbox_drained(live, services, timeout: float = 60) -> None:
    """No marker left (a marker is the only record that an event still waits), and every event an aggregate wrote
    reached the inbox of each service that consumes its type."""
    for service in services:
        db = live.db(service)

        async def drained():
            return await db["outbox"].count_documents({}) == 0

        await until(drained, timeout=timeout, interval=0.5, what=f"{service}'s outbox to drain")
        for name in await db.list_collection_names():
            async for doc in db[name].find({"_outbox.0": {"$exists": True}}, {"_outbox": 1}):
                for event in doc["_outbox"]:
                    await _assert_consumed(live, event, f"{service}.{name} {doc['_id']}")


async def _assert_consumed(live, event: dict, where: str) -> None:
    for consumer in consumers_of(event["type"]):
        seen = await live.db(consumer)["inbox"].find_one({"_id": event["id"]}, {"_id": 1})
        assert seen is not None, f"{where}: event {event['id']} ({event['type']}) never reached {consumer}"
