"""Bulk insertion of new aggregates, each with its own event in its own document (the outbox), in a few
`insert_many` calls instead of one write per record.

FerretDB v1 writes thousands of documents a second with `insert_many` but ~25 a second one by one. The documents
have the shape `shared.store.AggregateStore` reads and writes (`_rev`, `_outbox`, `_applied`; see its docstring),
and pending-event markers go in first, as the store does, so a crash leaves at worst a marker the relay drops.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

from shared import context
from shared.events import Envelope, Event
from shared.mongo import BulkWriteError, Collection
from shared.runtime import ServiceRuntime
from shared.store import AggregateStore, marker_id
from shared.telemetry import current_carrier

CHUNK = 1000
DUPLICATE_KEY = 11000


@dataclass(frozen=True)
class BulkOutbox:
    markers: Collection
    source: str
    wake: Callable[[], None]

    @classmethod
    def of(cls, runtime: ServiceRuntime) -> "BulkOutbox":
        return cls(runtime.db["outbox"], f"/civic/{runtime.settings.service}", runtime.relay.wake)

    async def insert(self, store: AggregateStore, records: Sequence[tuple[str, dict, Event]]) -> set[int]:
        """Insert (id, state, event) records; returns the positions refused by a unique index (the rest are in)."""
        refused: set[int] = set()
        for start in range(0, len(records), CHUNK):
            chunk = records[start:start + CHUNK]
            await self._mark(store.name, [aggregate_id for aggregate_id, _, _ in chunk])
            docs = [self._document(aggregate_id, state, event) for aggregate_id, state, event in chunk]
            refused |= {start + i for i in await _insert_many(store.collection, docs)}
        if len(refused) < len(records):
            self.wake()
        return refused

    async def _mark(self, collection: str, ids: list[str]) -> None:
        since = datetime.now(timezone.utc)
        await _insert_many(self.markers, [{"_id": marker_id(collection, i), "collection": collection,
                                           "aggregate_id": i, "since": since} for i in ids])

    def _document(self, aggregate_id: str, state: dict, event: Event) -> dict:
        carrier = current_carrier()
        envelope = Envelope.wrap(event, source=self.source, traceparent=carrier.get("traceparent"),
                                 tracestate=carrier.get("tracestate") or None,
                                 correlationid=context.correlation_id.get(), causationid=context.causation_id.get())
        return {**state, "_id": aggregate_id, "_rev": 1, "_applied": [],
                "_outbox": [envelope.model_dump(mode="json", exclude_none=True)]}


async def _insert_many(collection: Collection, docs: list[dict]) -> list[int]:
    """Unordered insert; the positions a unique index refused (any other error is raised)."""
    if not docs:
        return []
    try:
        await collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(e.get("code") != DUPLICATE_KEY for e in errors):
            raise
        return [e["index"] for e in errors]
    return []
