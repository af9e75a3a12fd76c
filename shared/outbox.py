"""The outbox relay: publishes every pending event with confirms, then deletes the markers that announced it.

Woken right after a write that produced events, and on a timer as a sweep, so events left behind by a crash
(or by a broker outage) go out too. Each event is published under the trace context of the request that
caused it, so the consumer's spans join that request's trace.

A sweep works a page of markers at a time: their aggregates are read together (`AggregateStore.documents`),
aggregates are published concurrently (the events of one aggregate in order, by one task), and the drained markers
are deleted together (`shared.mongo.delete_by_ids`). A crash between the publication and that delete publishes
again: consumers are idempotent. What a marker allows is decided by `drain_plan`, with no I/O.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from opentelemetry.trace import SpanKind

from shared import metrics
from shared.bus.publisher import Publisher
from shared.events.base import Envelope
from shared.lease import Lease
from shared.mongo import ASCENDING, Collection, delete_by_ids
from shared.store import AggregateStore
from shared.telemetry import restored, tracer

log = logging.getLogger(__name__)
LEADERSHIP_CHECK_EVERY = 50  # aggregates drained together between two checks that this replica still holds the lease
ORPHAN_GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class DrainPlan:
    """What one aggregate's markers allow: the events to publish, in the aggregate's order, and the markers to delete
    once they are confirmed (`orphaned` among them: markers whose write never happened)."""

    publish: list[dict[str, Any]]
    done: list[str]
    orphaned: list[str]


def drain_plan(markers: Sequence[dict[str, Any]], document: dict[str, Any] | None, now: datetime,
               grace: timedelta = ORPHAN_GRACE) -> DrainPlan:
    """A marker announces the events a write at revision `rev` adds. Once the aggregate is at that revision or later,
    the write happened (or lost to another one, whose document then lacks the events): publish what the document
    holds of the announced events, then the marker goes. While the aggregate is missing or older, the write may
    still be in flight (another replica, an `insert_many`): the marker stays, and only a marker older than `grace`
    is taken for orphaned by a crash or a refused write. A marker of the earlier shape (no `rev`, no `events`)
    announces the whole outbox."""
    rev = document.get("_rev", 0) if document is not None else None
    written = [m for m in markers if rev is not None and rev >= m.get("rev", 0)]
    orphaned = [m["_id"] for m in markers if m not in written and now - m["since"] > grace]
    everything = any("events" not in m for m in written)
    announced = {event for m in written for event in m.get("events", ())}
    outbox = document.get("_outbox", []) if written else []
    publish = [e for e in outbox if everything or e["id"] in announced]
    return DrainPlan(publish, [m["_id"] for m in written] + orphaned, orphaned)


class OutboxRelay:
    def __init__(self, markers: Collection, publisher: Publisher, *, sweep_seconds: float,
                 lease: Lease | None = None, batch: int = 500, orphan_grace: timedelta = ORPHAN_GRACE) -> None:
        self._markers = markers
        self._lease = lease  # with several replicas, only the lease holder publishes
        self._publisher = publisher
        self._stores: dict[str, AggregateStore] = {}
        self._sweep_seconds = sweep_seconds
        self._batch = batch
        self._orphan_grace = orphan_grace
        self._wake = asyncio.Event()

    def register(self, store: AggregateStore) -> None:
        self._stores[store.name] = store

    async def create_indexes(self) -> None:
        """A store's `load` asks for its aggregate's markers by `aggregate_id`."""
        await self._markers.create_index([("aggregate_id", ASCENDING)], name="aggregate_id")

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        failures = 0
        while True:
            try:  # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation (stop would hang)
                async with asyncio.timeout(self._sweep_seconds * (1 + min(failures, 5))):
                    await self._wake.wait()
            except TimeoutError:
                pass
            self._wake.clear()
            try:
                await self.sweep()
                failures = 0
            except Exception as exc:  # noqa: BLE001 - broker or database down: keep the events, try later
                failures += 1
                log.warning("outbox sweep failed (%s); events stay pending", exc)

    async def sweep(self) -> int:
        """Publish what a page of markers announces, oldest first; returns how many events went out."""
        markers = await self._markers.find({}, sort=[("since", ASCENDING)], limit=self._batch).to_list(None)
        groups = _by_aggregate(m for m in markers if m["collection"] in self._stores)
        documents = await self._documents(groups)
        now, sent, keys = datetime.now(timezone.utc), 0, list(groups)
        for start in range(0, len(keys), LEADERSHIP_CHECK_EVERY):
            if not await self._leading():
                break
            chunk = keys[start:start + LEADERSHIP_CHECK_EVERY]
            plans = [drain_plan(groups[k], documents.get(k), now, self._orphan_grace) for k in chunk]
            sent += await self._carry_out(plans)
        return sent

    async def _documents(self, groups: Mapping[tuple[str, str], list]) -> dict[tuple[str, str], dict[str, Any]]:
        by_collection: dict[str, list[str]] = {}
        for collection, aggregate_id in groups:
            by_collection.setdefault(collection, []).append(aggregate_id)
        found = await asyncio.gather(*(self._stores[c].documents(ids) for c, ids in by_collection.items()))
        return {(c, i): doc for c, docs in zip(by_collection, found) for i, doc in docs.items()}

    async def _carry_out(self, plans: list[DrainPlan]) -> int:
        """Publish each plan's events (plans concurrently), delete the markers of those that went out, and raise
        the first failure afterwards so the run loop backs off."""
        results = await asyncio.gather(*(self._publish_all(p.publish) for p in plans), return_exceptions=True)
        drained = [p for p, r in zip(plans, results) if not isinstance(r, BaseException)]
        done = [marker for p in drained for marker in p.done]
        await delete_by_ids(self._markers, done)
        for orphan in (o for p in drained for o in p.orphaned):
            log.warning("outbox marker %s announced a write that never happened; dropped", orphan)
        failure = next((r for r in results if isinstance(r, BaseException)), None)
        if failure is not None:
            raise failure
        return sum(len(p.publish) for p in drained)

    async def _publish_all(self, raws: list[dict[str, Any]]) -> None:
        for raw in raws:
            await self._publish(Envelope.model_validate(raw))

    async def _leading(self) -> bool:
        return self._lease is None or await self._lease.is_leader()

    async def pending(self) -> int:
        return await self._markers.count_documents({})

    async def oldest(self) -> datetime | None:
        """When the oldest pending marker was written (None: nothing pending); `civic status` and the gauges."""
        marker = await self._markers.find_one({}, {"since": 1}, sort=[("since", ASCENDING)])
        return marker["since"] if marker else None  # tz-aware: shared.mongo's client decodes dates so

    async def _publish(self, envelope: Envelope) -> None:
        carrier: Mapping[str, str] = {k: v for k, v in (("traceparent", envelope.traceparent),
                                                       ("tracestate", envelope.tracestate)) if v}
        with restored(carrier), tracer().start_as_current_span(
                f"outbox publish {envelope.type}", kind=SpanKind.PRODUCER,
                attributes={"messaging.message.id": envelope.id, "civic.subject": envelope.subject or ""}):
            await self._publisher.publish(envelope)
        metrics.events_published.labels(envelope.type).inc()


def _by_aggregate(markers) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for marker in markers:
        groups.setdefault((marker["collection"], marker["aggregate_id"]), []).append(marker)
    return groups
