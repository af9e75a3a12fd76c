"""Smart-community star use cases: apply, then each later step on the community holding the application, and
spot checks (lock → load → decide → save)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from services.registry.application.ports import Communities, StarCommunities
from services.registry.domain import star_community as sc
from services.registry.domain.star_community import Sanction, StarCommunity
from services.registry.domain import stars as round_rules
from services.registry.domain.stars import RoundCycle, StarRound
from shared.errors import NotFound
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished
from shared.usecase import apply_once, change, change_or_create, without_events


@dataclass(frozen=True)
class ApplyForStars:
    community_id: str
    community_name: str | None
    round: StarRound
    indicators_met: int
    mechanism: bool
    requested_stars: int
    applied_on: date


@dataclass(frozen=True)
class RecommendForStars:
    application_id: str
    recommended: bool
    recommended_on: date
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvaluateForStars:
    application_id: str
    approved: bool
    evaluated_on: date
    notice_from: date | None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class ObjectToStars:
    application_id: str
    submitted_on: date
    text: str


@dataclass(frozen=True)
class NameStarCommunity:
    application_id: str
    named_on: date
    objection_upheld: bool
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordSpotCheck:
    community_id: str
    checked_on: date
    findings: str
    sanction: Sanction
    rectify_by: date | None = None


Decide = Callable[[StarCommunity], StarCommunity]


async def apply_for_stars(cmd: ApplyForStars, star_communities: StarCommunities, communities: Communities
                          ) -> tuple[StarCommunity, str]:
    """The community's first application also opens its star record (named as given, else as registered)."""
    name = sc.check_candidate(cmd.community_id, await communities.get(cmd.community_id))
    round_rules.check_round_year(cmd.applied_on.year, await covered_since(communities, star_communities))
    application_id = str(uuid.uuid4())
    changed = await change_or_create(star_communities, cmd.community_id, without_events(lambda community: sc.apply(
        community or StarCommunity(id=cmd.community_id, name=cmd.community_name or name), application_id, cmd.round,
        cmd.indicators_met, cmd.mechanism, cmd.requested_stars, cmd.applied_on)))
    return changed, application_id


async def covered_since(communities: Communities, star_communities: StarCommunities) -> int | None:
    """第十条 全覆盖: the year every active community first held its current title (None before)."""
    since = {c.id: day for c in await star_communities.titled() if (day := sc.title_since(c))}
    return round_rules.coverage_year(await communities.active_ids(), since)


@dataclass(frozen=True)
class RoundStatus:
    cycle: RoundCycle
    communities_count: int
    titled_count: int
    spot_checks_count: int
    spot_check_missing: bool


async def round_status(year: int, communities: Communities, star_communities: StarCommunities) -> RoundStatus:
    """Year Y's round (第十条: yearly until full coverage, then every 2 years) and its spot checks (第十九条)."""
    records, active = await star_communities.every(), await communities.active_ids()
    since = {c.id: day for c in records if (day := sc.title_since(c))}
    checks = [check.checked_on for c in records for check in c.spot_checks]
    titled_in_year = any(sc.titled_during(c, year) for c in records)
    return RoundStatus(cycle=round_rules.round_cycle(year, round_rules.coverage_year(active, since)),
                       communities_count=len(active), titled_count=len(since),
                       spot_checks_count=sum(1 for day in checks if day.year == year),
                       spot_check_missing=round_rules.spot_check_missing(year, titled_in_year, checks))


async def holding(application_id: str, star_communities: StarCommunities) -> StarCommunity:
    """The community holding the application (404 if none holds it)."""
    community = await star_communities.holding(application_id)
    if community is None:
        raise NotFound(f"no star application {application_id}")
    return community


async def star_record(community_id: str, star_communities: StarCommunities) -> StarCommunity:
    """A community's star record (404 if it never applied)."""
    community = await star_communities.get(community_id)
    if community is None:
        raise NotFound(f"no star record for community {community_id}")
    return community


async def on_application(star_communities: StarCommunities, application_id: str, decide: Decide) -> StarCommunity:
    """Run `decide` on the community holding the application (recommend, evaluate, object, name)."""
    community_id = await star_communities.community_of(application_id)
    if community_id is None:
        raise NotFound(f"no star application {application_id}")
    return await _update(star_communities, community_id, decide)


async def recommend(cmd: RecommendForStars, star_communities: StarCommunities) -> StarCommunity:
    return await on_application(star_communities, cmd.application_id, lambda c: sc.recommend(
        c, cmd.application_id, cmd.recommended, cmd.recommended_on, cmd.reasons))


async def evaluate(cmd: EvaluateForStars, star_communities: StarCommunities) -> StarCommunity:
    return await on_application(star_communities, cmd.application_id, lambda c: sc.evaluate(
        c, cmd.application_id, cmd.approved, cmd.evaluated_on, cmd.notice_from, cmd.reasons))


async def object_to(cmd: ObjectToStars, star_communities: StarCommunities) -> StarCommunity:
    return await on_application(star_communities, cmd.application_id, lambda c: sc.object_to(
        c, cmd.application_id, cmd.submitted_on, cmd.text))


async def name(cmd: NameStarCommunity, star_communities: StarCommunities) -> StarCommunity:
    return await on_application(star_communities, cmd.application_id, lambda c: sc.name(
        c, cmd.application_id, cmd.named_on, cmd.objection_upheld, cmd.reasons))


async def record_spot_check(cmd: RecordSpotCheck, star_communities: StarCommunities
                            ) -> StarCommunity:
    return await _update(star_communities, cmd.community_id, lambda c: sc.spot_check(
        c, cmd.checked_on, cmd.findings, cmd.sanction, cmd.rectify_by))


async def _update(star_communities: StarCommunities, community_id: str, decide: Decide) -> StarCommunity:
    return await change(star_communities, community_id, without_events(decide), what="star record for community")


async def community_abolished(event: CommunityAbolished, envelope: Envelope, star_communities: StarCommunities
                              ) -> None:
    """An abolished or merged community's smart-community title is withdrawn and its open star applications
    closed (第八、二十条). A community that never applied, or a record already closed (redelivery): nothing."""
    def closed(community: StarCommunity) -> StarCommunity:
        return sc.community_abolished(community, event.effective_on, event.merged_into)

    community = await star_communities.get(event.community_id)
    if community is None or closed(community) is community:
        return
    await apply_once(star_communities, event.community_id, envelope.id, without_events(closed))
