"""Payroll runs, bonus runs, the community projection and station rosters."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, datetime, timezone

from services.workforce.domain.staffing import Community, Profile, Verdict
from shared.errors import Conflict
from shared.events import Event
from shared.mongo import Collection, DuplicateKeyError
from shared.store import AggregateStore, Loaded


class RunRepository:
    """One document per run, keyed by what may run once (a month; a street's year): a second run is a 409."""

    def __init__(self, collection: Collection, what: str) -> None:
        self._collection = collection
        self._what = what

    async def add(self, key: str, run: dict) -> None:
        try:
            await self._collection.insert_one({"_id": key, **run, "created_at": datetime.now(timezone.utc)})
        except DuplicateKeyError:
            raise Conflict(f"the {self._what} for {key} has already been run", rule=f"one-{self._what}-run",
                           key=key) from None

    async def get(self, key: str) -> dict | None:
        return await self._collection.find_one({"_id": key}, {"created_at": 0})


class CommunityRepository:
    """Workforce's projection of registry's communities, with the last staffing verdict (the outbox carries the
    counted and shortfall events in the same write)."""

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    def lock(self, community_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(community_id)

    async def load(self, community_id: str) -> tuple[Community | None, Verdict, Loaded | None]:
        loaded = await self._store.load(community_id)
        if loaded is None:
            return None, Verdict(), None
        return _community(loaded.id, loaded.state), _verdict(loaded.state), loaded

    async def save(self, community: Community, verdict: Verdict, events: Sequence[Event] = (), *,
                   loaded: Loaded | None, caused_by: str | None = None) -> None:
        doc = {"name": community.name, "rural": community.rural, "households": community.households,
               "migrants": community.migrants, "profile": community.profile.value,
               "district_code": community.district_code, "effective_on": _iso(community.effective_on),
               "abolished_on": _iso(community.abolished_on), "merged_into": community.merged_into,
               "short": verdict.short, "counted": verdict.counted}
        await self._store.save(community.id, doc, events, loaded=loaded, caused_by=caused_by)

    async def all(self) -> list[tuple[Community, Verdict]]:
        return [(_community(d["_id"], d), _verdict(d)) async for d in self._store.collection.find({}).sort("_id", 1)]


def _community(community_id: str, d: dict) -> Community:
    return Community(community_id, d["name"], d["rural"], d["households"], d["migrants"], Profile(d["profile"]),
                     d.get("district_code", ""), _date(d.get("effective_on")), _date(d.get("abolished_on")),
                     d.get("merged_into"))


def _verdict(d: dict) -> Verdict:
    return Verdict(short=d.get("short", False), counted=d.get("counted", 0))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


class RosterRepository:
    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    async def put(self, community_id: str, roster: dict) -> None:
        await self._collection.replace_one({"_id": community_id}, {"_id": community_id, **roster}, upsert=True)

    async def get(self, community_id: str) -> dict | None:
        return await self._collection.find_one({"_id": community_id})
