"""Technology centres, one document per enterprise (id = employer id): the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.registry.domain.technology_centre_record import TechnologyCentre
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page


@dataclass
class TechnologyCentreRepository(AggregateRepository[TechnologyCentre]):
    codec: Codec[TechnologyCentre] = Codec.of(TechnologyCentre)
    what: str = "technology centre for enterprise"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = ("status",)

    async def certified(self, employer_ids: list[str]) -> list[str]:
        """Which of these enterprises hold a certified centre now (the subsidiary / consolidation rule)."""
        if not employer_ids:
            return []
        cursor = self.collection.find({"_id": {"$in": employer_ids}, "status": "certified"}, {"_id": 1})
        return sorted([doc["_id"] async for doc in cursor])

    async def search(self, paging: PageRequest, *, status: str | None = None) -> Page[TechnologyCentre]:
        return await self.page({} if status is None else {"status": status}, paging.page, paging.size)
