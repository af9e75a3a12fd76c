"""Consuming a service's queue: idempotent (inbox), ack only after the handler's write succeeded.

A failing handler is not acked away: its message is copied to the next retry queue (1 s, 10 s, 60 s by
default), and only once that copy is confirmed is the original acked. After the last retry it is parked in
`<service>.parked` with its error and attempt count, where `civic parked list|replay` finds it.

An event is handled only when its producer's broker user published it (shared/bus/grants.py): RabbitMQ vouches
for `user_id`, and a copy this service moved itself (a retry) or the operator replayed carries the first
publisher in `x-civic-published-by`, which only those two users' copies are believed for. Anything else is parked
at once, with the reason.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timezone

from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue, AbstractRobustConnection
from pydantic import ValidationError

from shared import context, metrics
from shared.bus.grants import OPERATOR, producer_of
from shared.bus.publisher import Publisher
from shared.bus.topology import Topology
from shared.concurrency import KeyedLock
from shared.events.base import Envelope
from shared.inbox import Inbox
from shared.telemetry import tracer

log = logging.getLogger(__name__)

Handler = Callable[[Envelope], Awaitable[None]]
ATTEMPT = "x-civic-attempt"
ERROR = "x-civic-error"
PUBLISHED_BY = "x-civic-published-by"


class Consumer:
    def __init__(
        self, topology: Topology, service: str, *,
        handlers: Mapping[str, Handler], inbox: Inbox, publisher: Publisher,
        retry_delays: tuple[float, ...], prefetch: int, hold_ack_seconds: float = 0.0,
    ) -> None:
        self._topology, self._service = topology, service
        self._connection: AbstractRobustConnection | None = None
        self._handlers, self._inbox, self._publisher = handlers, inbox, publisher
        self._delays, self._prefetch = retry_delays, prefetch
        self._channel: AbstractChannel | None = None
        self._queue: AbstractQueue | None = None
        self._tag: str | None = None
        self._in_flight = KeyedLock()
        self._hold_ack = hold_ack_seconds  # fault tests only: widens the write → ack window (config docstring)
        self._missing_checks = 0
        self.last_handled: dict | None = None
        """The last event this process handled: type, id and when (`civic status`)."""
        metrics.consumer_prefetch.set(prefetch)

    async def start(self, connection: AbstractRobustConnection) -> None:
        self._connection = connection
        self._channel = await connection.channel()
        await self._channel.set_qos(prefetch_count=self._prefetch)
        self._queue = await self._topology.declare_service_queue(self._channel, self._service)
        await self._topology.declare_retry_queues(self._channel, self._service, self._delays)
        self._tag = await self._queue.consume(self._on_message)

    async def stop(self) -> None:
        if self._queue is not None and self._tag is not None and not self._channel.is_closed:
            await self._queue.cancel(self._tag)
        self._tag = None

    @property
    def consuming(self) -> bool:
        return self._tag is not None and self._channel is not None and not self._channel.is_closed

    async def _on_message(self, message: AbstractIncomingMessage) -> None:
        metrics.consumer_in_flight.inc()
        try:
            await self._settle(message)
        finally:
            metrics.consumer_in_flight.dec()

    async def _settle(self, message: AbstractIncomingMessage) -> None:
        attempt = int((message.headers or {}).get(ATTEMPT, 0))
        try:
            envelope = Envelope.model_validate_json(message.body)
        except ValidationError as exc:
            await self._settle_failure(message, attempt, f"not a valid event envelope: {exc}", park_now=True,
                                       event_type="invalid")
            return
        if refusal := self._unauthentic(message, envelope):
            log.warning("event refused", extra={"event_id": envelope.id, "event_type": envelope.type,
                                                "error": refusal})
            await self._settle_failure(message, attempt, refusal, park_now=True, event_type=envelope.type)
            return
        async with self._in_flight.hold(envelope.id):  # concurrent copies of one event: one at a time
            try:
                # The inbox read is inside the try: with the database down it raises too, and an exception
                # escaping this callback would leave the message unacked on the channel, stuck until a reconnect.
                if await self._inbox.seen(envelope.id):
                    metrics.events_duplicate.labels(envelope.type).inc()
                else:
                    with metrics.timed(metrics.consume_duration, event_type=envelope.type):
                        await self._handle(envelope, attempt)
                    metrics.events_consumed.labels(envelope.type).inc()
                    self.last_handled = {"type": envelope.type, "id": envelope.id,
                                         "at": datetime.now(timezone.utc).isoformat()}
            except Exception as exc:  # noqa: BLE001 - any handler failure is retried, then parked
                log.warning("handler failed", extra={"event_id": envelope.id, "event_type": envelope.type,
                                                     "attempt": attempt, "error": repr(exc)})
                await self._settle_failure(message, attempt, repr(exc), park_now=envelope.type not in self._handlers,
                                           event_type=envelope.type)
                return
            await message.ack()

    def _unauthentic(self, message: AbstractIncomingMessage, envelope: Envelope) -> str | None:
        """Why this copy is not the producer's event, or None when it is (unknown types are parked later)."""
        producer = producer_of(envelope.type)
        publisher = published_by(message, relays=(self._publisher.user, OPERATOR))
        if producer is None or publisher == producer:
            return None
        return (f"not authentic: {envelope.type} is published by the broker user {producer!r} only; "
                f"this copy came from {publisher!r}" if publisher else
                f"not authentic: {envelope.type} arrived without a user_id (only {producer!r} may publish it)")

    async def _handle(self, envelope: Envelope, attempt: int) -> None:
        handler = self._handlers.get(envelope.type)
        if handler is None:
            raise LookupError(f"{self._service} has no handler for {envelope.type}")
        tokens = (context.correlation_id.set(envelope.correlationid or envelope.id),
                  context.causation_id.set(envelope.id))
        try:
            with tracer().start_as_current_span(f"handle {envelope.type}", attributes={
                    "messaging.message.id": envelope.id, "civic.attempt": attempt, "civic.service": self._service}):
                await handler(envelope)
                if self._hold_ack:
                    await asyncio.sleep(self._hold_ack)
                await self._inbox.remember(envelope.id, envelope.type)
        finally:
            context.correlation_id.reset(tokens[0])
            context.causation_id.reset(tokens[1])

    async def _settle_failure(self, message: AbstractIncomingMessage, attempt: int, error: str, *, park_now: bool,
                              event_type: str) -> None:
        """Copy to the next retry queue, or park; ack the original only once the copy is confirmed."""
        retry = not park_now and attempt < len(self._delays)
        queue = self._topology.retry(self._service, self._delays[attempt]) if retry else self._topology.parked(self._service)
        headers = dict(message.headers or {}) | {ATTEMPT: attempt + 1, ERROR: error[:2000],
                                                 PUBLISHED_BY: published_by(message, relays=(self._publisher.user,
                                                                                             OPERATOR)) or ""}
        if not retry:
            headers |= {"x-civic-parked-at": datetime.now(timezone.utc).isoformat(), "x-civic-service": self._service}
        try:
            await self._publisher.send_to_queue(queue, message.body, headers, like=message)
        except Exception:  # noqa: BLE001 - broker trouble: leave the message with the broker
            log.exception("could not move a failed message to %s; requeueing it", queue)
            await asyncio.sleep(1)
            await message.nack(requeue=True)
            return
        (metrics.events_retried if retry else metrics.events_parked).labels(event_type).inc()
        await message.ack()

    async def ensure_consuming(self) -> None:
        """Guard against consumers missing after a broker restart (aio-pika #231): re-consume if gone.

        Only when two checks in a row find none: a single check can fall while the robust connection is restoring
        the consumer itself, and consuming again then left two on the queue (seen in the broker fault test)."""
        if self._channel is None or self._channel.is_closed:
            return  # the robust connection is still reconnecting
        probe = await self._connection.channel()
        try:
            declared = await probe.declare_queue(self._topology.queue(self._service), passive=True)
        finally:
            await probe.close()
        if declared.declaration_result.consumer_count > 0:
            self._missing_checks = 0
            return
        self._missing_checks += 1
        if self._missing_checks < 2:
            return
        log.warning("no consumer on %s after reconnect; consuming again", self._queue.name)
        if self._tag is not None:  # drop the lost one from the robust queue, or the next reconnect restores both
            await self._queue.cancel(self._tag)
        self._tag = await self._queue.consume(self._on_message)
        self._missing_checks = 0


def published_by(message: AbstractIncomingMessage, *, relays: tuple[str, ...]) -> str | None:
    """The broker user that first published this message: RabbitMQ's `user_id`, or, for a copy a relay (the
    consumer itself, the operator's replay) sent on, the publisher it recorded."""
    recorded = (message.headers or {}).get(PUBLISHED_BY) if message.user_id in relays else None
    return str(recorded or message.user_id or "") or None
