"""Publishing catalog events in a test as their producers do: connected as the producer's own broker user, with
`user_id` set (RabbitMQ checks it against the connection), so consumers accept them (shared/bus/grants.py)."""
from __future__ import annotations

from contextlib import asynccontextmanager

import aio_pika

from shared.bus.grants import producer_of
from shared.bus.publisher import envelope_message
from shared.bus.topology import Topology
from shared.events import Envelope, Event


class Producers:
    def __init__(self, infra, namespace: str) -> None:
        self._infra, self._exchange_name = infra, Topology(namespace).exchange
        self._exchanges: dict[str, aio_pika.abc.AbstractExchange] = {}
        self._connections: list[aio_pika.abc.AbstractConnection] = []

    async def publish(self, event: Event | Envelope, times: int = 1, **extensions) -> Envelope:
        """The same envelope (same id) `times` times: a redelivery, as the broker may do."""
        envelope = event if isinstance(event, Envelope) else Envelope.wrap(
            event, source=f"/civic/{event.producer}", **extensions)
        producer = producer_of(envelope.type)
        exchange = await self._exchange_of(producer)
        for _ in range(times):
            await exchange.publish(envelope_message(envelope, user=producer), routing_key=envelope.type, timeout=10)
        return envelope

    async def _exchange_of(self, producer: str):
        if producer not in self._exchanges:
            connection = await aio_pika.connect(self._infra.amqp_url_for(producer))
            self._connections.append(connection)
            channel = await connection.channel(publisher_confirms=True)
            self._exchanges[producer] = await channel.get_exchange(self._exchange_name, ensure=True)
        return self._exchanges[producer]

    async def close(self) -> None:
        for connection in self._connections:
            await connection.close()


@asynccontextmanager
async def producers(infra, namespace: str):
    """`await bus.publish(event)` as the event's producer; one connection per producer, opened on first use."""
    bus = Producers(infra, namespace)
    try:
        yield bus
    finally:
        await bus.close()
