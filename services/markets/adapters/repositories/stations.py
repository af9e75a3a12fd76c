"""Convenience service stations: one document each (balance, monthly counts, the open day, reconciliations)."""
from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from services.markets.domain.stations import Station
from shared.repository import AggregateRepository, Codec, Page

SITING_LOCK = "__siting__"  # one station opened at a time per process, so two cannot be sited 100 m apart
STATIONS = Codec.of(Station)


@dataclass
class StationRepository(AggregateRepository[Station]):
    codec: Codec[Station] = STATIONS
    what: str = "station"
    indexes: tuple[str, ...] = ("status", "community_id")

    def siting_lock(self) -> AbstractAsyncContextManager[None]:
        return self.lock(SITING_LOCK)

    async def active_locations(self) -> list[dict]:
        cursor = self.collection.find({"status": "active"}, {"lon": 1, "lat": 1})
        return [{"id": d["_id"], "lon": d["lon"], "lat": d["lat"]} async for d in cursor]

    async def listing(self, *, status: str | None, community_id: str | None, page: int, size: int) -> Page[Station]:
        """The stations, by id, filtered on indexed fields (a filter left out matches every station)."""
        query = {k: v for k, v in (("status", status), ("community_id", community_id)) if v is not None}
        return await self.page(query, page, size)

    async def active_ids(self) -> list[str]:
        return [d["_id"] async for d in self.collection.find({"status": "active"}, {"_id": 1})]

    async def serving(self, community_id: str) -> list[str]:
        """Ids of the stations that name this community (indexed)."""
        return [d["_id"] async for d in self.collection.find({"community_id": community_id}, {"_id": 1})]
