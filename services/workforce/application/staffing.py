"""Staffing norms against the community projection; station rosters."""
from __future__ import annotations

from dataclasses import dataclass

from services.workforce.adapters.records import CommunityRepository, RosterRepository
from services.workforce.adapters.workers import WorkerRepository
from services.workforce.domain import roster as roster_rules
from services.workforce.domain import staffing as rules
from services.workforce.domain.policy import Policy
from services.workforce.domain.roster import Opening
from services.workforce.domain.staffing import Community, Verdict
from shared.clock import Today
from shared.errors import NotFound
from shared.store import Loaded


@dataclass(frozen=True)
class StaffingDeps:
    workers: WorkerRepository
    communities: CommunityRepository
    today: Today


async def _actual(community: Community, workers: WorkerRepository) -> int:
    active = await workers.find(community_id=community.id, status="active")
    return sum(1 for w in active if rules.counts_toward(community.profile, w.posts))


async def review_staffing(community_id: str, deps: StaffingDeps) -> None:
    """Recount a community after a change; publishes `workforce.staffing.counted` when its count changed and
    `workforce.staffing.shortfall` when a shortfall opens."""
    async with deps.communities.lock(community_id):
        community, verdict, loaded = await deps.communities.load(community_id)
        if community is None:
            return  # not in the projection yet: counted when registry's record arrives
        await save_reviewed(community, verdict, loaded, deps)


async def save_reviewed(community: Community, before: Verdict, loaded: Loaded | None, deps: StaffingDeps,
                        caused_by: str | None = None, changed: bool = False) -> None:
    """Under the community's lock: review, then save the record, its verdict and events in one write
    (skipped when neither the record nor the verdict changed)."""
    verdict, events = rules.review(community, before, await _actual(community, deps.workers), deps.today())
    if changed or verdict != before or events:
        await deps.communities.save(community, verdict, events, loaded=loaded, caused_by=caused_by)


async def import_community(community: Community, deps: StaffingDeps) -> None:
    """Loading the projection by hand (a district's list); registry's community events are the usual path."""
    async with deps.communities.lock(community.id):
        _, verdict, loaded = await deps.communities.load(community.id)
        await save_reviewed(community, verdict, loaded, deps, changed=True)


async def staffing_overview(deps: StaffingDeps) -> list[dict]:
    """Required vs actual per community; abolished communities have left the overview."""
    rows = []
    for community, _ in await deps.communities.all():
        if community.abolished:
            continue
        required, actual = rules.required_workers(community), await _actual(community, deps.workers)
        rows.append({"community": community, "required": required, "actual": actual,
                     "shortfall": rules.shortfall(required, actual),
                     "police_assistants_required": rules.police_assistant_quota(community.migrants)
                     if community.profile is rules.Profile.WENZHOU else None})
    return rows


async def needing_reassignment(deps: StaffingDeps) -> list[dict]:
    """Abolished communities that still have active workers: those workers are to be reassigned."""
    rows = []
    for community, _ in await deps.communities.all():
        if community.abolished:
            active = await deps.workers.find(community_id=community.id, status="active")
            if active:
                rows.append({"community": community, "workers": active})
    return rows


async def set_roster(community_id: str, openings: list[Opening], rosters: RosterRepository,
                     communities: CommunityRepository, policy: Policy) -> dict:
    community, _, _ = await communities.load(community_id)
    if community is None:
        raise NotFound(f"no community {community_id} in the projection")
    hours = roster_rules.check_roster(openings, policy.minimum_weekly_hours)
    roster = {"weekly_hours": str(hours), "openings": [
        {"day": o.day, "opens": o.opens.isoformat("minutes"), "closes": o.closes.isoformat("minutes"),
         "staff_on_duty": o.staff_on_duty} for o in openings]}
    await rosters.put(community_id, roster)
    return roster
