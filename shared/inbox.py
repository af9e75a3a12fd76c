"""Processed event ids per consumer, keyed by event id (the `_id` is unique, so the index is atomic).

A redelivered event that is already here is acked without a second effect. The record is written after the
handler's own write; the window between the two is covered by aggregates remembering the events they applied
(see `AggregateStore`), so a crash there cannot double an effect either.
"""
from __future__ import annotations

from datetime import datetime, timezone

from shared.mongo import Collection, DuplicateKeyError


class Inbox:
    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    async def seen(self, event_id: str) -> bool:
        return await self._collection.find_one({"_id": event_id}, {"_id": 1}) is not None

    async def remember(self, event_id: str, event_type: str) -> None:
        try:
            await self._collection.insert_one(
                {"_id": event_id, "type": event_type, "at": datetime.now(timezone.utc)}
            )
        except DuplicateKeyError:
            pass  # a concurrent redelivery got here first; the effect is guarded by the aggregate
