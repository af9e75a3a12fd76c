"""Registry's employer events → workforce's known employers, and the reference checks a request goes through
(in-memory repositories, the real subscription table)."""
from datetime import date

import pytest

from services.workforce.application.employers import References
from services.workforce.application.staffing import StaffingDeps, import_community
from services.workforce.application.subscriptions import SUBSCRIPTIONS
from services.workforce.application.workers import hire_worker, transfer_worker
from services.workforce.domain.staffing import Community
from shared.errors import InvalidInput
from shared.events import Envelope
from shared.events.registry import EmployerDeregistered, EmployerRegistered
from shared.wiring import event_handlers
from tests.services.workforce.application.fakes import InMemoryClaims, InMemoryCommunities, InMemoryWorkers
from tests.services.workforce.factory import a_hire
from tests.support.fakes import InMemoryRepository

TODAY = date(2026, 11, 20)


class World:
    def __init__(self):
        self.workers, self.claims, self.communities = InMemoryWorkers(), InMemoryClaims(), InMemoryCommunities()
        self.employers = InMemoryRepository()
        self.staffing = StaffingDeps(self.workers, self.communities, lambda: TODAY)
        self.references = References(self.employers, self.communities)
        self.handlers = event_handlers(SUBSCRIPTIONS, {"workers": self.workers, "communities": self.communities,
                                                       "employers": self.employers, "today": lambda: TODAY},
                                       service="workforce")

    async def deliver(self, event, times=1) -> None:
        envelope = Envelope.wrap(event, source="/civic/registry")
        for _ in range(times):
            await self.handlers[envelope.type](envelope)

    async def refusal(self, **names) -> set[tuple[str, str]]:
        with pytest.raises(InvalidInput) as refused:
            await self.references.check(**names)
        assert refused.value.status == 422
        return {(e.field, e.rule) for e in refused.value.errors}


def registered(employer_id="street-1", on=date(2020, 1, 2)):
    return EmployerRegistered(employer_id=employer_id, name="海淀街道办事处", uscc="11110108MB0000000X",
                              district_code="110108", registered_on=on)


def deregistered(employer_id="street-1", on=date(2026, 6, 30)):
    return EmployerDeregistered(employer_id=employer_id, uscc="11110108MB0000000X", district_code="110108",
                                reason="merger", deregistered_on=on)


@pytest.fixture
def world():
    return World()


async def test_a_registered_employer_is_known_once_and_a_deregistered_one_is_refused_with_its_own_rule(world):
    assert await world.refusal(employer_id="street-1") == {("employer_id", "unknown-employer")}
    await world.deliver(registered(), times=2)
    assert world.employers.saves == 1  # the redelivery changed nothing
    await world.references.check(employer_id="street-1")
    await world.deliver(deregistered())
    assert await world.refusal(employer_id="street-1") == {("employer_id", "employer-deregistered")}
    assert world.employers.docs["street-1"][0].deregistered_on == date(2026, 6, 30)


async def test_a_deregistration_arriving_before_the_registration_stays_in_force(world):
    await world.deliver(deregistered())
    await world.deliver(registered())
    assert await world.refusal(employer_id="street-1") == {("employer_id", "employer-deregistered")}


async def test_a_community_must_be_projected_and_not_abolished(world):
    assert await world.refusal(community_id="c1") == {("community_id", "unknown-community")}
    await import_community(Community("c1", "东升社区", rural=False, households=900), world.staffing)
    await world.references.check(community_id="c1")
    gone = Community("c2", "x", rural=False, households=900, abolished_on=date(2026, 3, 1), merged_into="c1")
    await import_community(gone, world.staffing)
    with pytest.raises(InvalidInput) as refused:
        await world.references.check(community_id="c2")
    [entry] = refused.value.problem()["errors"]
    assert entry == {"field": "community_id", "rule": "community-abolished", "message": entry["message"],
                     "abolished_on": "2026-03-01", "merged_into": "c1"}


async def test_a_hire_or_transfer_naming_an_unknown_reference_stores_and_claims_nothing(world):
    await world.deliver(registered())
    await import_community(Community("c1", "东升社区", rural=False, households=900), world.staffing)
    with pytest.raises(InvalidInput) as refused:
        await hire_worker(a_hire(employer_id="street-9"), "w0", world.workers, world.claims, world.staffing, 40,
                          world.references)
    assert [(e.field, e.rule) for e in refused.value.errors] == [("employer_id", "unknown-employer")]
    assert world.workers.docs == {} and world.claims.held == {}
    await hire_worker(a_hire(), "w1", world.workers, world.claims, world.staffing, 40, world.references)
    with pytest.raises(InvalidInput) as refused:
        await transfer_worker("w1", "c9", date(2026, 3, 2), (), world.workers, world.claims, world.staffing,
                              world.references)
    assert [(e.field, e.rule) for e in refused.value.errors] == [("community_id", "unknown-community")]
    assert world.workers.docs["w1"][0].community_id == "c1"
