"""Technology centres, one document per enterprise (id = employer id): the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager

from services.registry.domain.technology_centre_record import TechnologyCentre
from shared.events import Event
from shared.store import AggregateStore, Loaded


class TechnologyCentreRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        await self._store.collection.create_index("status", name="status")

    def lock(self, employer_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(employer_id)

    async def load(self, employer_id: str) -> tuple[TechnologyCentre | None, Loaded | None]:
        loaded = await self._store.load(employer_id)
        return (None, None) if loaded is None else (_from_doc(loaded.state), loaded)

    async def get(self, employer_id: str) -> TechnologyCentre | None:
        return (await self.load(employer_id))[0]

    async def certified(self, employer_ids: list[str]) -> list[str]:
        """Which of these enterprises hold a certified centre now (the subsidiary / consolidation rule)."""
        if not employer_ids:
            return []
        cursor = self._store.collection.find({"_id": {"$in": employer_ids}, "status": "certified"}, {"_id": 1})
        return sorted([doc["_id"] async for doc in cursor])

    async def save(self, centre: TechnologyCentre, events: Sequence[Event] = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        await self._store.save(centre.id, centre.model_dump(mode="json"), events, loaded=loaded, caused_by=caused_by)


def _from_doc(doc: dict) -> TechnologyCentre:
    return TechnologyCentre.model_validate({k: v for k, v in doc.items() if k[0] != "_"})
