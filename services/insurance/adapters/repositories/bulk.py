"""Write-once documents in bulk: `insert_many` writes thousands per round trip, a rewrite one per document."""
from __future__ import annotations

from collections.abc import Iterable

from shared.mongo import BulkWriteError, Collection

CHUNK = 1000
DUPLICATE_KEY = 11000


async def insert_all(collection: Collection, docs: Iterable[dict]) -> None:
    """insert_many in chunks; a document already there (a re-run after a failure) is left as it is."""
    batch: list[dict] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == CHUNK:
            await _insert(collection, batch)
            batch = []
    if batch:
        await _insert(collection, batch)


async def _insert(collection: Collection, docs: list[dict]) -> None:
    try:
        await collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        if any(e.get("code") != DUPLICATE_KEY for e in exc.details.get("writeErrors", [])):
            raise
