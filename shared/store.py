"""Aggregates stored one document each, with their pending events in the same document (the outbox).

FerretDB v1 has no multi-document transactions, so the state change and the events it produced are written in
ONE document write. Before that write a small marker (`outbox` collection) is inserted that *announces* those
events: its own unique id, the aggregate, the revision the write will have and the ids of the events. The relay
finds pending work by reading markers, never by scanning aggregates, and a marker is the only record that its
events still wait: it is deleted once they are confirmed by the broker (see `shared.outbox.drain_plan`).

Why a marker per write and not per aggregate: a marker whose aggregate write has not landed yet (a creator in
another replica, an `insert_many` in flight) must not be mistaken for "nothing pending" and removed. A marker names
the revision it announces, so the relay can tell "not written yet" (the aggregate is missing or older: keep the
marker; after a grace period it was orphaned by a crash or a refused write) from "written" (publish its events).

Reserved fields: `_rev` (revision, checked by every write; see `_replace`), `_outbox` (events written with the
aggregate; those no marker announces any more were published and are pruned at the next save), `_applied` (ids of
the last events this aggregate applied, so a redelivered event is recognised even if the inbox missed it).
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from uuid import uuid4

from shared import context
from shared.concurrency import KeyedLock
from shared.errors import Conflict
from shared.events.base import Envelope, Event
from shared.mongo import BulkWriteError, Collection, DuplicateKeyError, PyMongoError, delete_by_ids, find_by_ids
from shared.telemetry import current_carrier

RESERVED = ("_id", "_rev", "_outbox", "_applied")
STATE_ONLY = {"_outbox": 0, "_applied": 0}
"""The projection of a read that will not write back: the events waiting for the relay and the ids of up to
`APPLIED_KEPT` applied events stay in the database instead of crossing the wire with every document."""
DUPLICATE_KEY = 11000
APPLIED_KEPT = 200


class StaleWrite(Conflict):
    code = "stale-write"
    title = "The record changed while this request was being processed"


@dataclass
class Loaded:
    """An aggregate as read: its own fields, plus what the store needs to write it back safely."""

    id: str
    state: dict[str, Any]
    rev: int
    outbox: list[dict[str, Any]] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)

    def has_applied(self, event_id: str | None) -> bool:
        return event_id is not None and event_id in self.applied


class AggregateStore:
    """Reads and writes one collection of aggregates. Callers hold `lock(id)` from load to save."""

    def __init__(self, collection: Collection, markers: Collection, locks: KeyedLock, *, source: str,
                 on_pending: Callable[[], None] = lambda: None) -> None:
        self.collection = collection
        self._markers = markers
        self._locks = locks
        self._source = source
        self._on_pending = on_pending

    @property
    def name(self) -> str:
        return self.collection.name

    @asynccontextmanager
    async def lock(self, aggregate_id: str) -> AsyncIterator[None]:
        async with self._locks.hold((self.name, aggregate_id)):
            yield

    async def load(self, aggregate_id: str) -> Loaded | None:
        """The aggregate, its `outbox` holding only the events a marker still announces (the rest was published
        and is pruned at the next save). The markers are read only when the document holds events."""
        doc = await self.collection.find_one({"_id": aggregate_id})
        if doc is None:
            return None
        loaded = _loaded(doc)
        if loaded.outbox:
            waiting = await self._announced(aggregate_id)
            loaded.outbox = [e for e in loaded.outbox if waiting is None or e["id"] in waiting]
        return loaded

    async def documents(self, aggregate_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Raw documents by id, for the relay (one query on MongoDB; see `shared.mongo.find_by_ids`)."""
        return await find_by_ids(self.collection, aggregate_ids)

    async def state(self, aggregate_id: str) -> dict[str, Any] | None:
        """The aggregate's own fields, for a read that will not write back: one round trip, without the events."""
        doc = await self.collection.find_one({"_id": aggregate_id}, STATE_ONLY)
        return None if doc is None else {k: v for k, v in doc.items() if k not in RESERVED}

    async def _announced(self, aggregate_id: str) -> set[str] | None:
        """Ids of this aggregate's events that markers still announce; None if a marker of the earlier shape (one per
        aggregate, no event list) announces all of them."""
        ids: set[str] = set()
        async for marker in self._markers.find({"aggregate_id": aggregate_id, "collection": self.name},
                                               {"events": 1}):
            if "events" not in marker:
                return None
            ids.update(marker["events"])
        return ids

    async def save(self, aggregate_id: str, state: dict[str, Any], events: Sequence[Event] = (), *,
                   loaded: Loaded | None, caused_by: str | None = None) -> list[Envelope]:
        """Insert (loaded is None) or replace at the loaded revision; raises StaleWrite or DuplicateKeyError."""
        envelopes = [self._envelope(e) for e in events]
        doc = self._document(aggregate_id, state, envelopes, loaded, caused_by)
        marker = self._marker(aggregate_id, doc["_rev"], envelopes) if envelopes else None
        if marker is not None:
            await self._markers.insert_one(marker)
        try:
            if loaded is None:
                await self.collection.insert_one(doc)
            elif not await self._replace(aggregate_id, loaded.rev, doc):
                raise StaleWrite(f"{self.name} {aggregate_id} was changed by someone else; retry the request")
        except (StaleWrite, DuplicateKeyError):
            if marker is not None:  # refused for certain: its events will never exist (the id is this write's own)
                with suppress(PyMongoError):  # else the relay drops it after the grace period
                    await self._markers.delete_one({"_id": marker["_id"]})
            raise
        if envelopes:
            self._on_pending()
        return envelopes

    async def _replace(self, aggregate_id: str, rev: int, doc: dict[str, Any]) -> bool:
        """Replace the aggregate if it is still at `rev`. MongoDB checks the revision in the write's filter,
        atomically. FerretDB v1 finds the document by the same filter (its `_id` through an index) and then rewrites
        it without re-checking: an unlocked read-modify-write, which is why writers of one aggregate hold `lock(id)`
        and a FerretDB deployment runs one replica per service."""
        return (await self.collection.replace_one({"_id": aggregate_id, "_rev": rev}, doc)).matched_count == 1

    async def insert_many(self, records: Sequence[tuple[str, dict[str, Any], Sequence[Event]]],
                          chunk: int = 1000) -> set[int]:
        """New aggregates in a few unordered `insert_many` calls (FerretDB v1: thousands a second, against ~25 a
        second one by one); markers first, as in `save`. Returns the positions a unique index refused."""
        refused: set[int] = set()
        for start in range(0, len(records), chunk):
            part = records[start:start + chunk]
            documents, markers = [], {}
            for position, (aggregate_id, state, events) in enumerate(part):
                envelopes = [self._envelope(e) for e in events]
                documents.append(self._document(aggregate_id, state, envelopes, None, None))
                if envelopes:
                    markers[position] = self._marker(aggregate_id, 1, envelopes)
            await _insert_unordered(self._markers, list(markers.values()))
            lost = await _insert_unordered(self.collection, documents)
            await delete_by_ids(self._markers, [markers[i]["_id"] for i in lost if i in markers])
            refused |= {start + i for i in lost}
        if len(refused) < len(records):
            self._on_pending()
        return refused

    def _document(self, aggregate_id: str, state: dict[str, Any], envelopes: list[Envelope],
                  loaded: Loaded | None, caused_by: str | None) -> dict[str, Any]:
        outbox = (loaded.outbox if loaded else []) + [e.model_dump(mode="json", exclude_none=True) for e in envelopes]
        applied = (loaded.applied if loaded else []) + ([caused_by] if caused_by else [])
        clean = {k: v for k, v in state.items() if k not in RESERVED}
        return {**clean, "_id": aggregate_id, "_rev": (loaded.rev if loaded else 0) + 1,
                "_outbox": outbox, "_applied": applied[-APPLIED_KEPT:]}

    def _envelope(self, event: Event) -> Envelope:
        carrier = current_carrier()
        return Envelope.wrap(
            event, source=self._source, traceparent=carrier.get("traceparent"),
            tracestate=carrier.get("tracestate") or None,
            correlationid=context.correlation_id.get(), causationid=context.causation_id.get(),
        )

    def _marker(self, aggregate_id: str, rev: int, envelopes: list[Envelope]) -> dict[str, Any]:
        """Announces the events one write adds; unique to that write, so a refused write can remove its own."""
        return {"_id": uuid4().hex, "collection": self.name, "aggregate_id": aggregate_id, "rev": rev,
                "events": [e.id for e in envelopes], "since": datetime.now(timezone.utc)}


async def _insert_unordered(collection: Collection, documents: list[dict[str, Any]]) -> list[int]:
    """The positions a unique index refused; any other write error is raised."""
    if not documents:
        return []
    try:
        await collection.insert_many(documents, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(e.get("code") != DUPLICATE_KEY for e in errors):
            raise
        return [e["index"] for e in errors]
    return []


def _loaded(doc: dict[str, Any]) -> Loaded:
    state = {k: v for k, v in doc.items() if k not in RESERVED}
    return Loaded(id=doc["_id"], state=state, rev=doc.get("_rev", 0),
                  outbox=list(doc.get("_outbox", [])), applied=list(doc.get("_applied", [])))
