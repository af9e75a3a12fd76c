"""Workforce's staffing counts per community, for the compliance report: a projection, not an aggregate (no
events, no revision; a later day's count wins)."""
from __future__ import annotations

from datetime import date

from shared.concurrency import KeyedLock
from shared.mongo import Collection, DuplicateKeyError


class StaffingCounts:
    """Workforce's latest count of full-time workers per community (a projection of workforce.staffing.counted)."""

    def __init__(self, collection: Collection, locks: KeyedLock) -> None:
        self._collection = collection
        self._locks = locks

    async def record(self, community_id: str, actual: int, counted_on: date) -> None:
        """Kept unless a count of a later day is already stored (events of one day arrive in order)."""
        doc = {"actual": actual, "counted_on": counted_on.isoformat()}
        async with self._locks.hold(("community_staffing", community_id)):
            try:
                await self._collection.replace_one(
                    {"_id": community_id, "counted_on": {"$lte": counted_on.isoformat()}}, doc, upsert=True)
            except DuplicateKeyError:
                pass  # the stored count is of a later day

    async def actual(self, community_id: str) -> int | None:
        doc = await self._collection.find_one({"_id": community_id})
        return None if doc is None else doc["actual"]
