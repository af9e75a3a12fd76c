"""The tax authority's notifications, one document each, keyed by the event id that made it.

`recorded_on` (the Beijing day it was published) and `acknowledged` are top-level query fields written with every
save and indexed (FerretDB v1 filters nested keys in Go, not in PostgreSQL)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.contracts.domain.tax_notifications import TaxNotification
from shared.clock import BEIJING
from shared.errors import Conflict, DomainError
from shared.mongo import ASCENDING
from shared.repository import AggregateRepository, Codec, Page

QUERY_FIELDS = ("recorded_on", "acknowledged")


def query_fields(notification: TaxNotification) -> dict[str, Any]:
    return {"recorded_on": notification.recorded_at.astimezone(BEIJING).date().isoformat(),
            "acknowledged": notification.acknowledged}


@dataclass
class TaxNotificationRepository(AggregateRepository[TaxNotification]):
    codec: Codec[TaxNotification] = Codec.of(TaxNotification, derived=query_fields, derived_fields=QUERY_FIELDS)
    what: str = "tax notification"
    duplicate: Callable[[TaxNotification], DomainError] | None = (
        lambda n: Conflict(f"the notification of event {n.id} is already kept"))
    indexes: tuple = ("recorded_on", "acknowledged", "contract_id", "recorded_at")

    async def listing(self, filters, page: int, size: int) -> Page[TaxNotification]:
        """The oldest first (then by id, so pages never overlap)."""
        query: dict[str, Any] = {}
        if filters.since is not None:
            query["recorded_on"] = {"$gte": filters.since.isoformat()}
        if filters.acknowledged is not None:
            query["acknowledged"] = filters.acknowledged
        if filters.contract_id is not None:
            query["contract_id"] = filters.contract_id
        sort = [("recorded_at", ASCENDING), ("_id", ASCENDING)]
        cursor = self.collection.find(query).sort(sort).skip((page - 1) * size).limit(size)
        items = [self.codec.from_document(doc) async for doc in cursor]
        return Page(items, await self.collection.count_documents(query))
