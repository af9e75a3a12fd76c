"""Mongo repositories: the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager

from services.markets.adapters.documents import market_doc, market_of
from services.markets.domain.market import Market, Status
from shared.concurrency import KeyedLock
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
    """Reference rows (residential areas, candidate sites, postal outlets) keyed by their own id; no events.
    Rows carry their projected x, y (metres). A residential area registry removed stays as a tombstone
    (`removed: true`, with its decision date) so an older record arriving late cannot bring it back."""

    _LIVE = {"removed": {"$ne": True}}

    def __init__(self, collection: Collection) -> None:
        self._collection = collection
        self._locks = KeyedLock()

    def lock(self, row_id: str) -> AbstractAsyncContextManager[None]:
        """One writer per row in this process: the stale-record check and the write happen under it."""
        return self._locks.hold(row_id)

    async def upsert(self, rows: Sequence[dict]) -> int:
        if rows:
            await self._collection.bulk_write([ReplaceOne({"_id": r["id"]}, _doc(r), upsert=True) for r in rows],
                                              ordered=False)
        return len(rows)

    async def put(self, row: dict) -> None:
        await self._collection.replace_one({"_id": row["id"]}, _doc(row), upsert=True)

    async def get(self, row_id: str) -> dict | None:
        """The row as stored, tombstone included."""
        d = await self._collection.find_one({"_id": row_id})
        return None if d is None else {**d, "id": d.pop("_id")}

    async def all(self) -> list[dict]:
        return [{**d, "id": d.pop("_id")} async for d in self._collection.find(self._LIVE)]

    async def ids(self, ids: Sequence[str]) -> list[dict]:
        return [{**d, "id": d.pop("_id")} async for d in self._collection.find({"_id": {"$in": list(ids)}} | self._LIVE)]

    async def near(self, centres: Sequence[tuple[float, float]], radius: float) -> list[dict]:
        """Rows in the bounding box of the centres (x, y metres) widened by `radius`: a superset of those within it."""
        xs, ys = [c[0] for c in centres], [c[1] for c in centres]
        box = {"x": {"$gte": min(xs) - radius, "$lte": max(xs) + radius},
               "y": {"$gte": min(ys) - radius, "$lte": max(ys) + radius}}
        return [{**d, "id": d.pop("_id")} async for d in self._collection.find(box | self._LIVE)]

    async def flagged(self) -> list[dict]:
        """Residential areas stored with a broken planning condition, for the commerce officer."""
        cursor = self._collection.find({"planning_flagged": True} | self._LIVE)
        return [{**d, "id": d.pop("_id")} async for d in cursor]


def _doc(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "id"} | {"_id": row["id"]}
