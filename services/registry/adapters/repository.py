from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from services.registry.domain.employer import Employer, EmployerStatus
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import DuplicateKeyError
from shared.store import AggregateStore


class EmployerRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        await self._store.collection.create_index("uscc", unique=True, name="uscc_unique")

    async def add(self, employer: Employer, events: Sequence[Event]) -> None:
        async with self._store.lock(employer.id):
            try:
                await self._store.save(employer.id, _to_doc(employer), events, loaded=None)
            except DuplicateKeyError:
                raise Conflict(f"an employer with USCC {employer.uscc} is already registered",
                               uscc=employer.uscc) from None

    async def get(self, employer_id: str) -> Employer | None:
        loaded = await self._store.load(employer_id)
        return None if loaded is None else _from_doc(loaded.id, loaded.state)


def _to_doc(employer: Employer) -> dict:
    return {"name": employer.name, "uscc": employer.uscc, "district_code": employer.district_code,
            "status": employer.status.value, "registered_on": employer.registered_on.isoformat()}


def _from_doc(employer_id: str, doc: dict) -> Employer:
    return Employer(employer_id, doc["name"], doc["uscc"], doc["district_code"], EmployerStatus(doc["status"]),
                    date.fromisoformat(doc["registered_on"]))
