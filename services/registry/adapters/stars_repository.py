"""Star communities, one document each (applications, stars, spot checks, history): the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager

from services.registry.domain.star_community import StarCommunity
from shared.events import Event
from shared.store import AggregateStore, Loaded

_QUERY_FIELDS = ("application_ids",)


class StarCommunityRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    async def ensure_indexes(self) -> None:
        await self._store.collection.create_index("application_ids", name="application_ids")

    def lock(self, community_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(community_id)

    async def load(self, community_id: str) -> tuple[StarCommunity | None, Loaded | None]:
        loaded = await self._store.load(community_id)
        return (None, None) if loaded is None else (_from_doc(loaded.state), loaded)

    async def get(self, community_id: str) -> StarCommunity | None:
        return (await self.load(community_id))[0]

    async def community_of(self, application_id: str) -> str | None:
        doc = await self._store.collection.find_one({"application_ids": application_id}, {"_id": 1})
        return None if doc is None else doc["_id"]

    async def save(self, community: StarCommunity, events: Sequence[Event] = (), *, loaded: Loaded | None) -> None:
        await self._store.save(community.id, _to_doc(community), events, loaded=loaded)


def _to_doc(community: StarCommunity) -> dict:
    return community.model_dump(mode="json") | {"application_ids": [a.id for a in community.applications]}


def _from_doc(doc: dict) -> StarCommunity:
    return StarCommunity.model_validate({k: v for k, v in doc.items() if k not in _QUERY_FIELDS and k[0] != "_"})
