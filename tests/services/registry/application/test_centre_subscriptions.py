"""`registry.employer.deregistered` through the real wiring (bootstrap's `event_handlers`) with a fake repository:
a certified centre is revoked once, however often the event (or a new one) arrives; no centre → nothing."""
from datetime import date

from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from tests.services.registry.application.wiring import registry_handlers
from tests.services.registry.domain.test_technology_centre import applied, certified
from tests.support.fakes import InMemoryRepository


def deregistered(employer_id="e1", forced=True):
    return Envelope.wrap(EmployerDeregistered(employer_id=employer_id, uscc="91110108551385082Q",
                                              district_code="110108", reason="licence_revoked", forced=forced,
                                              deregistered_on=date(2026, 11, 20)), source="/civic/registry")


def handler(centres):
    return registry_handlers(technology_centres=centres)[EmployerDeregistered.type]


async def test_a_certified_centre_is_revoked_once_with_the_reason():
    centres = InMemoryRepository(certified())
    first, again = deregistered(), deregistered()
    for envelope in (first, first, again):
        await handler(centres)(envelope)
    centre = centres.docs["e1"][0]
    assert centres.saves == 1 and centre.status == "revoked" and len(centre.revocations) == 1
    revocation = centre.revocations[0]
    assert revocation.cause == "enterprise_terminated" and revocation.on == date(2026, 11, 20)
    assert "licence_revoked" in revocation.detail and "forced=True" in revocation.detail
    assert revocation.barred_until == date(2029, 11, 20)


async def test_no_centre_or_no_certified_centre_changes_nothing():
    centres = InMemoryRepository(applied())
    await handler(centres)(deregistered("ghost"))
    await handler(centres)(deregistered("e1"))
    assert centres.saves == 0 and centres.docs["e1"][0].status == "applied"
