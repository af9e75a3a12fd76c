"""What communities and residential areas share as stored: a live record's name is unique in its district (and
street), a retired one frees it (`name_key` then names the record); listed by district, live ones by default."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from services.registry.domain.community import Community
from services.registry.domain.residential_area import ResidentialArea
from services.registry.domain.problems import conflict
from shared.errors import Conflict
from shared.events import Event
from shared.paging import PageRequest
from shared.repository import AggregateRepository, Codec, Page

Place = TypeVar("Place", Community, ResidentialArea)
INDEXES = (("name_key", {"unique": True, "name": "name_key_unique"}), "district_code", "status_key")


def place_codec(model: type[Place], *, name_key: Callable[[Place], str], district: Callable[[Place], str]
                ) -> Codec[Place]:
    def query_fields(place: Place) -> dict[str, Any]:
        key = name_key(place)
        return {"name_key": key if place.active else f"{key}#{place.id}", "status_key": place.status.value,
                "district_code": district(place)}

    return Codec.of(model, derived=query_fields, derived_fields=("name_key", "district_code", "status_key"))


def name_taken(what: str, name: Callable[[Place], str]) -> Callable[[Place], Conflict]:
    """The 409 the unique name refuses a second live record with."""
    return lambda place: conflict(f"a {what} named {name(place)} already exists here", "unique-name", field="name",
                                  name=name(place))


@dataclass
class PlaceRepository(AggregateRepository[Place]):
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = INDEXES

    async def add_many(self, places: Sequence[tuple[Place, Event]]) -> set[int]:
        """New records with one event each, in bulk; returns the positions refused as duplicates."""
        return await self.store.insert_many([(self.codec.key(p), self.codec.to_document(p), [e]) for p, e in places])

    async def search(self, paging: PageRequest, *, district: str | None = None, include_retired: bool = False
                     ) -> Page[Place]:
        query: dict = {"district_code": district} if district else {}
        if not include_retired:
            query["status_key"] = "active"
        return await self.page(query, paging.page, paging.size)

    async def active_among(self, record_ids: set[str]) -> set[str]:
        """Which of these ids name a live record."""
        if not record_ids:
            return set()
        cursor = self.collection.find({"_id": {"$in": sorted(record_ids)}, "status_key": "active"}, {"_id": 1})
        return {doc["_id"] async for doc in cursor}

    async def is_active(self, record_id: str) -> bool:
        """A live record (not abolished or removed) with this id."""
        return await self.collection.find_one({"_id": record_id, "status_key": "active"}, {"_id": 1}) is not None
