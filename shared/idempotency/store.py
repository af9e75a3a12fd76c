"""Where a service keeps its idempotency keys: one document per (caller, key) in its own `idempotency_keys`
collection, claimed by inserting it (a unique `_id` is the one write FerretDB v1 makes atomic).

A document is a *claim* (`state: processing`, held by one request until `claimed_until`) and then, once that
request has answered, the *answer* (`state: done`: status, the headers worth repeating, the body). Both carry
`expires_at`. FerretDB v1 refuses TTL indexes (`expireAfterSeconds` is "not implemented yet", FerretDB#2415), so
lookups treat a document past `expires_at` as absent and `purge` (a periodic job of the service's runtime) deletes
them; on MongoDB a TTL index on `expires_at` deletes them too.

Taking over a document (expired, or a claim whose holder died) replaces it, and FerretDB's replace is an unlocked
read-modify-write, so the right to do it is claimed first by inserting a marker named after the claim being
replaced (`<id>~<token>`): of two requests taking over the same claim, only one inserts the marker.
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bson import Binary

from shared.idempotency.rules import DONE, PROCESSING, Outcome, decide
from shared.mongo import Collection, DuplicateKeyError, is_ferretdb

log = logging.getLogger(__name__)
CLAIM_ATTEMPTS = 3


@dataclass(frozen=True)
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass(frozen=True)
class Begun:
    """What `begin` found: `CLAIM` (this request holds `token` and runs), `REPLAY` (with the `answer`), `REUSED` or
    `IN_PROGRESS`."""

    outcome: Outcome
    token: str | None = None
    answer: Answer | None = None


class IdempotencyStore:
    def __init__(self, collection: Collection, *, ttl: timedelta, claim: timedelta) -> None:
        self.collection, self.ttl, self.claim_time = collection, ttl, claim

    async def ensure_indexes(self) -> None:
        """MongoDB: a TTL index deletes expired documents. FerretDB v1: none — it refuses TTL indexes and pushes no
        range filter down to PostgreSQL, so an index on `expires_at` would only cost writes; the purge reads the
        collection (a day's keys) every ten minutes."""
        if not await is_ferretdb(self.collection.database.client):
            await self.collection.create_index("expires_at", expireAfterSeconds=0)

    async def begin(self, record_id: str, caller: str, fingerprint: str, now: datetime) -> Begun:
        """Claim the key for this request, or say why not. Never lets two requests hold one key at once."""
        for _ in range(CLAIM_ATTEMPTS):
            token = secrets.token_hex(8)
            try:
                await self.collection.insert_one(self._claim(record_id, caller, fingerprint, token, now))
                return Begun(Outcome.CLAIM, token)
            except DuplicateKeyError:
                pass
            record = await self.collection.find_one({"_id": record_id})
            if record is None:
                continue  # released between our insert and our read: insert again
            outcome = decide(record, fingerprint, now)
            if outcome is Outcome.REPLAY:
                return Begun(outcome, answer=_answer(record["answer"]))
            if outcome is not Outcome.TAKE_OVER:
                return Begun(outcome)
            if await self._take_over(record, self._claim(record_id, caller, fingerprint, token, now), now):
                return Begun(Outcome.CLAIM, token)
        return Begun(Outcome.IN_PROGRESS)  # others keep claiming and releasing it: this one is told to retry

    async def complete(self, record_id: str, token: str, answer: Answer, now: datetime) -> None:
        stored = {"status": answer.status, "headers": [{"name": k, "value": v} for k, v in answer.headers],
                  "body": Binary(answer.body)}  # no nested arrays: FerretDB v1 refuses them
        result = await self.collection.update_one(
            {"_id": record_id, "token": token},
            {"$set": {"state": DONE, "answer": stored, "answered_at": now, "expires_at": now + self.ttl}})
        if result.matched_count == 0:
            log.warning("idempotency key %s was taken over before its answer (%s) was stored", record_id,
                        answer.status)

    async def renew(self, record_id: str, token: str, now: datetime) -> None:
        """Extend a running request's claim. Never concurrent with `complete` or `release` of the same claim (the
        middleware stops renewing first): on FerretDB an update rewrites the whole document it read."""
        await self.collection.update_one({"_id": record_id, "token": token, "state": PROCESSING},
                                         {"$set": {"claimed_until": now + self.claim_time}})

    async def release(self, record_id: str, token: str) -> None:
        await self.collection.delete_one({"_id": record_id, "token": token})

    async def purge(self, now: datetime) -> int:
        """Delete what expired (the runtime's periodic `idempotency-purge` job)."""
        return (await self.collection.delete_many({"expires_at": {"$lt": now}})).deleted_count

    def _claim(self, record_id: str, caller: str, fingerprint: str, token: str, now: datetime) -> dict[str, Any]:
        return {"_id": record_id, "caller": caller, "fingerprint": fingerprint, "state": PROCESSING, "token": token,
                "claimed_at": now, "claimed_until": now + self.claim_time, "expires_at": now + self.ttl}

    async def _take_over(self, record: dict[str, Any], claim: dict[str, Any], now: datetime) -> bool:
        marker = {"_id": f"{record['_id']}~{record['token']}", "state": "taken-over", "expires_at": now + self.ttl}
        try:
            await self.collection.insert_one(marker)
        except DuplicateKeyError:
            return False  # another request is taking this one over
        result = await self.collection.replace_one({"_id": record["_id"], "token": record["token"]}, claim)
        return result.matched_count == 1


def _answer(stored: dict[str, Any]) -> Answer:
    return Answer(stored["status"], [(h["name"], h["value"]) for h in stored["headers"]], bytes(stored["body"]))
