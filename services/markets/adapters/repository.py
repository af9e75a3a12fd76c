"""Mongo repositories: the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager

from services.markets.adapters.documents import market_doc, market_of
from services.markets.domain.market import Market, Status
from shared.events import Event
from shared.mongo import ASCENDING, Collection, ReplaceOne
from shared.store import AggregateStore, Loaded


class MarketRepository:
    """One document per market (its cases and samples inside), written only through the AggregateStore."""

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        await self._store.collection.create_index([("status", ASCENDING)], name="status")

    def lock(self, market_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(market_id)

    async def load(self, market_id: str) -> tuple[Market | None, Loaded | None]:
        loaded = await self._store.load(market_id)
        return (None, None) if loaded is None else (market_of(loaded.id, loaded.state), loaded)

    async def get(self, market_id: str) -> Market | None:
        return (await self.load(market_id))[0]

    async def save(self, market: Market, events: Sequence[Event] = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        await self._store.save(market.id, market_doc(market), events, loaded=loaded, caused_by=caused_by)

    async def all(self) -> list[Market]:
        cursor = self._store.collection.find({}, {"_outbox": 0, "_applied": 0})
        return [market_of(d["_id"], d) async for d in cursor]

    async def in_service(self) -> list[dict]:
        """Operating markets, only what coverage needs: id, lon, lat, business area."""
        cursor = self._store.collection.find({"status": Status.OPERATING.value},
                                             {"lon": 1, "lat": 1, "areas.business": 1})
        return [{"id": d["_id"], "lon": d["lon"], "lat": d["lat"], "area_m2": float(d["areas"]["business"])}
                async for d in cursor]


class ReferenceRepository:
    """Imported reference rows (residential areas, candidate sites) keyed by their own id; no events."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    async def upsert(self, rows: Sequence[dict]) -> int:
        if rows:
            await self._collection.bulk_write([ReplaceOne({"_id": r["id"]}, _doc(r), upsert=True) for r in rows],
                                              ordered=False)
        return len(rows)

    async def all(self) -> list[dict]:
        return [{**d, "id": d.pop("_id")} async for d in self._collection.find({})]

    async def ids(self, ids: Sequence[str]) -> list[dict]:
        return [{**d, "id": d.pop("_id")} async for d in self._collection.find({"_id": {"$in": list(ids)}})]


def _doc(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "id"} | {"_id": row["id"]}
