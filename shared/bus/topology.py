"""Names and arguments of every exchange and queue, in one place so each declaration is identical.

- one durable topic exchange `<ns>.events`, routing key = event type; events nobody is bound to go to the
  alternate exchange `<ns>.unrouted` and its queue, never silently dropped;
- per consuming service a durable **quorum** queue `<ns>.<service>` with a delivery limit, dead-lettering
  at-least-once (which needs `overflow=reject-publish`) to `<ns>.<service>.parked`;
- per retry delay a quorum queue `<ns>.<service>.retry.<ms>ms` whose messages expire back into the main queue.
"""
from __future__ import annotations

from dataclasses import dataclass

import aiormq
from aio_pika import ExchangeType
from aio_pika.abc import AbstractChannel, AbstractExchange, AbstractQueue

from shared.events.routing import CONSUMERS, routing_keys

DELIVERY_LIMIT = 10  # crash loops (a consumer dying mid-message) end in the parked queue, not forever


def _quorum(**extra: object) -> dict[str, object]:
    return {"x-queue-type": "quorum", **extra}


def _dead_letter_to(queue: str) -> dict[str, object]:
    return {
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": queue,
        "x-dead-letter-strategy": "at-least-once",
        "x-overflow": "reject-publish",
    }


@dataclass(frozen=True)
class Topology:
    namespace: str

    @property
    def exchange(self) -> str:
        return f"{self.namespace}.events"

    @property
    def unrouted(self) -> str:
        return f"{self.namespace}.unrouted"

    def queue(self, service: str) -> str:
        return f"{self.namespace}.{service}"

    def parked(self, service: str) -> str:
        return f"{self.namespace}.{service}.parked"

    def retry(self, service: str, delay_seconds: float) -> str:
        return f"{self.namespace}.{service}.retry.{int(delay_seconds * 1000)}ms"

    async def declare_exchange(self, channel: AbstractChannel) -> AbstractExchange:
        unrouted = await channel.declare_exchange(self.unrouted, ExchangeType.FANOUT, durable=True)
        queue = await channel.declare_queue(self.unrouted, durable=True, arguments=_quorum(**{
            "x-max-length": 100_000, "x-overflow": "drop-head"}))
        await queue.bind(unrouted, "")
        return await channel.declare_exchange(
            self.exchange, ExchangeType.TOPIC, durable=True, arguments={"alternate-exchange": self.unrouted}
        )

    async def events_exchange(self, channel: AbstractChannel) -> AbstractExchange:
        """The events exchange as the broker setup declared it. Passive: a service's broker user may not declare
        or delete the shared exchange (shared/bus/grants.py), only use it."""
        try:
            return await channel.get_exchange(self.exchange, ensure=True)
        except aiormq.exceptions.ChannelNotFoundEntity as exc:
            raise LookupError(f"the exchange {self.exchange} does not exist: the broker setup declares it "
                              f"(python -m deploy.broker_users --namespace {self.namespace})") from exc

    async def declare_service_queue(self, channel: AbstractChannel, service: str, *,
                                    exchange: AbstractExchange | None = None) -> AbstractQueue:
        """The service's main queue, its parked queue and its bindings (one per subscribed event type)."""
        exchange = exchange or await self.events_exchange(channel)
        await channel.declare_queue(self.parked(service), durable=True, arguments=_quorum())
        queue = await channel.declare_queue(self.queue(service), durable=True, arguments=_quorum(
            **{"x-delivery-limit": DELIVERY_LIMIT}, **_dead_letter_to(self.parked(service))))
        for key in routing_keys(service):
            await queue.bind(exchange, key)
        return queue

    async def declare_retry_queues(self, channel: AbstractChannel, service: str, delays: tuple[float, ...]) -> None:
        for delay in delays:
            await channel.declare_queue(self.retry(service, delay), durable=True, arguments=_quorum(
                **{"x-message-ttl": int(delay * 1000)}, **_dead_letter_to(self.queue(service))))

    async def declare_shared(self, channel: AbstractChannel) -> None:
        """The broker setup's part (the operator's user): the exchange and every consumer's queues and bindings,
        declared before any service starts, so no event is lost before its consumer's first start."""
        exchange = await self.declare_exchange(channel)
        for service, events in CONSUMERS.items():
            if events:
                await self.declare_service_queue(channel, service, exchange=exchange)

    def queue_names(self, delays: tuple[float, ...]) -> list[str]:
        names = [self.unrouted]
        for service in CONSUMERS:
            names += [self.queue(service), self.parked(service)] + [self.retry(service, d) for d in delays]
        return names
