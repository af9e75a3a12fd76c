"""Communities and residential areas, one document each, and workforce's staffing counts: the only place with
their queries. A live record's name is unique in its district (and street); a retired one frees it."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel

from services.registry.domain.community import Community
from services.registry.domain.residential_area import ResidentialArea
from shared.concurrency import KeyedLock
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import ASCENDING, Collection, DuplicateKeyError
from shared.store import AggregateStore, Loaded

Record = TypeVar("Record", Community, ResidentialArea)
_QUERY_FIELDS = ("name_key", "district_code", "status_key")


@dataclass(frozen=True)
class Page(Generic[Record]):
    items: list[Record]
    total: int


class _PlaceRepository(Generic[Record]):
    model: type[BaseModel]
    what: str

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        collection = self._store.collection
        await collection.create_index("name_key", unique=True, name="name_key_unique")
        for field in ("district_code", "status_key"):
            await collection.create_index([(field, ASCENDING)], name=field)

    def lock(self, record_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(record_id)

    async def load(self, record_id: str) -> tuple[Record | None, Loaded | None]:
        loaded = await self._store.load(record_id)
        return (None, None) if loaded is None else (self._from_doc(loaded.state), loaded)

    async def get(self, record_id: str) -> Record | None:
        return (await self.load(record_id))[0]

    async def save(self, record: Record, events: Sequence[Event], *, loaded: Loaded | None) -> None:
        try:
            await self._store.save(record.id, self._to_doc(record), events, loaded=loaded)
        except DuplicateKeyError:
            raise Conflict(f"a {self.what} named {self._name(record)} already exists here",
                           name=self._name(record)) from None

    async def add(self, record: Record, events: Sequence[Event]) -> None:
        async with self.lock(record.id):
            await self.save(record, events, loaded=None)

    async def add_many(self, records: Sequence[tuple[Record, Event]]) -> set[int]:
        """New records with one event each, in bulk; returns the positions refused as duplicates."""
        return await self._store.insert_many([(r.id, self._to_doc(r), [e]) for r, e in records])

    async def search(self, *, district: str | None = None, include_retired: bool = False, page: int = 1,
                     size: int = 50) -> Page[Record]:
        query: dict = {"district_code": district} if district else {}
        if not include_retired:
            query["status_key"] = "active"
        collection = self._store.collection
        cursor = collection.find(query).sort("_id", ASCENDING).skip((page - 1) * size).limit(size)
        return Page([self._from_doc(d) async for d in cursor], await collection.count_documents(query))

    def _to_doc(self, record: Record) -> dict:
        doc = record.model_dump(mode="json")
        key = self._key(record)
        doc |= {"name_key": key if record.active else f"{key}#{record.id}", "status_key": record.status.value,
                "district_code": self._district(record)}
        return doc

    def _from_doc(self, doc: dict) -> Record:
        return self.model.model_validate({k: v for k, v in doc.items() if k not in _QUERY_FIELDS and k[0] != "_"})


class CommunityRepository(_PlaceRepository[Community]):
    model = Community
    what = "community"

    @staticmethod
    def _key(c: Community) -> str:
        return f"{c.figures.district_code}/{c.figures.street}/{c.figures.name}"

    @staticmethod
    def _name(c: Community) -> str:
        return f"{c.figures.street}{c.figures.name}"

    @staticmethod
    def _district(c: Community) -> str:
        return c.figures.district_code


class ResidentialAreaRepository(_PlaceRepository[ResidentialArea]):
    model = ResidentialArea
    what = "residential area"

    @staticmethod
    def _key(a: ResidentialArea) -> str:
        return f"{a.facts.district_code}/{a.facts.name}"

    @staticmethod
    def _name(a: ResidentialArea) -> str:
        return a.facts.name

    @staticmethod
    def _district(a: ResidentialArea) -> str:
        return a.facts.district_code


class StaffingCounts:
    """Workforce's latest count of full-time workers per community (a projection of workforce.staffing.counted)."""

    def __init__(self, collection: Collection, locks: KeyedLock) -> None:
        self._collection = collection
        self._locks = locks

    async def record(self, community_id: str, actual: int, counted_on: date) -> None:
        """Kept unless a count of a later day is already stored (events of one day arrive in order)."""
        doc = {"actual": actual, "counted_on": counted_on.isoformat()}
        async with self._locks.hold(("community_staffing", community_id)):
            try:
                await self._collection.replace_one(
                    {"_id": community_id, "counted_on": {"$lte": counted_on.isoformat()}}, doc, upsert=True)
            except DuplicateKeyError:
                pass  # the stored count is of a later day

    async def actual(self, community_id: str) -> int | None:
        doc = await self._collection.find_one({"_id": community_id})
        return None if doc is None else doc["actual"]
