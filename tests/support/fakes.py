"""An in-memory stand-in for a service's aggregate repository (the real ones wrap `shared.store.AggregateStore`):
lock, load → (aggregate, Loaded with the event ids it applied), get, save(aggregate, events, loaded=, caused_by=)."""
from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager

from shared.store import Loaded


class InMemoryAggregates:
    def __init__(self, *aggregates, key: Callable = lambda aggregate: aggregate.id) -> None:
        self.key = key
        self.docs: dict[str, tuple] = {key(a): (a, []) for a in aggregates}
        self.saved: list[list] = []  # the events of each save, in order

    @property
    def saves(self) -> int:
        return len(self.saved)

    @property
    def events(self) -> list:
        return [event for events in self.saved for event in events]

    @asynccontextmanager
    async def lock(self, aggregate_id):
        yield

    async def load(self, aggregate_id):
        if aggregate_id not in self.docs:
            return None, None
        aggregate, applied = self.docs[aggregate_id]
        return aggregate, Loaded(aggregate_id, {}, rev=1, applied=list(applied))

    async def get(self, aggregate_id):
        return (await self.load(aggregate_id))[0]

    async def save(self, aggregate, events=(), *, loaded, caused_by=None):
        applied = (loaded.applied if loaded else []) + ([caused_by] if caused_by else [])
        self.docs[self.key(aggregate)] = (aggregate, applied)
        self.saved.append(list(events))
