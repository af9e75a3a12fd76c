"""Publishing with publisher confirms: a publish returns only once the broker has the message durably.

Pitfalls handled here: aio-pika messages are transient unless `delivery_mode=PERSISTENT`; an unroutable
`mandatory` message is only *returned* unless the channel sets `on_return_raises=True`; and `publish` can wait
forever during an outage unless it has a `timeout` — and even with one: a robust channel waits for its reconnect
before it sends anything (aio-pika #636), outside that timeout. So every send is also bounded by `asyncio.timeout`,
and a channel that did not come back with its connection (its restore failed: "No active transport in channel")
is replaced, instead of leaving the outbox relay waiting on it for good.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractRobustConnection

from shared import metrics
from shared.bus.topology import Topology
from shared.events.base import Envelope

CLOUDEVENTS_JSON = "application/cloudevents+json"
log = logging.getLogger(__name__)


class Publisher:
    def __init__(self, topology: Topology, *, user: str, timeout: float) -> None:
        self._topology = topology
        self.user = user
        """The connection's broker user: every message carries it as `user_id`, which RabbitMQ checks."""
        self._timeout = timeout
        self._channel: AbstractChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._connection: AbstractRobustConnection | None = None

    async def start(self, connection: AbstractRobustConnection) -> None:
        self._connection = connection
        self._channel = await connection.channel(publisher_confirms=True, on_return_raises=True)
        self._exchange = await self._topology.events_exchange(self._channel)

    async def publish(self, envelope: Envelope) -> None:
        """To the topic exchange, routed by event type; raises if the broker did not confirm in time."""
        message = envelope_message(envelope, user=self.user)
        with metrics.timed(metrics.broker_duration, messaging_operation_name="publish",
                           messaging_destination_name=self._exchange.name):
            await self._bounded(self._exchange.publish(message, routing_key=envelope.type, mandatory=True,
                                                       timeout=self._timeout))

    async def send_to_queue(self, queue: str, body: bytes, headers: Mapping[str, object], *, like: Message) -> None:
        """Straight to one queue through the default exchange (retries, parking, replays)."""
        message = Message(
            body=body, headers=dict(headers), content_type=like.content_type, message_id=like.message_id,
            type=like.type, correlation_id=like.correlation_id, delivery_mode=DeliveryMode.PERSISTENT,
            user_id=self.user,
        )
        with metrics.timed(metrics.broker_duration, messaging_operation_name="send", messaging_destination_name=queue):
            await self._bounded(self._channel.default_exchange.publish(message, routing_key=queue, mandatory=True,
                                                                       timeout=self._timeout))

    async def _bounded(self, send) -> None:
        try:
            async with asyncio.timeout(self._timeout):
                await send
        except Exception:
            await self._replace_dead_channel()
            raise

    async def _replace_dead_channel(self) -> None:
        """A new channel when the connection is back but this channel is not (the caller retries the send)."""
        connection = self._connection
        if connection is None or connection.is_closed or (self._channel is not None and not self._channel.is_closed):
            return
        try:
            async with asyncio.timeout(self._timeout):
                await self.start(connection)
            log.warning("the publishing channel did not come back with its connection; opened a new one")
        except Exception as exc:  # noqa: BLE001 - still down: the next failed send tries again
            log.info("no new publishing channel yet: %r", exc)

    @property
    def ready(self) -> bool:
        return self._channel is not None and not self._channel.is_closed


def envelope_message(envelope: Envelope, *, user: str) -> Message:
    return Message(
        user_id=user,
        body=envelope.to_json_bytes(),
        content_type=CLOUDEVENTS_JSON,
        message_id=envelope.id,
        type=envelope.type,
        correlation_id=envelope.correlationid,
        timestamp=envelope.time,
        headers={},  # the tracing instrumentation injects traceparent here
        delivery_mode=DeliveryMode.PERSISTENT,
    )
