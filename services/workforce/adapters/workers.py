"""Workers (one document each, through the AggregateStore) and the claims that keep posts and persons unique."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, datetime, timezone

from services.workforce.adapters.documents import worker_from_doc, worker_to_doc
from services.workforce.domain.worker import Worker
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import Collection, DuplicateKeyError
from shared.store import AggregateStore, Loaded


class WorkerRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        for key in ("community_id", "employer_id", "status"):
            await self._store.collection.create_index(key, name=f"{key}_1")

    def lock(self, worker_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(worker_id)

    async def load(self, worker_id: str) -> tuple[Worker | None, Loaded | None]:
        loaded = await self._store.load(worker_id)
        return (None, None) if loaded is None else (worker_from_doc(loaded.id, loaded.state), loaded)

    async def get(self, worker_id: str) -> Worker | None:
        return (await self.load(worker_id))[0]

    async def save(self, worker: Worker, events: Sequence[Event] = (), *, loaded: Loaded | None) -> None:
        await self._store.save(worker.id, worker_to_doc(worker), events, loaded=loaded)

    async def find(self, *, community_id: str | None = None, employer_id: str | None = None,
                   status: str | None = None) -> list[Worker]:
        query = {k: v for k, v in (("community_id", community_id), ("employer_id", employer_id),
                                   ("status", status)) if v is not None}
        return [worker_from_doc(d["_id"], d) async for d in self._store.collection.find(query).sort("_id", 1)]

    async def in_service_between(self, first: date, last: date, employer_id: str | None = None) -> list[Worker]:
        """Workers who started by `last` and had not left before `first`."""
        query: dict = {"start_date": {"$lte": last.isoformat()},
                       "$or": [{"separated_on": None}, {"separated_on": {"$gte": first.isoformat()}}]}
        if employer_id is not None:
            query["employer_id"] = employer_id
        return [worker_from_doc(d["_id"], d) async for d in self._store.collection.find(query).sort("_id", 1)]


class Claims:
    """`{_id: "post:<community>:<post>"}` or `"person:<resident id>"` held by one active worker: the unique `_id`
    is the one write FerretDB v1 makes atomic, so two concurrent hires for one post cannot both succeed."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    async def claim(self, keys: Sequence[tuple[str, str]], worker_id: str) -> None:
        """Claim every (key, rule) or none; a key already held raises Conflict naming its rule."""
        taken: list[str] = []
        for key, rule in keys:
            try:
                await self._collection.insert_one({"_id": key, "worker_id": worker_id,
                                                   "at": datetime.now(timezone.utc)})
                taken.append(key)
            except DuplicateKeyError:
                await self.release(taken)
                held = await self._collection.find_one({"_id": key})
                raise Conflict(f"already held by active worker {held and held['worker_id']}", rule=rule,
                               held_by=held and held["worker_id"]) from None

    async def release(self, keys: Sequence[str]) -> None:
        if keys:
            await self._collection.delete_many({"_id": {"$in": list(keys)}})
