"""`registry.employer.deregistered` through the real wiring (bootstrap's `event_handlers`) with a fake repository:
a certified centre is revoked once, however often the event (or a new one) arrives; no centre → nothing."""
from contextlib import asynccontextmanager
from datetime import date

from services.registry.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered
from shared.store import Loaded
from shared.wiring import event_handlers
from tests.services.registry.domain.test_technology_centre import applied, certified


class FakeCentres:
    def __init__(self, *centres):
        self.docs = {c.id: (c, []) for c in centres}
        self.saves = 0

    @asynccontextmanager
    async def lock(self, employer_id):
        yield

    async def load(self, employer_id):
        if employer_id not in self.docs:
            return None, None
        centre, applied_ids = self.docs[employer_id]
        return centre, Loaded(employer_id, {}, rev=1, applied=applied_ids)

    async def save(self, centre, *, loaded, caused_by=None):
        self.saves += 1
        self.docs[centre.id] = (centre, self.docs[centre.id][1] + [caused_by])


def deregistered(employer_id="e1", forced=True):
    return Envelope.wrap(EmployerDeregistered(employer_id=employer_id, uscc="91110108551385082Q",
                                              district_code="110108", reason="licence_revoked", forced=forced,
                                              deregistered_on=date(2026, 11, 20)), source="/civic/registry")


def handler(centres):
    return event_handlers(SUBSCRIPTIONS, {"technology_centres": centres})[EmployerDeregistered.type]


async def test_a_certified_centre_is_revoked_once_with_the_reason():
    centres = FakeCentres(certified())
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
    centres = FakeCentres(applied())
    await handler(centres)(deregistered("ghost"))
    await handler(centres)(deregistered("e1"))
    assert centres.saves == 0 and centres.docs["e1"][0].status == "applied"
