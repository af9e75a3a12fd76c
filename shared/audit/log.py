"""One process's audit chain in its own database: the records (`audit`) and the checkpoints of its head
(`audit_checkpoints`).

Appends are safe across replicas without transactions (FerretDB v1 has none): position n is claimed by inserting
`_id = n` (a unique key, atomic on FerretDB v1); a replica that loses the race re-reads the head and tries n+1. An
in-process lock keeps one process from racing itself. A checkpoint is inserted as `_id = n` too, so two replicas
checkpointing the same head write it once.
"""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from shared.audit.chain import (GENESIS, Entry, Verification, seal_checkpoint, seal_record, sound_checkpoints,
                                verify_chain, verify_end)
from shared.audit.keys import Keyring
from shared.mongo import ASCENDING, DESCENDING, Collection, DuplicateKeyError, OutageGate

CHECKPOINT_EVERY = 100
"""Every 100th position is checkpointed by the replica that appends it; the periodic job covers the rest."""
log = logging.getLogger(__name__)


class AuditLog:
    def __init__(self, records: Collection, checkpoints: Collection, keys: Keyring, *, chain: str) -> None:
        self._records, self._checkpoints = records, checkpoints
        self.keys, self.chain = keys, chain
        self._lock = asyncio.Lock()
        self._outage = OutageGate("audit store")
        # The record this process appended last: reading the head is a sorted query, which FerretDB v1 answers by
        # decoding and sorting the collection (it pushes no sort down), so it is re-read only when another replica
        # got ahead.
        self._last: dict | None = None

    async def ensure_indexes(self) -> None:
        await self._records.create_index([("n", ASCENDING)], unique=True, name="n")

    async def append(self, entry: Entry) -> dict:
        queued_at = self._outage.queued()
        async with self._lock, self._outage.guard(queued_at):
            record = await self._append(entry)
        if record["n"] % CHECKPOINT_EVERY == 0:
            await self._checkpoint_quietly(record)
        return record

    async def _append(self, entry: Entry) -> dict:
        head = self._last or await self._head()
        while True:
            n, prev = (head["n"] + 1, head["mac"]) if head else (1, GENESIS)
            record = seal_record(entry, n=n, prev=prev, chain=self.chain, keys=self.keys,
                                 at=datetime.now(timezone.utc))
            try:
                await self._records.insert_one({"_id": n} | record)
                self._last = record
                return record
            except DuplicateKeyError:
                head = await self._head()  # another replica appended first

    async def checkpoint(self, at: datetime | None = None) -> dict | None:
        """Seal the head as it is now (the periodic job, in one replica per tick); None when the chain is empty."""
        head = await self._records.find_one({}, {"_id": 0}, sort=[("n", DESCENDING)])
        return await self._checkpoint(head) if head else None

    async def _checkpoint(self, head: dict) -> dict:
        checkpoint = seal_checkpoint(head, keys=self.keys, at=datetime.now(timezone.utc))
        try:
            await self._checkpoints.insert_one({"_id": checkpoint["n"]} | checkpoint)
            # Also in the log, which is shipped off the machine: a copy of the head that the database cannot take
            # back.
            log.info("audit checkpoint of %s at record %d: %s", self.chain, checkpoint["n"], checkpoint["head"])
        except DuplicateKeyError:
            pass  # this head is checkpointed already
        return checkpoint

    async def _checkpoint_quietly(self, record: dict) -> None:
        try:
            await self._checkpoint(record)
        except Exception:  # noqa: BLE001 - the record is written; the next checkpoint covers it
            log.exception("could not checkpoint the audit chain %s at record %d", self.chain, record["n"])

    async def page(self, after: int = 0, limit: int = 100) -> list[dict]:
        cursor = self._records.find({"n": {"$gt": after}}, {"_id": 0}).sort("n", ASCENDING).limit(limit)
        return await cursor.to_list(limit)

    async def verify(self, batch: int = 500) -> Verification:
        """The whole chain against its checkpoints: the first bad record, a forged checkpoint, or a truncation."""
        checkpoints, forged = sound_checkpoints(await self._checkpoints.find({}, {"_id": 0}).to_list(None),
                                                chain=self.chain, keys=self.keys)
        prev, after = GENESIS, 0
        while records := await self.page(after, batch):
            result = verify_chain(records, chain=self.chain, keys=self.keys, start_prev=prev, start_n=after + 1,
                                  checkpoints=checkpoints)
            if not result.ok:
                return Verification(False, after + result.checked, result.broken_at, result.reason)
            prev, after = records[-1]["mac"], records[-1]["n"]
        if forged is not None:
            return Verification(False, after, forged.broken_at, forged.reason)
        return verify_end(after, checkpoints)

    async def _head(self) -> dict | None:
        return await self._records.find_one({}, {"n": 1, "mac": 1}, sort=[("n", DESCENDING)])
