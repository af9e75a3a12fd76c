"""Staffing norms against the community projection; station rosters."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from services.workforce.application.ports import Communities, Rosters, Today, Workers
from services.workforce.domain import roster as roster_rules
from services.workforce.domain import staffing as rules
from services.workforce.domain.employers import check_references, community_problem
from services.workforce.domain.policy import Policy
from services.workforce.domain.roster import Opening, Roster
from services.workforce.domain.staffing import Community, ProjectedCommunity, Verdict
from shared.errors import Conflict, NotFound
from shared.events import Event
from shared.paging import PageRequest
from shared.store import StaleWrite
from shared.usecase import apply_once, change

Record = Callable[[Community | None], Community | None]
"""The projection's record after a change, from the current one (None: not projected yet); None when stale."""


@dataclass(frozen=True)
class StaffingDeps:
    workers: Workers
    communities: Communities
    today: Today


async def reviewed(community: Community, before: Verdict, deps: StaffingDeps
                   ) -> tuple[ProjectedCommunity, list[Event]]:
    """The community recounted: its active workers (one indexed query), those the norm counts, the verdict; the
    station's count is kept too, for the comparison of the two profiles."""
    active = await deps.workers.search(community_id=community.id, status="active")
    actual = sum(1 for w in active if rules.counts_toward(community.profile, w.posts))
    station = sum(1 for w in active if rules.counts_toward(rules.Profile.BEIJING, w.posts))
    verdict, events = rules.review(community, before, actual, deps.today())
    return ProjectedCommunity(community, verdict, active_workers=len(active), station_workers=station), events


async def review_staffing(community_id: str, deps: StaffingDeps) -> None:
    """Recount a community after a change; publishes `workforce.staffing.counted` when its count changed and
    `workforce.staffing.shortfall` when a shortfall opens."""
    async def decide(projected: ProjectedCommunity):
        return await reviewed(projected.community, projected.verdict, deps)

    try:
        await change(deps.communities, community_id, decide, what="community")
    except NotFound:
        return  # not in the projection yet: counted when registry's record arrives


async def recount_legacy_records(deps: StaffingDeps) -> int:
    """Records stored before the counts were kept with them are recounted and written back once (at start), so the
    overview and the reassignment list, which read those counts, find them. Returns how many were recounted."""
    legacy = await deps.communities.without_counts()
    for community_id in legacy:
        async with deps.communities.lock(community_id):
            projected, loaded = await deps.communities.load(community_id)
            if projected is not None:
                recounted, events = await reviewed(projected.community, projected.verdict, deps)
                try:
                    await deps.communities.save(recounted, events, loaded=loaded)
                except StaleWrite:
                    continue  # another replica, starting too, wrote it first
    return len(legacy)


async def project(community_id: str, record: Record, deps: StaffingDeps, event_id: str | None = None) -> None:
    """Put a community's record into the projection and review its staffing: the record, the verdict and its
    events in one write. A community not projected yet is added; a projected one is changed under its lock, once
    per event id when an event states the record (a stale record leaves it as it is)."""
    new = record(None) if await deps.communities.get(community_id) is None else None
    if new is not None:
        projected, events = await reviewed(new, Verdict(), deps)
        try:
            await deps.communities.add(projected, events, caused_by=event_id)
            return
        except Conflict:
            pass  # projected meanwhile (another delivery): the record applies to that one below

    async def decide(projected: ProjectedCommunity):
        changed = record(projected.community)
        if changed is None:
            return projected, []
        return await reviewed(changed, projected.verdict, deps)

    if event_id is None:
        await change(deps.communities, community_id, decide, what="community")
    else:
        await apply_once(deps.communities, community_id, event_id, decide)


async def import_community(community: Community, deps: StaffingDeps) -> None:
    """Loading the projection by hand (a district's list); registry's community events are the usual path."""
    await project(community.id, lambda current: community, deps)


async def import_communities(communities: list[Community], deps: StaffingDeps) -> None:
    for community in communities:
        await import_community(community, deps)


def staffing_row(projected: ProjectedCommunity) -> dict:
    """Required vs actual from the stored record: the count is the one kept with the verdict at every change
    (hire, separation, transfer, posts, registry's records), so reading the overview recounts nothing."""
    community, actual = projected.community, projected.verdict.counted
    required = rules.required_workers(community)
    return {"community": community, "required": required, "actual": actual,
            "shortfall": rules.shortfall(required, actual),
            "police_assistants_required": rules.police_assistant_quota(community.migrants)
            if community.profile is rules.Profile.WENZHOU else None,
            "profiles": rules.compare_profiles(projected)}


async def staffing_overview(deps: StaffingDeps, page: PageRequest, *, district_code: str | None = None,
                            short: bool | None = None) -> tuple[list[dict], int]:
    """Required vs actual per community, a page at a time; abolished communities have left the overview."""
    found = await deps.communities.overview(page, district_code=district_code, short=short)
    return [staffing_row(projected) for projected in found.items], found.total


async def needing_reassignment(deps: StaffingDeps, page: PageRequest) -> tuple[list[dict], int]:
    """Abolished communities that still have active workers (kept with the record at each recount), a page at a
    time, each with those workers (one indexed query per community of the page, run together)."""
    found = await deps.communities.awaiting_reassignment(page)
    workers = await asyncio.gather(*(deps.workers.search(community_id=p.id, status="active") for p in found.items))
    rows = [{"community": p.community, "workers": active} for p, active in zip(found.items, workers)]
    return rows, found.total


async def set_roster(community_id: str, openings: list[Opening], rosters: Rosters, communities: Communities,
                     policy: Policy) -> Roster:
    """A station's roster, in place of the one it had (every week at least the minimum hours)."""
    projected = await communities.get(community_id)
    if projected is None:
        raise NotFound(f"no community {community_id} in the projection")
    check_references(community_problem(projected.community, community_id))  # abolished: no station to staff
    hours = roster_rules.check_roster(openings, policy.minimum_weekly_hours)
    roster = Roster(community_id, hours, tuple(openings))
    try:
        await rosters.add(roster)
    except Conflict:  # the station had a roster: this one replaces it
        await change(rosters, community_id, lambda _: (roster, []), what="roster")
    return roster


async def station_roster(community_id: str, rosters: Rosters) -> Roster:
    roster = await rosters.get(community_id)
    if roster is None:
        raise NotFound(f"no roster for station {community_id}")
    return roster
