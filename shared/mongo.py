"""The one module that knows the MongoDB driver: PyMongo's own async API (`pymongo.AsyncMongoClient`, stable since
PyMongo 4.13), which replaced motor (end of life 2026-05-14).

Everything else imports `connect`, `Client`, `Database`, `Collection` and the error types from here. What callers
still see of the driver is its async API, which differs from motor's in a few places: `await client.close()` (a
coroutine), `await collection.aggregate(...)` returns the cursor, `cursor.to_list()` reads everything; `find`
returns a cursor to `async for` over, as before. Only features FerretDB v1 supports are used: single-document
writes, unique indexes, simple filters and sorts (no transactions, $lookup, $facet, $elemMatch, geo/partial/TTL
indexes). The OpenTelemetry pymongo instrumentation sees this client through PyMongo's command monitoring.
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from pymongo import ASCENDING, DESCENDING, AsyncMongoClient, InsertOne, ReplaceOne, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, ConnectionFailure, DuplicateKeyError, PyMongoError
from pymongo.errors import ServerSelectionTimeoutError

Client = AsyncMongoClient
Database = AsyncDatabase
Collection = AsyncCollection

__all__ = [
    "ASCENDING", "DESCENDING", "BulkWriteError", "Client", "Collection", "ConnectionFailure", "Database",
    "DuplicateKeyError", "InsertOne", "PyMongoError", "ReplaceOne", "ServerSelectionTimeoutError", "UpdateOne",
    "OutageGate", "connect", "delete_by_ids", "find_by_ids", "is_ferretdb", "ping", "UNAVAILABLE_ERRORS",
]

# Errors that mean "the database did not answer", rendered as 503 rather than 500.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (ConnectionFailure, ServerSelectionTimeoutError)


class OutageGate:
    """For writes queued behind one lock (the audit chain, a certificate sequence): when the database fails while a
    write waits, that write fails at once instead of waiting out its own server-selection timeout, so an outage
    answers every queued request within one timeout rather than one timeout per request ahead of it."""

    def __init__(self, store: str) -> None:
        self._store = store
        self._failed_at = float("-inf")

    def queued(self) -> float:
        """When a write joins the queue; pass it to `guard` once it holds the lock."""
        return time.monotonic()

    @asynccontextmanager
    async def guard(self, queued_at: float) -> AsyncIterator[None]:
        if self._failed_at > queued_at:
            raise ConnectionFailure(f"the {self._store} became unavailable while this write waited")
        try:
            yield
        except UNAVAILABLE_ERRORS:
            self._failed_at = time.monotonic()
            raise


def connect(url: str, *, timeout_ms: int = 2000, **options: Any) -> Client:
    """A client that fails fast (2 s) instead of hanging when the server is down: a gateway write then answers
    503 within ~5 s even though it waits on two databases in turn (the service's, then the audit's)."""
    return AsyncMongoClient(
        url,
        serverSelectionTimeoutMS=timeout_ms,
        connectTimeoutMS=timeout_ms,
        socketTimeoutMS=max(timeout_ms * 5, 15000),
        tz_aware=True,
        uuidRepresentation="standard",
        **options,
    )


async def ping(client: Client) -> None:
    await client.admin.command("ping")


async def is_ferretdb(client: Client) -> bool:
    """FerretDB answers `buildInfo` with its own version beside the MongoDB version it speaks. Asked once per
    client: every store of a process shares the answer."""
    known = getattr(client, "_civic_is_ferretdb", None)
    if known is None:
        known = "ferretdbVersion" in await client.admin.command("buildInfo")
        client._civic_is_ferretdb = known
    return known


async def find_by_ids(collection: Collection, ids: Sequence[Any]) -> dict[Any, dict[str, Any]]:
    """The documents with these `_id`s, by id. MongoDB answers one `$in` query from its `_id` index. FerretDB v1
    pushes only plain equalities down to PostgreSQL (`internal/backends/postgresql/query.go`): an `$in` would
    decode the whole collection, so there each id is asked for on its own, all at once over the pool (`_by_id`)."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return {}
    if await _by_id(collection):
        found = await asyncio.gather(*(collection.find_one({"_id": i}) for i in unique))
        return {doc["_id"]: doc for doc in found if doc is not None}
    return {doc["_id"]: doc async for doc in collection.find({"_id": {"$in": unique}})}


async def delete_by_ids(collection: Collection, ids: Sequence[Any]) -> None:
    """Delete the documents with these `_id`s: one `delete_many` on MongoDB, one indexed delete each on FerretDB
    (a `delete_many` with `$in` decoded every document of the collection: 39 % of FerretDB's CPU in the event
    pipeline bench, with a few thousand outbox markers pending)."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return
    if await _by_id(collection):
        await asyncio.gather(*(collection.delete_one({"_id": i}) for i in unique))
    else:
        await collection.delete_many({"_id": {"$in": unique}})


async def _by_id(collection: Collection) -> bool:
    """True where a set of ids is best asked for one id at a time (FerretDB v1: no `$in` pushdown)."""
    return await is_ferretdb(collection.database.client)
