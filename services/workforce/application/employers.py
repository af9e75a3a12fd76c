"""Registry's employer events → workforce's record of known employers; the reference checks every request that
names an employer or a community goes through (422 naming the field, before anything is stored)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.workforce.application.ports import Communities, Employers
from services.workforce.domain import employers as rules
from services.workforce.domain.employers import KnownEmployer
from shared.errors import Conflict
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered, EmployerRegistered
from shared.usecase import apply_once


async def employer_registered(event: EmployerRegistered, envelope: Envelope, employers: Employers) -> None:
    """社会保险登记: the unit may now be named as a worker's employer."""
    await _record(event.employer_id, envelope.id, employers,
                  lambda current: rules.registered(current, event.employer_id, event.name, event.registered_on))


async def employer_deregistered(event: EmployerDeregistered, envelope: Envelope, employers: Employers) -> None:
    """注销登记: the unit is no longer named in new hires, vacancies or bonus runs."""
    await _record(event.employer_id, envelope.id, employers,
                  lambda current: rules.deregistered(current, event.employer_id, event.deregistered_on))


async def _record(employer_id: str, event_id: str, employers: Employers,
                  decide: Callable[[KnownEmployer | None], KnownEmployer]) -> None:
    """Once per event id: a first record is added, a known one changed under its lock."""
    if await employers.get(employer_id) is None:
        try:
            await employers.add(decide(None), caused_by=event_id)
            return
        except Conflict:
            pass  # recorded meanwhile (another delivery): changed below
    await apply_once(employers, employer_id, event_id, lambda current: (decide(current), []))


@dataclass(frozen=True)
class References:
    """What workforce has learnt of other services' resources: registry's employers and communities."""

    employers: Employers
    communities: Communities

    async def check(self, *, employer_id: str | None = None, community_id: str | None = None,
                    employer_field: str = "employer_id", community_field: str = "community_id") -> None:
        """The employer and the community a request names exist, as far as registry's events told workforce, and
        are still in force (422 naming the field otherwise)."""
        employer = community = None
        if employer_id is not None:
            employer = rules.employer_problem(await self.employers.get(employer_id), employer_id, employer_field)
        if community_id is not None:
            projected = await self.communities.get(community_id)
            community = rules.community_problem(projected and projected.community, community_id, community_field)
        rules.check_references(employer, community)


async def checked(references: References | None, **names: str | None) -> None:
    """`references.check(...)` where the caller has them (the use-case tests without registry pass None)."""
    if references is not None:
        await references.check(**names)
