"""Leadership among replicas for one named job (the outbox relay, a deadline watcher), without a lock service.

Time is cut into slots of `ttl` seconds; whoever inserts `{_id: "<job>:<slot>"}` first holds the job for that slot.
A unique `_id` is the one write FerretDB v1 makes atomic (its updates are unlocked read-modify-writes), and it is
atomic on MongoDB too. The holder claims the next slot half-way through its own, so it keeps the job while alive;
when it dies, the next slot nobody claimed is taken by another replica: fail-over within two slots. A holder that
could not claim the next slot stops `margin` seconds before its slot ends, so two holders never overlap.
Every replica must use the same `ttl`: slots are numbered by it.
A claimed slot is never taken back (claims are inserts), so once this holder has seen that it holds the job, it
answers from memory until the next moment it must claim a slot: the relay asks before every chunk it publishes.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone

from shared.mongo import Collection, DuplicateKeyError


class Lease:
    def __init__(self, collection: Collection, job: str, holder: str, *, ttl: float = 5.0,
                 margin: float = 1.0, clock: Callable[[], float] = time.time) -> None:
        self._collection, self._job, self.holder = collection, job, holder
        if not 0 <= margin <= ttl / 2:
            raise ValueError("margin must lie within the first half of a slot: the holder claims the next one there")
        self._ttl, self._margin, self._clock = ttl, margin, clock
        self._sure_until = float("-inf")  # leader without asking until then: the next half-slot claim point

    async def is_leader(self) -> bool:
        """Claim what is claimable now, then say whether this holder may run the job at this moment."""
        now = self._clock()
        if now < self._sure_until:
            return True
        slot = int(now // self._ttl)
        if await self._owner(slot) != self.holder:
            return False
        second_half = now - slot * self._ttl >= self._ttl / 2
        owns_next = await self._owner(slot + 1, claim=second_half) == self.holder
        if owns_next:
            self._sure_until = (slot + 1.5) * self._ttl
        elif not second_half:
            self._sure_until = (slot + 0.5) * self._ttl
        return owns_next or (slot + 1) * self._ttl - now > self._margin

    async def _owner(self, slot: int, *, claim: bool = True) -> str | None:
        key = f"{self._job}:{slot}"
        if claim:
            try:
                await self._collection.insert_one({"_id": key, "job": self._job, "slot": slot, "holder": self.holder,
                                                   "at": datetime.now(timezone.utc)})
                await self._forget_old(slot)
                return self.holder
            except DuplicateKeyError:
                pass
        doc = await self._collection.find_one({"_id": key}, {"holder": 1})
        return doc["holder"] if doc else None

    async def _forget_old(self, slot: int) -> None:
        if slot % 100 == 0:
            await self._collection.delete_many({"job": self._job, "slot": {"$lt": slot - 100}})
