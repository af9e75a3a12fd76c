"""The one shape of every use case on an existing aggregate (employer, community, residential area, star record,
technology centre): lock → load → decide → save, state and events in one write."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from services.registry.adapters.repository import EmployerRepository
from services.registry.domain.model import Employer
from shared.errors import NotFound
from shared.events import Event

A = TypeVar("A")
Decide = Callable[[Employer], tuple[Employer, list[Event]]]


async def update(repository: Any, aggregate_id: str, decide: Callable[[A], tuple[A, list[Event]]],
                 what: str = "employer") -> A:
    """Run `decide` on the stored aggregate under its lock and save its state and events in one write; a missing
    one is 404 "no <what> <id>". `repository` has the repositories' lock / load / save(aggregate, events, loaded=)."""
    async with repository.lock(aggregate_id):
        aggregate, loaded = await repository.load(aggregate_id)
        if aggregate is None:
            raise NotFound(f"no {what} {aggregate_id}")
        changed, events = decide(aggregate)
        await repository.save(changed, events, loaded=loaded)
        return changed


async def apply_event(employers: EmployerRepository, employer_id: str, envelope_id: str, decide: Decide) -> None:
    """The same for an inbound event: once per event id (the aggregate remembers what it applied)."""
    async with employers.lock(employer_id):
        employer, loaded = await employers.load(employer_id)
        if employer is None or loaded.has_applied(envelope_id):
            return
        changed, events = decide(employer)
        await employers.save(changed, events, loaded=loaded, caused_by=envelope_id)


def without_events(change: Callable[[Employer], Employer]) -> Decide:
    return lambda employer: (change(employer), [])
