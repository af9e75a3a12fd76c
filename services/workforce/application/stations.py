"""A station's approved posts and its check (head, deputy, standing and special posts); a community's profile."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.workforce.application.ports import Communities, StationPostsRepo, Workers
from services.workforce.application.staffing import StaffingDeps, reviewed
from services.workforce.domain import station as rules
from services.workforce.domain.employers import check_references, community_problem
from services.workforce.domain.staffing import ProjectedCommunity, Profile
from services.workforce.domain.station import Finding, StationPosts
from shared.errors import NotFound
from shared.usecase import change, change_or_create


@dataclass(frozen=True)
class StationCheck:
    community_id: str
    posts: StationPosts | None
    findings: list[Finding]


async def _in_force(community_id: str, communities: Communities) -> ProjectedCommunity:
    projected = await communities.get(community_id)
    if projected is None:
        raise NotFound(f"no community {community_id} in the projection")
    check_references(community_problem(projected.community, community_id))  # abolished: no station
    return projected


async def record_posts(community_id: str, standing: list[str], special: list[str], approved_on: date,
                       stations: StationPostsRepo, communities: Communities, workers: Workers) -> StationCheck:
    """The posts the street office approved for a station, in place of those it had; answers with the check."""
    await _in_force(community_id, communities)
    posts = rules.record_posts(community_id, standing, special, approved_on)
    await change_or_create(stations, community_id, lambda _: (posts, []))  # replaces the posts it had
    return await check_station(community_id, stations, communities, workers)


async def check_station(community_id: str, stations: StationPostsRepo, communities: Communities,
                        workers: Workers) -> StationCheck:
    """What the station lacks (第十一条, 第十九条): from its approved posts and its active workers' posts."""
    await _in_force(community_id, communities)
    posts = await stations.get(community_id)
    active = await workers.search(community_id=community_id, status="active")
    held = [post for worker in active for post in worker.posts]
    return StationCheck(community_id, posts, rules.station_findings(posts, held))


async def choose_profile(community_id: str, profile: Profile, deps: StaffingDeps) -> ProjectedCommunity:
    """The staffing norm a community follows (Beijing's station norm or Wenzhou's), whatever registry's district:
    kept through registry's later records, and the community recounted under it in the same write."""
    async def decide(projected: ProjectedCommunity):
        check_references(community_problem(projected.community, community_id))
        return await reviewed(replace(projected.community, profile=profile), projected.verdict, deps)

    return await change(deps.communities, community_id, decide, what="community")
