"""The one shape of every use case on an existing employer: lock → load → decide → save."""
from __future__ import annotations

from collections.abc import Callable

from services.registry.adapters.repository import EmployerRepository
from services.registry.domain.model import Employer
from shared.errors import NotFound
from shared.events import Event

Decide = Callable[[Employer], tuple[Employer, list[Event]]]


async def update(employers: EmployerRepository, employer_id: str, decide: Decide) -> Employer:
    """Run `decide` on the stored employer under its lock and save its state and events in one write."""
    async with employers.lock(employer_id):
        employer, loaded = await employers.load(employer_id)
        if employer is None:
            raise NotFound(f"no employer {employer_id}")
        changed, events = decide(employer)
        await employers.save(changed, events, loaded=loaded)
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
