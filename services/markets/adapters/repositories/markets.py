"""Markets: one document per market (its cases and samples inside), Decimals as 2-place strings and dates as ISO
strings (FerretDB v1 has no decimal128)."""
from __future__ import annotations

from dataclasses import dataclass

from services.markets.domain.market import Market, Status
from shared.repository import AggregateRepository, Codec

MARKETS = Codec.of(Market)


@dataclass
class MarketRepository(AggregateRepository[Market]):
    codec: Codec[Market] = MARKETS
    what: str = "market"
    indexes: tuple[str, ...] = ("status",)

    async def all(self) -> list[Market]:
        return await self.find({})

    async def in_service(self) -> list[dict]:
        """Operating markets, only what coverage needs: id, lon, lat, business area."""
        cursor = self.collection.find({"status": Status.OPERATING.value}, {"lon": 1, "lat": 1, "areas.business": 1})
        return [{"id": d["_id"], "lon": d["lon"], "lat": d["lat"], "area_m2": float(d["areas"]["business"])}
                async for d in cursor]
