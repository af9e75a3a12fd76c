"""A test's own window on the namespace's exchange: publish raw envelopes (as insurance would), watch events."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import aio_pika

from shared.bus.topology import Topology
from shared.events import Envelope, Event
from tests.support.bus import Producers, producers


class Bus:
    def __init__(self, producers: Producers, watch) -> None:
        self._producers = producers
        self._watch = watch
        self.seen: list[Envelope] = []

    async def publish(self, event: Event, times: int = 1, **extensions) -> Envelope:
        """The same envelope (same id) `times` times, as the event's producer: a redelivery, as the broker may do."""
        return await self._producers.publish(event, times, **extensions)

    async def drain(self) -> list[Envelope]:
        while (message := await self._watch.get(no_ack=True, fail=False)) is not None:
            self.seen.append(Envelope.model_validate_json(message.body))
        return self.seen

    async def wait_for(self, event_type: str, count: int = 1, timeout: float = 15.0) -> list[Envelope]:
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            found = [e for e in await self.drain() if e.type == event_type]
            if len(found) >= count or asyncio.get_running_loop().time() > deadline:
                return found
            await asyncio.sleep(0.1)


@asynccontextmanager
async def bus_of(namespace: str, infra, watched: tuple[str, ...]):
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection, producers(infra, namespace) as publishing:
        channel = await connection.channel(publisher_confirms=True)
        exchange = await channel.get_exchange(Topology(namespace).exchange, ensure=True)
        watch = await channel.declare_queue(exclusive=True)
        for key in watched:
            await watch.bind(exchange, key)
        yield Bus(publishing, watch)
