"""The one in-memory stand-in for any aggregate repository: it satisfies `shared.ports.Repository` (lock, load,
get, save, add) with no I/O, and records what each save announced. A port that also queries gets a small subclass
(or a function) over `aggregates()` in the test that needs it."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar

from shared.errors import Conflict
from shared.store import Loaded

A = TypeVar("A")


class InMemoryRepository(Generic[A]):
    def __init__(self, *aggregates: A, key: Callable[[A], str] = lambda aggregate: aggregate.id,
                 fail_saves: bool = False) -> None:
        self.key = key
        self.fail_saves = fail_saves
        self.docs: dict[str, tuple[A, list[str]]] = {key(a): (a, []) for a in aggregates}
        self.saved: list[list] = []  # the events of each save, in order

    @property
    def saves(self) -> int:
        return len(self.saved)

    @property
    def events(self) -> list:
        return [event for events in self.saved for event in events]

    def aggregates(self) -> list[A]:
        return [aggregate for aggregate, _ in self.docs.values()]

    def matching(self, **fields: Any) -> list[A]:
        """Stored aggregates whose attributes equal `fields` (a query port's in-memory answer)."""
        return [a for a in self.aggregates() if all(getattr(a, k) == v for k, v in fields.items())]

    @asynccontextmanager
    async def lock(self, aggregate_id: str):
        yield

    async def load(self, aggregate_id: str) -> tuple[A | None, Loaded | None]:
        if aggregate_id not in self.docs:
            return None, None
        aggregate, applied = self.docs[aggregate_id]
        return aggregate, Loaded(aggregate_id, {}, rev=1, applied=list(applied))

    async def get(self, aggregate_id: str) -> A | None:
        return (await self.load(aggregate_id))[0]

    async def save(self, aggregate: A, events: Sequence = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        if self.fail_saves:
            raise ConnectionError("the database did not answer")
        if loaded is None and self.key(aggregate) in self.docs:
            raise Conflict(f"{self.key(aggregate)} exists")
        applied = (loaded.applied if loaded else []) + ([caused_by] if caused_by else [])
        self.docs[self.key(aggregate)] = (aggregate, applied)
        self.saved.append(list(events))

    async def add(self, aggregate: A, events: Sequence = (), *, caused_by: str | None = None) -> None:
        await self.save(aggregate, events, loaded=None, caused_by=caused_by)

