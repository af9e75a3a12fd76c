"""The audit trail: one record per state-changing request, chained by SHA-256 so an edit is detectable.

Record n stores `prev` = hash of record n-1 and `hash` = SHA-256 over its own canonical JSON (including `prev`).
Appends are single-writer safe without transactions: position n is claimed by inserting `_id = n` (a unique key,
atomic on FerretDB v1); a replica that loses the race re-reads the head and tries n+1. An in-process lock keeps
one process from racing itself.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from shared.mongo import ASCENDING, DESCENDING, Collection, DuplicateKeyError, OutageGate

GENESIS = "0" * 64
FIELDS = ("n", "at", "subject", "roles", "client_id", "ip", "method", "path", "target", "status", "outcome",
          "trace_id", "request_id", "prev")


@dataclass(frozen=True)
class Entry:
    """What happened, before it gets its place in the chain."""

    subject: str
    roles: tuple[str, ...]
    client_id: str | None
    ip: str | None
    method: str
    path: str
    target: str | None
    status: int
    trace_id: str | None
    request_id: str | None


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str | None = None


def record_hash(record: dict) -> str:
    canonical = json.dumps({k: record.get(k) for k in FIELDS}, sort_keys=True, separators=(",", ":"),
                           ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def chain_record(entry: Entry, n: int, prev: str, at: datetime) -> dict:
    record = {"n": n, "at": at.isoformat(), "subject": entry.subject, "roles": list(entry.roles),
              "client_id": entry.client_id, "ip": entry.ip, "method": entry.method, "path": entry.path,
              "target": entry.target, "status": entry.status,
              "outcome": "success" if entry.status < 400 else "failure",
              "trace_id": entry.trace_id, "request_id": entry.request_id, "prev": prev}
    return record | {"hash": record_hash(record)}


def verify_chain(records: list[dict], start_prev: str = GENESIS, start_n: int = 1) -> Verification:
    """Walk records in order: positions contiguous, each `prev` the previous hash, each hash recomputed."""
    prev, expected_n = start_prev, start_n
    for record in records:
        n = record.get("n")
        reason = ("position gap" if n != expected_n else "broken link" if record.get("prev") != prev
                  else "content changed" if record_hash(record) != record.get("hash") else None)
        if reason:
            return Verification(False, expected_n - start_n, broken_at=n, reason=reason)
        prev, expected_n = record["hash"], expected_n + 1
    return Verification(True, expected_n - start_n)


class AuditLog:
    def __init__(self, collection: Collection) -> None:
        self._collection = collection
        self._lock = asyncio.Lock()
        self._outage = OutageGate("audit store")
        # The record this process appended last: reading the head is a sorted query, which FerretDB v1 answers by
        # decoding and sorting the collection (it pushes no sort down), so it is re-read only when another replica
        # got ahead.
        self._last: dict | None = None

    async def ensure_indexes(self) -> None:
        await self._collection.create_index([("n", ASCENDING)], unique=True, name="n")

    async def append(self, entry: Entry) -> dict:
        queued_at = self._outage.queued()
        async with self._lock, self._outage.guard(queued_at):
            return await self._append(entry)

    async def _append(self, entry: Entry) -> dict:
        head = self._last or await self._head()
        while True:
            n, prev = (head["n"] + 1, head["hash"]) if head else (1, GENESIS)
            record = chain_record(entry, n, prev, datetime.now(timezone.utc))
            try:
                await self._collection.insert_one({"_id": n} | record)
                self._last = record
                return record
            except DuplicateKeyError:
                head = await self._head()  # another replica appended first

    async def page(self, after: int = 0, limit: int = 100) -> list[dict]:
        cursor = self._collection.find({"n": {"$gt": after}}, {"_id": 0}).sort("n", ASCENDING).limit(limit)
        return await cursor.to_list(limit)

    async def verify(self, batch: int = 500) -> Verification:
        prev, after, checked = GENESIS, 0, 0
        while records := await self.page(after, batch):
            result = verify_chain(records, prev, after + 1)
            if not result.ok:
                return Verification(False, checked + result.checked, result.broken_at, result.reason)
            prev, after, checked = records[-1]["hash"], records[-1]["n"], checked + len(records)
        return Verification(True, checked)

    async def _head(self) -> dict | None:
        return await self._collection.find_one({}, {"n": 1, "hash": 1}, sort=[("n", DESCENDING)])
