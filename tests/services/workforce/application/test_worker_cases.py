"""Hire, separation and the daily watcher through the handlers, with in-memory repositories."""
from datetime import date

import pytest

from services.workforce.application.staffing import StaffingDeps, import_community
from services.workforce.application.workers import change_posts, hire_worker, watch_separations
from services.workforce.domain.staffing import Community
from shared.errors import Conflict
from shared.events.workforce import StaffingCounted, StaffingShortfall, WorkerHired, WorkerSeparated
from tests.services.workforce.application.fakes import InMemoryClaims, InMemoryCommunities, InMemoryWorkers
from tests.services.workforce.factory import a_hire, resident_id

TODAY = date(2026, 4, 2)


def deps(workers):
    return StaffingDeps(workers, InMemoryCommunities(), lambda: TODAY)


async def test_a_failed_save_releases_the_claims_so_the_post_can_be_filled_later():
    claims, failing = InMemoryClaims(), InMemoryWorkers(fail_saves=True)
    with pytest.raises(ConnectionError):
        await hire_worker(a_hire(posts=("station_head",)), "w1", failing, claims, deps(failing), 40)
    assert claims.held == {}
    workers = InMemoryWorkers()
    await hire_worker(a_hire(posts=("station_head",)), "w2", workers, claims, deps(workers), 40)
    assert [type(e) for e in workers.events] == [WorkerHired]
    with pytest.raises(Conflict):
        await hire_worker(a_hire(posts=("station_head",), resident_id=resident_id(date(1989, 9, 9))), "w3",
                          workers, claims, deps(workers), 40)


async def test_the_watcher_separates_only_who_is_due_and_a_separation_can_open_a_shortfall():
    workers, claims = InMemoryWorkers(), InMemoryClaims()
    staffing = deps(workers)
    due = a_hire(resident_id=resident_id(date(1971, 4, 2), male=False), closing_date=date(2005, 1, 1),
                 start_date=date(2005, 3, 1), term_end=date(2030, 1, 1))
    young = a_hire(resident_id=resident_id(date(1990, 1, 1)))
    await hire_worker(due, "due", workers, claims, staffing, 40)
    await hire_worker(young, "young", workers, claims, staffing, 40)
    await import_community(Community("c1", "x", rural=True, households=500), staffing)  # rural, under 600: 2
    assert staffing.communities.docs["c1"][0].verdict.short is False
    separated = await watch_separations(TODAY, workers, claims, staffing)
    assert [w.id for w in separated] == ["due"] and workers.docs["young"][0].active
    assert [type(e) for e in workers.events][-1] is WorkerSeparated
    verdict, events = staffing.communities.docs["c1"][0].verdict, staffing.communities.saved[-1]
    assert verdict.short and events == [
        StaffingCounted(community_id="c1", actual=1, counted_on=TODAY),
        StaffingShortfall(community_id="c1", profile="beijing", required=2, actual=1, shortfall=1,
                          detected_on=TODAY)]
    assert list(claims.held.values()) == ["young"]


async def test_a_failed_position_change_gives_back_the_post_it_claimed():
    workers, claims = InMemoryWorkers(), InMemoryClaims()
    await hire_worker(a_hire(), "w1", workers, claims, deps(workers), 40)
    workers.fail_saves = True
    with pytest.raises(ConnectionError):
        await change_posts("w1", ("station_head",), date(2021, 1, 1), workers, claims, deps(workers))
    assert not any(key.startswith("post:") for key in claims.held)
    workers.fail_saves = False
    await change_posts("w1", ("station_head",), date(2021, 1, 1), workers, claims, deps(workers))
    assert "post:c1:station_head" in claims.held


class Remembering:
    """The `shared.jobs.Progress` port, in memory: what a run remembered, and what an earlier attempt had."""

    def __init__(self, earlier=None):
        self.earlier, self.kept, self.total, self.done = dict(earlier or {}), {}, None, 0

    async def begin(self, total):
        self.total = total

    async def advance(self, units=1):
        self.done += units

    async def remember(self, unit, outcome):
        self.kept[unit] = outcome

    def remembered(self):
        return self.earlier


async def test_a_resumed_watch_separates_nobody_twice_and_reports_whom_the_interrupted_run_separated():
    workers, claims = InMemoryWorkers(), InMemoryClaims()
    staffing = deps(workers)
    for worker_id, birth in (("first", date(1971, 4, 2)), ("second", date(1971, 4, 1))):
        await hire_worker(a_hire(resident_id=resident_id(birth, male=False), closing_date=date(2005, 1, 1),
                                 start_date=date(2005, 3, 1), term_end=date(2030, 1, 1)),
                          worker_id, workers, claims, staffing, 40)
    interrupted = Remembering()
    await watch_separations(TODAY, workers, claims, staffing, interrupted)
    assert interrupted.kept == {"first": True, "second": True} and (interrupted.done, interrupted.total) == (2, 2)
    separations = sum(type(e) is WorkerSeparated for e in workers.events)

    resumed = await watch_separations(TODAY, workers, claims, staffing, Remembering(interrupted.kept))
    assert [w.id for w in resumed] == ["first", "second"]
    assert sum(type(e) is WorkerSeparated for e in workers.events) == separations, "nobody separated twice"
