"""The one module that knows the MongoDB driver (motor today; PyMongo's async client tomorrow).

Everything else imports `connect`, `Database`, `Collection` and the error types from here, so a driver swap
touches this file only. Only features FerretDB v1 supports are used: single-document writes, unique indexes,
simple filters and sorts (no transactions, $lookup, $facet, $elemMatch, geo/partial/TTL indexes).
"""
from __future__ import annotations

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
    "connect", "is_ferretdb", "ping", "UNAVAILABLE_ERRORS",
]

# Errors that mean "the database did not answer", rendered as 503 rather than 500.
UNAVAILABLE_ERRORS: tuple[type[Exception], ...] = (ConnectionFailure, ServerSelectionTimeoutError)


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
