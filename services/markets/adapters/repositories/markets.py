"""Markets: one document per market (its cases and samples inside), Decimals as 2-place strings and dates as ISO
strings (FerretDB v1 has no decimal128)."""
from __future__ import annotations

from dataclasses import dataclass

from services.markets.domain.market import Market, Status
from shared.repository import AggregateRepository, Codec, Page

MARKETS = Codec.of(Market)


@dataclass
class MarketRepository(AggregateRepository[Market]):
    codec: Codec[Market] = MARKETS
    what: str = "market"
    indexes: tuple = ("status", "district_code", "community_id", ("cases.kind", {"name": "cases_kind"}),
                      ("cases.status", {"name": "cases_status"}))

    async def all(self) -> list[Market]:
        return await self.find({})

    async def listing(self, *, district_code: str | None, status: str | None, community_id: str | None,
                      page: int, size: int) -> Page[Market]:
        """The register, by id, filtered on indexed fields (a filter left out matches every market)."""
        query = {k: v for k, v in (("district_code", district_code), ("status", status),
                                   ("community_id", community_id)) if v is not None}
        return await self.page(query, page, size)

    async def with_cases(self, *, kind: str | None, status: str | None, district_code: str | None
                         ) -> list[Market]:
        """Markets with at least one case, narrowed on the indexed case fields (a market matches when any of its
        cases has the kind and any has the status: the caller filters the cases themselves), by id."""
        query: dict = {"cases.kind": kind} if kind else {"cases.0": {"$exists": True}}
        query |= {k: v for k, v in (("cases.status", status), ("district_code", district_code)) if v is not None}
        return await self.find(query)

    async def awaiting_steps(self, statuses: list[str]) -> list[str]:
        """Ids of the markets waiting in one of these statuses (the ones a lifecycle deadline can pass on)."""
        return [d["_id"] async for d in self.collection.find({"status": {"$in": statuses}}, {"_id": 1})]

    async def in_service(self) -> list[dict]:
        """Operating markets, only what coverage needs: id, lon, lat, business area."""
        cursor = self.collection.find({"status": Status.OPERATING.value}, {"lon": 1, "lat": 1, "areas.business": 1})
        return [{"id": d["_id"], "lon": d["lon"], "lat": d["lat"], "area_m2": float(d["areas"]["business"])}
                async for d in cursor]
