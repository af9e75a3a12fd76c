"""Staffing norms against the community projection; station rosters."""
from __future__ import annotations

from dataclasses import dataclass

from services.workforce.adapters.records import CommunityRepository, RosterRepository
from services.workforce.adapters.workers import WorkerRepository
from services.workforce.domain import roster as roster_rules
from services.workforce.domain import staffing as rules
from services.workforce.domain.policy import Policy
from services.workforce.domain.roster import Opening
from services.workforce.domain.staffing import Community
from shared.clock import Today
from shared.errors import NotFound


@dataclass(frozen=True)
class StaffingDeps:
    workers: WorkerRepository
    communities: CommunityRepository
    today: Today


async def _actual(community: Community, workers: WorkerRepository) -> int:
    active = await workers.find(community_id=community.id, status="active")
    return sum(1 for w in active if rules.counts_toward(community.profile, w.posts))


async def review_staffing(community_id: str, deps: StaffingDeps) -> None:
    """Recount a community after a change; publishes `workforce.staffing.shortfall` when one opens."""
    async with deps.communities.lock(community_id):
        community, was_short, loaded = await deps.communities.load(community_id)
        if community is None:
            return  # not in the projection yet: reviewed when it is imported
        short, events = rules.review(community, was_short, await _actual(community, deps.workers), deps.today())
        if short != was_short or events:
            await deps.communities.save(community, short, events, loaded=loaded)


async def import_community(community: Community, deps: StaffingDeps) -> None:
    """Until registry publishes community events: the projection is fed by this import."""
    async with deps.communities.lock(community.id):
        _, was_short, loaded = await deps.communities.load(community.id)
        await deps.communities.save(community, was_short, loaded=loaded)
    await review_staffing(community.id, deps)


async def staffing_overview(deps: StaffingDeps) -> list[dict]:
    rows = []
    for community, _ in await deps.communities.all():
        required, actual = rules.required_workers(community), await _actual(community, deps.workers)
        rows.append({"community": community, "required": required, "actual": actual,
                     "shortfall": rules.shortfall(required, actual),
                     "police_assistants_required": rules.police_assistant_quota(community.migrants)
                     if community.profile is rules.Profile.WENZHOU else None})
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
