"""Smart-community stars: applications through the calendar, a community's stars and history, spot checks."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.registry.adapters.routes import ContainerDep
from services.registry.application import stars
from services.registry.application.stars import (ApplyForStars, EvaluateForStars, NameStarCommunity, ObjectToStars,
                                                 RecommendForStars, RecordSpotCheck)
from services.registry.domain.star_community import Sanction, StarCommunity
from services.registry.domain.stars import StarRound
from shared.errors import NotFound

router = APIRouter(prefix="/api/v1/registry", tags=["registry: smart-community stars"])


class StarApplicationIn(BaseModel):
    community_id: str = Field(min_length=1, max_length=100, description="the community's id in registry")
    community_name: str = Field(min_length=1, max_length=200)
    round: StarRound = Field(description="pilot: 31 binding indicators of the trial standard; standard: later")
    indicators_met: int = Field(ge=0, le=200)
    mechanism: bool = Field(description="pilot: standing mechanism keeping information current (长效机制); "
                                        "standard: works well (作用发挥好)")
    requested_stars: int = Field(ge=1, le=5)
    applied_on: date = Field(description="by 31 October")


class RecommendationIn(BaseModel):
    recommended: bool
    recommended_on: date = Field(description="by 15 November")
    reasons: list[str] = Field(default_factory=list)


class EvaluationIn(BaseModel):
    approved: bool
    evaluated_on: date
    notice_from: date | None = Field(None, description="first day of the 7-day public notice (when approved)")
    reasons: list[str] = Field(default_factory=list)


class ObjectionIn(BaseModel):
    submitted_on: date
    text: str = Field(min_length=1, max_length=2000)


class NamingIn(BaseModel):
    named_on: date = Field(description="after the 7-day notice")
    objection_upheld: bool = False
    reasons: list[str] = Field(default_factory=list)


class SpotCheckIn(BaseModel):
    checked_on: date
    findings: str = Field(min_length=1, max_length=2000)
    sanction: Sanction = Sanction.NONE
    rectify_by: date | None = Field(None, description="required for `rectify` (限期整改)")


def application_out(community: StarCommunity, application_id: str) -> dict:
    app = community.application(application_id).model_dump(mode="json")
    return app | {"community_id": community.id, "community_name": community.name, "community_stars": community.stars}


@router.post("/star-applications", status_code=201)
async def apply(body: StarApplicationIn, c: ContainerDep) -> dict:
    command = ApplyForStars(body.community_id, body.community_name, body.round, body.indicators_met,
                            body.mechanism, body.requested_stars, body.applied_on)
    community, application_id = await stars.apply_for_stars(command, c.star_communities)
    return application_out(community, application_id)


@router.get("/star-applications/{application_id}")
async def get_application(application_id: str, c: ContainerDep) -> dict:
    community_id = await c.star_communities.community_of(application_id)
    community = community_id and await c.star_communities.get(community_id)
    if not community:
        raise NotFound(f"no star application {application_id}")
    return application_out(community, application_id)


@router.post("/star-applications/{application_id}/recommendation")
async def recommend(application_id: str, body: RecommendationIn, c: ContainerDep) -> dict:
    command = RecommendForStars(application_id, body.recommended, body.recommended_on, tuple(body.reasons))
    community = await stars.recommend(command, c.star_communities)
    return application_out(community, application_id)


@router.post("/star-applications/{application_id}/evaluation")
async def evaluate(application_id: str, body: EvaluationIn, c: ContainerDep) -> dict:
    command = EvaluateForStars(application_id, body.approved, body.evaluated_on, body.notice_from,
                               tuple(body.reasons))
    community = await stars.evaluate(command, c.star_communities)
    return application_out(community, application_id)


@router.post("/star-applications/{application_id}/objections", status_code=201)
async def object_to(application_id: str, body: ObjectionIn, c: ContainerDep) -> dict:
    community = await stars.object_to(ObjectToStars(application_id, body.submitted_on, body.text),
                                      c.star_communities)
    return application_out(community, application_id)


@router.post("/star-applications/{application_id}/naming")
async def name(application_id: str, body: NamingIn, c: ContainerDep) -> dict:
    command = NameStarCommunity(application_id, body.named_on, body.objection_upheld, tuple(body.reasons))
    community = await stars.name(command, c.star_communities)
    return application_out(community, application_id)


@router.get("/star-communities/{community_id}")
async def get_star_community(community_id: str, c: ContainerDep) -> dict:
    """Current stars, when named, the applications and the history of naming and sanctions."""
    community = await c.star_communities.get(community_id)
    if community is None:
        raise NotFound(f"no star record for community {community_id}")
    return community.model_dump(mode="json")


@router.post("/star-communities/{community_id}/spot-checks", status_code=201)
async def spot_check(community_id: str, body: SpotCheckIn, c: ContainerDep) -> dict:
    command = RecordSpotCheck(community_id, body.checked_on, body.findings, body.sanction, body.rectify_by)
    return (await stars.record_spot_check(command, c.star_communities)).model_dump(mode="json")


@router.get("/star-communities/{community_id}/spot-checks")
async def list_spot_checks(community_id: str, c: ContainerDep) -> list[dict]:
    community = await c.star_communities.get(community_id)
    if community is None:
        raise NotFound(f"no star record for community {community_id}")
    return [check.model_dump(mode="json") for check in community.spot_checks]
