"""Gap-free sequences allocated by inserting a unique key, never by `$inc`.

On FerretDB v1 `$inc`/findAndModify is an unlocked read-modify-write that loses updates under concurrency,
but a unique index is enforced atomically by the backend. So number N of a scope is *claimed* by inserting
`{_id: "<scope>:<N>"}`; whoever gets a duplicate-key error moves on to N+1. An in-process lock per scope keeps
one process from racing itself; the unique key settles races between processes (replicas).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from shared.concurrency import KeyedLock
from shared.mongo import DESCENDING, Collection, DuplicateKeyError, OutageGate


class SequenceAllocator:
    def __init__(self, collection: Collection, locks: KeyedLock | None = None) -> None:
        self._collection = collection
        self._locks = locks or KeyedLock()
        # Next number to try per scope. Reading the last claim is a sorted query, and FerretDB v1 pushes no sort
        # down to its backend (handler/msg_find.go): it decodes and sorts the collection, so it is read once per
        # scope, not per allocation.
        self._next: dict[str, int] = {}
        # Every allocation of a scope waits for the one before it: in an outage they fail together, not in turn.
        self._outage = OutageGate("sequence store")

    async def ensure_indexes(self) -> None:
        await self._collection.create_index([("scope", 1), ("n", 1)], unique=True, name="scope_n")

    async def allocate(self, scope: str, owner: Any = None) -> int:
        """The next number of `scope` (1, 2, 3, …), recorded with who got it."""
        queued_at = self._outage.queued()
        async with self._locks.hold(scope), self._outage.guard(queued_at):
            n = self._next.get(scope) or await self._last(scope) + 1
            while True:
                try:
                    await self._collection.insert_one({"_id": f"{scope}:{n}", "scope": scope, "n": n,
                                                       "owner": owner, "at": datetime.now(timezone.utc)})
                    self._next[scope] = n + 1
                    return n
                except DuplicateKeyError:
                    n += 1  # another process claimed it first

    async def claim(self, scope: str, n: int, owner: Any = None) -> bool:
        """Claim the given number `n` of `scope` (a number issued before this register, brought in by an import):
        False if it is taken already. `allocate` skips a claimed number like one another process took."""
        async with self._locks.hold(scope):
            try:
                await self._collection.insert_one({"_id": f"{scope}:{n}", "scope": scope, "n": n, "owner": owner,
                                                   "at": datetime.now(timezone.utc)})
                return True
            except DuplicateKeyError:
                return False

    async def release(self, scope: str, n: int) -> None:
        """Give back `n` of `scope`, claimed for a write that was then refused, so this allocator hands it out next
        (a number no record ever carried is not a gap in the register)."""
        async with self._locks.hold(scope):
            await self._collection.delete_one({"_id": f"{scope}:{n}"})
            self._next[scope] = min(self._next.get(scope, n), n)

    async def _last(self, scope: str) -> int:
        doc = await self._collection.find_one({"scope": scope}, {"n": 1}, sort=[("n", DESCENDING)])
        return doc["n"] if doc else 0
