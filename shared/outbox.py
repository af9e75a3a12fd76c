"""The outbox relay: publishes every pending event with confirms, then marks it sent.

Woken right after a write that produced events, and on a timer as a sweep, so events left behind by a crash
(or by a broker outage) go out too. Each event is published under the trace context of the request that
caused it, so the consumer's spans join that request's trace.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from opentelemetry.trace import SpanKind

from shared.bus.publisher import Publisher
from shared.events.base import Envelope
from shared.lease import Lease
from shared.mongo import ASCENDING, Collection
from shared.store import AggregateStore
from shared.telemetry import restored, tracer

log = logging.getLogger(__name__)
LEADERSHIP_CHECK_EVERY = 50  # markers drained together between two checks that this replica still holds the lease


class OutboxRelay:
    def __init__(self, markers: Collection, publisher: Publisher, *, sweep_seconds: float,
                 lease: Lease | None = None, batch: int = 500) -> None:
        self._markers = markers
        self._lease = lease  # with several replicas, only the lease holder publishes
        self._publisher = publisher
        self._stores: dict[str, AggregateStore] = {}
        self._sweep_seconds = sweep_seconds
        self._batch = batch
        self._wake = asyncio.Event()

    def register(self, store: AggregateStore) -> None:
        self._stores[store.name] = store

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self._sweep_seconds * (1 + min(failures, 5)))
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            try:
                await self.sweep()
                failures = 0
            except Exception as exc:  # noqa: BLE001 - broker or database down: keep the events, try later
                failures += 1
                log.warning("outbox sweep failed (%s); events stay pending", exc)

    async def sweep(self) -> int:
        """Publish everything pending, oldest first; returns how many events went out.
        Aggregates are drained concurrently (a store round trip costs milliseconds on FerretDB); the events of one
        aggregate stay in order because one task drains them."""
        markers = await self._markers.find({}, sort=[("since", ASCENDING)], limit=self._batch).to_list(None)
        sent = 0
        for start in range(0, len(markers), LEADERSHIP_CHECK_EVERY):
            if not await self._leading():
                break
            chunk = [m for m in markers[start:start + LEADERSHIP_CHECK_EVERY] if m["collection"] in self._stores]
            counts = await asyncio.gather(*(self._drain(self._stores[m["collection"]], m["aggregate_id"])
                                            for m in chunk))
            sent += sum(counts)
        return sent

    async def _leading(self) -> bool:
        return self._lease is None or await self._lease.is_leader()

    async def pending(self) -> int:
        return await self._markers.count_documents({})

    async def _drain(self, store: AggregateStore, aggregate_id: str) -> int:
        loaded = await store.load(aggregate_id)
        outbox = loaded.outbox if loaded else []
        for raw in outbox:
            await self._publish(Envelope.model_validate(raw))
        await store.mark_published(aggregate_id, {raw["id"] for raw in outbox})
        return len(outbox)

    async def _publish(self, envelope: Envelope) -> None:
        carrier: Mapping[str, str] = {k: v for k, v in (("traceparent", envelope.traceparent),
                                                       ("tracestate", envelope.tracestate)) if v}
        with restored(carrier), tracer().start_as_current_span(
                f"outbox publish {envelope.type}", kind=SpanKind.PRODUCER,
                attributes={"messaging.message.id": envelope.id, "civic.subject": envelope.subject or ""}):
            await self._publisher.publish(envelope)
