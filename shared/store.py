"""Aggregates stored one document each, with their pending events in the same document (the outbox).

FerretDB v1 has no multi-document transactions, so the state change and the events it produced are written in
ONE document write. Before that write a small marker (`outbox` collection, one per aggregate with pending
events) is inserted, so the relay finds pending work by reading the markers instead of scanning aggregates.
A marker without pending events (a crash between the two writes) is simply removed by the relay.

Reserved fields: `_rev` (revision, checked by every write; see `_replace`), `_outbox` (pending envelopes), `_applied`
(ids of the last events this aggregate applied, so a redelivered event is recognised even if the inbox missed it).
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from shared import context
from shared.concurrency import KeyedLock
from shared.errors import Conflict
from shared.events.base import Envelope, Event
from shared.mongo import BulkWriteError, Collection, DuplicateKeyError, is_ferretdb
from shared.telemetry import current_carrier

RESERVED = ("_id", "_rev", "_outbox", "_applied")
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
        # Published event ids. Recording a publication is an insert here, never a rewrite of the aggregate:
        # FerretDB v1 rewrites a document by scanning its whole collection (~40 ms at 5 000 documents).
        self._sent = markers.database["outbox_sent"]
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
        """The aggregate, its `outbox` holding only events not yet published (the rest is pruned at the next save)."""
        doc = await self.collection.find_one({"_id": aggregate_id})
        if doc is None:
            return None
        loaded = _loaded(doc)
        loaded.outbox = [e for e in loaded.outbox if not await self._was_sent(e["id"])]
        return loaded

    async def state(self, aggregate_id: str) -> dict[str, Any] | None:
        """The aggregate's own fields, for a read that will not write back: one round trip, without the pending
        events (`load` looks each one up in `outbox_sent`, one more round trip per event)."""
        doc = await self.collection.find_one({"_id": aggregate_id}, {"_outbox": 0, "_applied": 0})
        return None if doc is None else {k: v for k, v in doc.items() if k not in RESERVED}

    async def _was_sent(self, event_id: str) -> bool:
        return await self._sent.find_one({"_id": event_id}, {"_id": 1}) is not None  # by _id: an index read

    async def save(self, aggregate_id: str, state: dict[str, Any], events: Sequence[Event] = (), *,
                   loaded: Loaded | None, caused_by: str | None = None) -> list[Envelope]:
        """Insert (loaded is None) or replace at the loaded revision; raises StaleWrite or DuplicateKeyError."""
        envelopes = [self._envelope(e) for e in events]
        if envelopes:
            await self._mark_pending(aggregate_id)
        doc = self._document(aggregate_id, state, envelopes, loaded, caused_by)
        if loaded is None:
            await self.collection.insert_one(doc)
        elif not await self._replace(aggregate_id, loaded.rev, doc):
            raise StaleWrite(f"{self.name} {aggregate_id} was changed by someone else; retry the request")
        if envelopes:
            self._on_pending()
        return envelopes

    async def _replace(self, aggregate_id: str, rev: int, doc: dict[str, Any]) -> bool:
        """Replace the aggregate if it is still at `rev`. MongoDB checks the revision in the write's filter,
        atomically. FerretDB v1 (SQLite) hands only a bare `{_id}` filter to SQLite; with `_rev` beside it, it decoded
        the collection document by document (1.2 s a write at 20 000 documents, `bench.ferret_lookup`). Its
        updates are an unlocked read-modify-write either way, so reading the revision first guarantees as much."""
        if not await is_ferretdb(self.collection.database.client):
            return (await self.collection.replace_one({"_id": aggregate_id, "_rev": rev}, doc)).matched_count == 1
        current = await self.collection.find_one({"_id": aggregate_id}, {"_rev": 1})
        if current is None or current.get("_rev") != rev:
            return False
        return (await self.collection.replace_one({"_id": aggregate_id}, doc)).matched_count == 1

    async def insert_many(self, records: Sequence[tuple[str, dict[str, Any], Sequence[Event]]],
                          chunk: int = 1000) -> set[int]:
        """New aggregates in a few unordered `insert_many` calls (FerretDB v1: thousands a second, against ~25 a
        second one by one); markers first, as in `save`. Returns the positions a unique index refused."""
        refused: set[int] = set()
        for start in range(0, len(records), chunk):
            part = records[start:start + chunk]
            documents, pending = [], []
            for aggregate_id, state, events in part:
                envelopes = [self._envelope(e) for e in events]
                documents.append(self._document(aggregate_id, state, envelopes, None, None))
                if envelopes:
                    pending.append({"_id": marker_id(self.name, aggregate_id), "collection": self.name,
                                    "aggregate_id": aggregate_id, "since": datetime.now(timezone.utc)})
            await _insert_unordered(self._markers, pending)
            refused |= {start + i for i in await _insert_unordered(self.collection, documents)}
        if len(refused) < len(records):
            self._on_pending()
        return refused

    async def mark_published(self, aggregate_id: str, event_ids: set[str]) -> None:
        """Called by the relay after confirms: record the events as sent; drop the marker when nothing is left."""
        for event_id in event_ids:
            try:
                await self._sent.insert_one({"_id": event_id, "aggregate": marker_id(self.name, aggregate_id),
                                             "at": datetime.now(timezone.utc)})
            except DuplicateKeyError:
                pass  # published twice (a crash between publish and this record): consumers are idempotent
        async with self.lock(aggregate_id):
            loaded = await self.load(aggregate_id)
            if loaded is None or not loaded.outbox:
                await self._markers.delete_one({"_id": marker_id(self.name, aggregate_id)})

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

    async def _mark_pending(self, aggregate_id: str) -> None:
        marker = {"_id": marker_id(self.name, aggregate_id), "collection": self.name,
                  "aggregate_id": aggregate_id, "since": datetime.now(timezone.utc)}
        try:
            await self._markers.insert_one(marker)
        except DuplicateKeyError:
            pass  # already pending; the relay keeps the marker until the outbox is empty


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


def marker_id(collection: str, aggregate_id: str) -> str:
    return f"{collection}/{aggregate_id}"


def _loaded(doc: dict[str, Any]) -> Loaded:
    state = {k: v for k, v in doc.items() if k not in RESERVED}
    return Loaded(id=doc["_id"], state=state, rev=doc.get("_rev", 0),
                  outbox=list(doc.get("_outbox", [])), applied=list(doc.get("_applied", [])))
