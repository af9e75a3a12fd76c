"""The one shape of a use case on an existing aggregate: lock → load → decide → save, state and events in one
write. `decide` is the domain's rule (pure), given the aggregate and returning `(new aggregate, events)`; it may be
async when it must read something first (the reading stays in the application, the rule stays pure)."""
from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from shared.errors import NotFound
from shared.events import Event
from shared.ports import Repository

A = TypeVar("A")
Decision = tuple[A, Sequence[Event]]
Decide = Callable[[A], "Decision[A] | Awaitable[Decision[A]]"]


async def change(repository: Repository[A], aggregate_id: str, decide: Decide[A], *, what: str) -> A:
    """Run `decide` on the stored aggregate under its lock and save the outcome; a missing one is 404
    "no <what> <id>". Returns the saved aggregate."""
    async with repository.lock(aggregate_id):
        aggregate, loaded = await repository.load(aggregate_id)
        if aggregate is None:
            raise NotFound(f"no {what} {aggregate_id}")
        changed, events = await _decided(decide(aggregate))
        if changed != aggregate or events:  # nothing decided, nothing written
            await repository.save(changed, events, loaded=loaded)
        return changed


async def apply_once(repository: Repository[A], aggregate_id: str, event_id: str, decide: Decide[A], *,
                     missing: str | None = None) -> A | None:
    """The same for an inbound event, once per event id (the aggregate remembers the events it applied, so a
    redelivery the inbox missed changes nothing). A missing aggregate is skipped, or with `missing` raises
    NotFound(missing) so the consumer retries and then parks the event with that reason."""
    async with repository.lock(aggregate_id):
        aggregate, loaded = await repository.load(aggregate_id)
        if aggregate is None:
            if missing is not None:
                raise NotFound(missing)
            return None
        if loaded is not None and loaded.has_applied(event_id):
            return None
        changed, events = await _decided(decide(aggregate))
        # Saved even when it changes nothing: the event id must be remembered, or a redelivery that arrives after
        # a later event changed the aggregate would be decided again against state it was never meant for.
        await repository.save(changed, events, loaded=loaded, caused_by=event_id)
        return changed


async def change_or_create(repository: Repository[A], aggregate_id: str,
                           decide: Callable[[A | None], "Decision[A] | Awaitable[Decision[A]]"]) -> A:
    """For a use case whose first call creates the aggregate (a community's first star application): `decide`
    gets the stored aggregate or None. Two first calls at once: the unique `_id` refuses the second insert."""
    async with repository.lock(aggregate_id):
        aggregate, loaded = await repository.load(aggregate_id)
        changed, events = await _decided(decide(aggregate))
        await repository.save(changed, events, loaded=loaded)
        return changed


def without_events(change_: Callable[[A], A]) -> Decide[A]:
    """A rule that changes the aggregate and announces nothing."""
    return lambda aggregate: (change_(aggregate), [])


async def _decided(outcome):
    return await outcome if inspect.isawaitable(outcome) else outcome
