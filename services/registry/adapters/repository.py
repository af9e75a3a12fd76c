"""Employers, one document each (application → registration → deregistration): the only place with queries."""
from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date

from services.registry.domain.model import Employer, EmployerStatus
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import ASCENDING, DuplicateKeyError
from shared.store import AggregateStore, Loaded

_RETIRED = {EmployerStatus.REJECTED, EmployerStatus.DEREGISTERED}
_QUERY_FIELDS = ("uscc_key", "certificate_status", "inspected_years")


@dataclass(frozen=True)
class Page:
    items: list[Employer]
    total: int


class EmployerRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        """One live unit per USCC; a rejected or deregistered one frees its code (its key names the employer)."""
        collection = self._store.collection
        await collection.create_index("uscc_key", unique=True, name="uscc_key_unique")
        for field in ("status", "district_code", "name"):
            await collection.create_index([(field, ASCENDING)], name=field)

    def lock(self, employer_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(employer_id)

    async def load(self, employer_id: str) -> tuple[Employer | None, Loaded | None]:
        loaded = await self._store.load(employer_id)
        return (None, None) if loaded is None else (_from_doc(loaded.state), loaded)

    async def get(self, employer_id: str) -> Employer | None:
        """For reads: the state only (one round trip); writers use `load`."""
        state = await self._store.state(employer_id)
        return None if state is None else _from_doc(state)

    async def save(self, employer: Employer, events: Sequence[Event], *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        try:
            await self._store.save(employer.id, _to_doc(employer), events, loaded=loaded, caused_by=caused_by)
        except DuplicateKeyError:
            raise Conflict(f"an employer with USCC {employer.uscc} is already registered or applying",
                           uscc=employer.uscc) from None

    async def add(self, employer: Employer, events: Sequence[Event]) -> None:
        async with self.lock(employer.id):
            await self.save(employer, events, loaded=None)

    async def id_by_uscc(self, uscc: str) -> str | None:
        """The live (not rejected, not deregistered) unit holding `uscc`, if any."""
        found = await self._store.collection.find_one({"uscc_key": uscc}, {"_id": 1})
        return found["_id"] if found else None

    async def search(self, *, name: str | None = None, uscc: str | None = None, district: str | None = None,
                     status: str | None = None, page: int = 1, size: int = 20) -> Page:
        query: dict = {}
        if name:
            query["name"] = {"$regex": re.escape(name)}
        query |= {k: v for k, v in (("uscc", uscc), ("district_code", district), ("status", status)) if v}
        return await self._page(query, page, size)

    async def overdue_applications(self, today: date, page: int = 1, size: int = 20) -> Page:
        """Applications still under review after their 10-working-day deadline (review_due before today)."""
        query = {"status": EmployerStatus.APPLIED.value, "application.review_due": {"$lt": today.isoformat()}}
        return await self._page(query, page, size)

    async def applications(self, page: int = 1, size: int = 20) -> Page:
        return await self._page({"status": EmployerStatus.APPLIED.value}, page, size)

    async def ids_not_inspected(self, year: int) -> list[str]:
        """Ids of units with a valid certificate and no inspection for `year` (the domain decides who lapses)."""
        cursor = self._store.collection.find(
            {"certificate_status": "valid", "inspected_years": {"$nin": [year]}}, {"_id": 1}).sort("_id", ASCENDING)
        return [doc["_id"] async for doc in cursor]

    async def _page(self, query: dict, page: int, size: int) -> Page:
        collection = self._store.collection
        cursor = collection.find(query).sort("_id", ASCENDING).skip((page - 1) * size).limit(size)
        items = [_from_doc(doc) async for doc in cursor]
        return Page(items, await collection.count_documents(query))


def _to_doc(employer: Employer) -> dict:
    doc = employer.model_dump(mode="json")
    retired = employer.status in _RETIRED
    doc["uscc_key"] = f"{employer.uscc}/{employer.id}" if retired else employer.uscc
    doc["certificate_status"] = employer.certificate.status.value if employer.certificate else None
    doc["inspected_years"] = sorted(employer.inspected_years)
    return doc


def _from_doc(doc: dict) -> Employer:
    return Employer.model_validate({k: v for k, v in doc.items() if k not in _QUERY_FIELDS and k[0] != "_"})
