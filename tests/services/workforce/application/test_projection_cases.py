"""Registry's community events through workforce's subscriptions (in-memory repositories): the projection,
idempotency, stale updates, abolition; and `workforce.staffing.counted` on every change of the count only."""
from datetime import date

import pytest

from services.workforce.application import staffing as cases
from services.workforce.application.staffing import StaffingDeps
from services.workforce.application.subscriptions import SUBSCRIPTIONS
from services.workforce.application.records import add_certificate
from services.workforce.application.workers import (change_posts, hire_worker, separate_worker, transfer_worker,
                                                      watch_separations)
from services.workforce.domain.worker import Certificate, Separation
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated
from shared.events.workforce import StaffingCounted, StaffingShortfall
from shared.paging import PageRequest
from shared.wiring import event_handlers
from tests.services.workforce.application.fakes import InMemoryClaims, InMemoryCommunities, InMemoryWorkers
from tests.services.workforce.factory import a_hire, resident_id
from tests.support.fakes import InMemoryRepository

TODAY = date(2026, 11, 20)
PAGE = PageRequest(1, 50)
JAN, MAR = date(2026, 1, 5), date(2026, 3, 1)


class World:
    def __init__(self):
        self.workers, self.claims, self.communities = InMemoryWorkers(), InMemoryClaims(), InMemoryCommunities()
        self.staffing = StaffingDeps(self.workers, self.communities, lambda: TODAY)
        self.employers = InMemoryRepository()
        self.handlers = event_handlers(SUBSCRIPTIONS, {"workers": self.workers, "communities": self.communities,
                                                       "employers": self.employers, "today": lambda: TODAY})

    async def deliver(self, event) -> Envelope:
        envelope = Envelope.wrap(event, source="/civic/registry")
        await self.redeliver(envelope)
        return envelope

    async def redeliver(self, envelope: Envelope) -> None:
        await self.handlers[envelope.type](envelope)

    async def hire(self, worker_id, **overrides):
        return await hire_worker(a_hire(**overrides), worker_id, self.workers, self.claims, self.staffing, 40)

    async def overview(self):
        rows, total = await cases.staffing_overview(self.staffing, PAGE)
        assert total == len(rows)
        return {r["community"].id: (r["required"], r["actual"]) for r in rows}

    async def reassignments(self):
        rows, total = await cases.needing_reassignment(self.staffing, PAGE)
        assert total == len(rows)
        return rows

    def community(self, community_id="c1"):
        return self.communities.docs[community_id][0].community

    def counted(self):
        return [e.actual for e in self.communities.events if isinstance(e, StaffingCounted)]


def registered(households=1499, on=JAN, **kw):
    values = dict(community_id="c1", name="东升社区", district_code="110108", street="海淀街道", rural=False,
                  households=households, resident_population=4000, registered_population=3000,
                  migrant_population=1000, effective_on=on)
    return CommunityRegistered(**(values | kw))


def updated(households, on, **kw):
    return CommunityUpdated(**(registered(households, on).model_dump() | {"change": "figures"} | kw))


@pytest.fixture
def world():
    return World()


async def test_a_registered_community_enters_the_overview_with_the_staff_its_households_require(world):
    await world.deliver(registered(1501))
    assert await world.overview() == {"c1": (4, 0)}
    community = world.community()
    assert (community.migrants, community.district_code, community.effective_on) == (1000, "110108", JAN)
    assert [type(e) for e in world.communities.events] == [StaffingShortfall]


async def test_an_update_resizes_and_a_stale_one_is_ignored(world):
    await world.deliver(registered(1499))
    await world.deliver(updated(1501, MAR))
    await world.deliver(updated(900, JAN))  # decided before the resize, arriving late
    assert await world.overview() == {"c1": (4, 0)}
    assert world.community().effective_on == MAR


async def test_a_redelivered_event_is_applied_once(world):
    await world.deliver(registered(1499))
    envelope = await world.deliver(updated(1501, MAR))
    saves = world.communities.saves
    await world.redeliver(envelope)  # the inbox missed it: the community knows the event's id
    assert world.communities.saves == saves
    applied = world.communities.docs["c1"][1]
    assert applied == [applied[0], envelope.id]


async def test_an_abolished_community_leaves_the_overview_and_its_workers_await_reassignment(world):
    await world.deliver(registered(1501))
    await world.hire("w1")
    await world.deliver(CommunityAbolished(community_id="c1", district_code="110108", effective_on=MAR,
                                           merged_into="c2"))
    assert await world.overview() == {}
    [row] = await world.reassignments()
    assert row["community"].merged_into == "c2" and [w.id for w in row["workers"]] == ["w1"]
    assert world.workers.docs["w1"][0].active
    community, verdict = world.community(), world.communities.docs["c1"][0].verdict
    assert community.households == 1501 and not verdict.short


async def test_workers_hired_before_registry_s_record_are_counted_when_it_arrives(world):
    await world.hire("w1")
    assert world.counted() == []
    await world.deliver(registered(1499))
    assert world.counted() == [1]


async def test_each_kind_of_change_of_the_count_is_published_and_a_no_op_is_not(world):
    await world.deliver(registered(1499))
    assert world.counted() == []  # nobody yet: nothing changed
    await world.hire("w1")
    await world.hire("w2", posts=("station_staff",))
    assert world.counted() == [1, 2]
    await change_posts("w2", ("station_head",), date(2021, 1, 1), world.workers, world.claims, world.staffing)
    assert world.counted() == [1, 2], "still a station post: the count did not change"
    await add_certificate("w2", Certificate("social_worker", "S-2", date(2021, 6, 1)), world.workers)
    await change_posts("w2", ("committee_member",), date(2022, 1, 1), world.workers, world.claims, world.staffing)
    assert world.counted() == [1, 2, 1], "a committee post does not count toward the station norm"
    await separate_worker("w1", Separation(date(2026, 6, 30), "resignation"), world.workers, world.claims,
                          world.staffing)
    assert world.counted() == [1, 2, 1, 0]
    retiring = a_hire(resident_id=resident_id(date(1971, 4, 2), male=False), closing_date=date(2005, 1, 1),
                      start_date=date(2005, 3, 1), term_end=date(2030, 1, 1))
    await hire_worker(retiring, "w3", world.workers, world.claims, world.staffing, 40)
    await watch_separations(TODAY, world.workers, world.claims, world.staffing)
    assert world.counted() == [1, 2, 1, 0, 1, 0]
    assert {e.counted_on for e in world.communities.events if isinstance(e, StaffingCounted)} == {TODAY}


async def test_a_transfer_is_counted_in_both_communities_and_clears_the_reassignment_list(world):
    await world.deliver(registered(1499))
    await world.deliver(registered(1499, community_id="c2", name="西山社区"))
    await world.hire("w1", community_id="c1")
    await world.deliver(CommunityAbolished(community_id="c1", district_code="110108", effective_on=MAR,
                                           merged_into="c2"))
    await transfer_worker("w1", "c2", date(2026, 3, 2), (), world.workers, world.claims, world.staffing)
    counted = [(e.community_id, e.actual) for e in world.communities.events if isinstance(e, StaffingCounted)]
    assert counted == [("c1", 1), ("c1", 0), ("c2", 1)]
    assert await world.reassignments() == []
    assert await world.overview() == {"c2": (3, 1)}
