"""The one module that knows the MongoDB driver (motor today; PyMongo's async client tomorrow).

Everything else imports `connect`, `Database`, `Collection` and the error types from here, so a driver swap
touches this file only. Only features FerretDB v1 supports are used: single-document writes, unique indexes,
simple filters and sorts (no transactions, $lookup, $facet, $elemMatch, geo/partial/TTL indexes).
"""
from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from motor.motor_asyncio import AsyncIOMotorClient, AsyncIOMotorCollection, AsyncIOMotorDatabase
from pymongo import ASCENDING, DESCENDING, InsertOne, ReplaceOne, UpdateOne
from pymongo.errors import BulkWriteError, ConnectionFailure, DuplicateKeyError, PyMongoError
from pymongo.errors import ServerSelectionTimeoutError

Client = AsyncIOMotorClient
Database = AsyncIOMotorDatabase
Collection = AsyncIOMotorCollection

__all__ = [
    "ASCENDING", "DESCENDING", "BulkWriteError", "Client", "Collection", "ConnectionFailure", "Database",
    "DuplicateKeyError", "InsertOne", "PyMongoError", "ReplaceOne", "ServerSelectionTimeoutError", "UpdateOne",
    "OutageGate", "connect", "is_ferretdb", "ping", "UNAVAILABLE_ERRORS",
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
    return AsyncIOMotorClient(
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
