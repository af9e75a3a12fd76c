"""What application code needs from storage, as Protocols: the adapters satisfy them, tests pass
`tests.support.fakes.InMemoryRepository`, and no use case imports an adapter."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from typing import Protocol, TypeVar

from shared.clock import Now, Today
from shared.events import Event
from shared.store import Loaded

__all__ = ["Now", "Repository", "Today"]
A = TypeVar("A")


class Repository(Protocol[A]):
    """One aggregate type: `lock` from load to save; `load` for writers; `get` for reads; `save` state and events
    in one write (insert when `loaded` is None); `add` a new one."""

    def lock(self, aggregate_id: str) -> AbstractAsyncContextManager[None]: ...

    async def load(self, aggregate_id: str) -> tuple[A | None, Loaded | None]: ...

    async def get(self, aggregate_id: str) -> A | None: ...

    async def save(self, aggregate: A, events: Sequence[Event] = (), *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None: ...

    async def add(self, aggregate: A, events: Sequence[Event] = (), *, caused_by: str | None = None) -> None: ...
