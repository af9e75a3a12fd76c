"""Reference rows (residential areas, candidate sites, postal outlets) keyed by their own id: not aggregates (no
events, no revision), imported in bulk and read by location. Rows carry their projected x, y (metres). A residential
area registry removed stays as a tombstone (`removed: true`, with its decision date) so an older record arriving
late cannot bring it back."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager

from shared.concurrency import KeyedLock
from shared.mongo import ASCENDING, Collection, ReplaceOne

LIVE = {"removed": {"$ne": True}}


class ReferenceRepository:
    def __init__(self, collection: Collection, indexes: Sequence[str] = ()) -> None:
        self._collection = collection
        self._locks = KeyedLock()
        self._indexes = tuple(indexes)

    async def ensure_indexes(self) -> None:
        for name in self._indexes:
            await self._collection.create_index([(name, ASCENDING)], name=name)

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
        return None if d is None else _row(d)

    async def all(self) -> list[dict]:
        return await self._rows(LIVE)

    async def ids(self, ids: Sequence[str]) -> list[dict]:
        return await self._rows({"_id": {"$in": list(ids)}} | LIVE)

    async def near(self, centres: Sequence[tuple[float, float]], radius: float) -> list[dict]:
        """Rows in the bounding box of the centres (x, y metres) widened by `radius`: a superset of those within it."""
        xs, ys = [c[0] for c in centres], [c[1] for c in centres]
        box = {"x": {"$gte": min(xs) - radius, "$lte": max(xs) + radius},
               "y": {"$gte": min(ys) - radius, "$lte": max(ys) + radius}}
        return await self._rows(box | LIVE)

    async def flagged_page(self, skip: int, limit: int) -> tuple[list[dict], int]:
        """Residential areas stored with a broken planning condition, for the commerce officer: one page of them
        (by id), and how many there are."""
        return await self.page({"planning_flagged": True}, skip, limit)

    async def page(self, filters: Mapping[str, str], skip: int, limit: int) -> tuple[list[dict], int]:
        """One page of the live rows matching `filters` (equality on indexed fields), by id, and how many match."""
        query = dict(filters) | LIVE
        cursor = self._collection.find(query).sort("_id", ASCENDING).skip(skip).limit(limit)
        return [_row(d) async for d in cursor], await self._collection.count_documents(query)

    async def live(self, row_id: str) -> dict | None:
        """The row, unless it is unknown or removed."""
        row = await self.get(row_id)
        return None if row is None or row.get("removed") else row

    async def community_known(self, community_id: str) -> bool:
        """Whether a live row names this community (registry's residential areas carry their community)."""
        return await self._collection.find_one({"community_id": community_id} | LIVE, {"_id": 1}) is not None

    async def reassign_community(self, old: str, new: str | None, *, abolished_on: str) -> None:
        """Rows naming community `old` now name `new` (a merger's absorbing community); with `new` None (abolished
        outright) they name none and keep `old` as `abolished_community_id`, with its decision date."""
        marks = {"community_id": new} if new is not None else \
            {"community_id": None, "abolished_community_id": old, "community_abolished_on": abolished_on}
        await self._collection.update_many({"community_id": old}, {"$set": marks})

    async def _rows(self, query: dict) -> list[dict]:
        return [_row(d) async for d in self._collection.find(query)]


def _row(d: dict) -> dict:
    return {**d, "id": d.pop("_id")}


def _doc(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "id"} | {"_id": row["id"]}
