"""Technology centres, one document per enterprise (id = employer id): the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from datetime import date

from services.registry.domain.technology_centre_record import TechnologyCentre, pending_due
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page


def _query_fields(centre: TechnologyCentre) -> dict[str, Any]:
    due = pending_due(centre)
    return {"pending_due": due.isoformat() if due else None}


TECHNOLOGY_CENTRE = Codec.of(TechnologyCentre, derived=_query_fields, derived_fields=("pending_due",))


@dataclass
class TechnologyCentreRepository(AggregateRepository[TechnologyCentre]):
    codec: Codec[TechnologyCentre] = TECHNOLOGY_CENTRE
    what: str = "technology centre for enterprise"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = ("status", "pending_due")

    async def past_due(self, on: date) -> list[TechnologyCentre]:
        """Centres with a deadline pending before `on` (a result, a rectification plan); records written before
        `pending_due` existed are read too while applied or certified (the domain decides)."""
        return await self.find({"$or": [{"pending_due": {"$lt": on.isoformat()}},
                                        {"pending_due": {"$exists": False},
                                         "status": {"$in": ["applied", "certified"]}}]})

    async def certified(self, employer_ids: list[str]) -> list[str]:
        """Which of these enterprises hold a certified centre now (the subsidiary / consolidation rule)."""
        if not employer_ids:
            return []
        cursor = self.collection.find({"_id": {"$in": employer_ids}, "status": "certified"}, {"_id": 1})
        return sorted([doc["_id"] async for doc in cursor])

    async def search(self, paging: PageRequest, *, status: str | None = None) -> Page[TechnologyCentre]:
        return await self.page({} if status is None else {"status": status}, paging.page, paging.size)
