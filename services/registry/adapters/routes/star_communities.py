"""Smart-community stars: applications through the calendar, a community's stars and history, spot checks."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.routes.dependencies import (ApplicationId, CommunityId, ContainerDep, ID_PATTERN,
                                                            Paged)
from services.registry.adapters.star_schemas import (NamingIn, ObjectionIn, RecommendationIn, SpotCheckIn,
                                                     StarApplicationIn, StarApplicationOut, StarCommunityOut,
                                                     StarEvaluationIn, StarRoundOut)
from services.registry.application import stars
from services.registry.application.stars import (ApplyForStars, EvaluateForStars, NameStarCommunity, ObjectToStars,
                                                 RecommendForStars, RecordSpotCheck)
from services.registry.domain.star_community import ApplicationStatus, SpotCheck
from shared.access import allow
from shared.paging import PageOut
from shared.params import FIRST_YEAR, LAST_YEAR, Year

router = APIRouter(prefix="/api/v1/registry", tags=["registry: smart-community stars"])


@router.post("/star-applications", status_code=201, response_model=StarApplicationOut, **allow(*OFFICER))
async def apply(body: StarApplicationIn, c: ContainerDep) -> StarApplicationOut:
    command = ApplyForStars(body.community_id, body.community_name, body.round, body.indicators_met,
                            body.mechanism, body.requested_stars, body.applied_on)
    community, application_id = await stars.apply_for_stars(command, c.star_communities, c.communities)
    return StarApplicationOut.of(community, application_id)


@router.get("/star-applications", response_model=PageOut[StarApplicationOut], **allow(*READERS))
async def list_applications(c: ContainerDep, paging: Paged, status: ApplicationStatus | None = None,
                            community_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
                            year: Annotated[int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR)] = None
                            ) -> PageOut[StarApplicationOut]:
    """Star applications by application date, filtered by status, community and the year of the round."""
    found = await c.star_communities.applications(paging, status=status, community_id=community_id, year=year)
    return PageOut[StarApplicationOut].of(found.items, found.total, paging,
                                          lambda pair: StarApplicationOut.of(pair[0], pair[1].id))


@router.get("/star-applications/{application_id}", response_model=StarApplicationOut, **allow(*READERS))
async def get_application(application_id: ApplicationId, c: ContainerDep) -> StarApplicationOut:
    return StarApplicationOut.of(await stars.holding(application_id, c.star_communities), application_id)


@router.post("/star-applications/{application_id}/recommendation", response_model=StarApplicationOut, **allow(*OFFICER))
async def recommend(application_id: ApplicationId, body: RecommendationIn, c: ContainerDep) -> StarApplicationOut:
    command = RecommendForStars(application_id, body.recommended, body.recommended_on, tuple(body.reasons))
    return StarApplicationOut.of(await stars.recommend(command, c.star_communities), application_id)


@router.post("/star-applications/{application_id}/evaluation", response_model=StarApplicationOut, **allow(*OFFICER))
async def evaluate(application_id: ApplicationId, body: StarEvaluationIn, c: ContainerDep) -> StarApplicationOut:
    command = EvaluateForStars(application_id, body.approved, body.evaluated_on, body.notice_from,
                               tuple(body.reasons))
    return StarApplicationOut.of(await stars.evaluate(command, c.star_communities), application_id)


@router.post("/star-applications/{application_id}/objections", status_code=201, response_model=StarApplicationOut,
             **allow(*OFFICER))
async def object_to(application_id: ApplicationId, body: ObjectionIn, c: ContainerDep) -> StarApplicationOut:
    command = ObjectToStars(application_id, body.submitted_on, body.text)
    return StarApplicationOut.of(await stars.object_to(command, c.star_communities), application_id)


@router.post("/star-applications/{application_id}/naming", response_model=StarApplicationOut, **allow(*OFFICER))
async def name(application_id: ApplicationId, body: NamingIn, c: ContainerDep) -> StarApplicationOut:
    command = NameStarCommunity(application_id, body.named_on, body.objection_upheld, tuple(body.reasons))
    return StarApplicationOut.of(await stars.name(command, c.star_communities), application_id)


@router.get("/star-communities", response_model=PageOut[StarCommunityOut], **allow(*READERS))
async def list_star_communities(c: ContainerDep, paging: Paged,
                                stars_now: Annotated[int | None, Query(alias="stars", ge=0, le=5)] = None
                                ) -> PageOut[StarCommunityOut]:
    """Communities with a star record (they applied at least once), optionally those holding `stars` now."""
    found = await c.star_communities.search(paging, stars=stars_now)
    return PageOut[StarCommunityOut].of(found.items, found.total, paging, StarCommunityOut.of)


@router.get("/star-communities/{community_id}", response_model=StarCommunityOut, **allow(*READERS))
async def get_star_community(community_id: CommunityId, c: ContainerDep) -> StarCommunityOut:
    """Current stars, when named, the applications and the history of naming and sanctions."""
    return StarCommunityOut.of(await stars.star_record(community_id, c.star_communities))


@router.post("/star-communities/{community_id}/spot-checks", status_code=201, response_model=StarCommunityOut,
             **allow(*OFFICER))
async def spot_check(community_id: CommunityId, body: SpotCheckIn, c: ContainerDep) -> StarCommunityOut:
    command = RecordSpotCheck(community_id, body.checked_on, body.findings, body.sanction, body.rectify_by)
    return StarCommunityOut.of(await stars.record_spot_check(command, c.star_communities))


@router.get("/star-communities/{community_id}/spot-checks", response_model=PageOut[SpotCheck], **allow(*READERS))
async def list_spot_checks(community_id: CommunityId, c: ContainerDep, paging: Paged) -> PageOut[SpotCheck]:
    """The community's spot checks, oldest first."""
    checks = (await stars.star_record(community_id, c.star_communities)).spot_checks
    return PageOut[SpotCheck].of(checks[paging.skip:paging.skip + paging.size], len(checks), paging)


@router.get("/star-rounds/{year}", response_model=StarRoundOut, **allow(*READERS))
async def get_star_round(year: Year, c: ContainerDep) -> StarRoundOut:
    """第十条: whether `year` has a round (yearly until every community holds a title, then every 2 years), and
    第十九条: whether the year's spot check was done."""
    status = await stars.round_status(year, c.communities, c.star_communities)
    cycle = status.cycle
    return StarRoundOut(year=cycle.year, cycle=cycle.cycle, round_open=cycle.round_open, next_round=cycle.next_round,
                        covered_since=cycle.covered_since, communities_count=status.communities_count,
                        titled_count=status.titled_count, spot_checks_count=status.spot_checks_count,
                        spot_check_missing=status.spot_check_missing)
