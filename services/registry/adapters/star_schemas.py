"""API shapes of smart-community stars: applications through the calendar, a community's record, spot checks."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from services.registry.domain.star_community import (ApplicationStatus, HistoryEntry, Objection, Sanction,
                                                      SpotCheck, StarApplication, StarCommunity)
from services.registry.domain.stars import StarRound
from shared.schemas import RequestBody


class StarApplicationIn(RequestBody):
    community_id: str = Field(min_length=1, max_length=100, description="the id of a community registry keeps "
                                                                        "(not abolished); else 422 unknown-community")
    community_name: str | None = Field(None, min_length=1, max_length=200,
                                       description="left out: the community's registered name")
    round: StarRound = Field(description="pilot: 31 binding indicators of the trial standard; standard: later")
    indicators_met: int = Field(ge=0, le=200)
    mechanism: bool = Field(description="pilot: standing mechanism keeping information current (长效机制); "
                                        "standard: works well (作用发挥好)")
    requested_stars: int = Field(ge=1, le=5)
    applied_on: date = Field(description="by 31 October")


class RecommendationIn(RequestBody):
    recommended: bool
    recommended_on: date = Field(description="by 15 November")
    reasons: list[str] = Field(default_factory=list)


class StarEvaluationIn(RequestBody):
    approved: bool
    evaluated_on: date
    notice_from: date | None = Field(None, description="first day of the 7-day public notice (when approved)")
    reasons: list[str] = Field(default_factory=list)


class ObjectionIn(RequestBody):
    submitted_on: date
    text: str = Field(min_length=1, max_length=2000)


class NamingIn(RequestBody):
    named_on: date = Field(description="after the 7-day notice")
    objection_upheld: bool = False
    reasons: list[str] = Field(default_factory=list)


class SpotCheckIn(RequestBody):
    checked_on: date
    findings: str = Field(min_length=1, max_length=2000)
    sanction: Sanction = Sanction.NONE
    rectify_by: date | None = Field(None, description="required for `rectify` (限期整改)")


class StarApplicationOut(BaseModel):
    """One application, with its community's current stars."""

    id: str
    year: int
    round: StarRound
    indicators_met: int
    mechanism: bool
    requested_stars: int
    stars_before: int
    applied_on: date
    status: ApplicationStatus
    recommended_on: date | None = None
    evaluated_on: date | None = None
    notice_from: date | None = None
    notice_last_day: date | None = None
    objections: list[Objection] = []
    decided_on: date | None = None
    reasons: list[str] = []
    community_id: str
    community_name: str
    community_stars: int

    @classmethod
    def of(cls, community: StarCommunity, application_id: str) -> "StarApplicationOut":
        application: StarApplication = community.application(application_id)
        return cls(**vars(application), community_id=community.id, community_name=community.name,
                   community_stars=community.stars)


class StarCommunityOut(BaseModel):
    """Current stars, when named, the applications and the history of naming and sanctions."""

    id: str
    name: str
    stars: int
    named_on: date | None = None
    applications: list[StarApplication] = []
    spot_checks: list[SpotCheck] = []
    history: list[HistoryEntry] = []
    closed_on: date | None = Field(None, description="the community was abolished or merged: title withdrawn")
    merged_into: str | None = None

    @classmethod
    def of(cls, community: StarCommunity) -> "StarCommunityOut":
        return cls.model_validate(community, from_attributes=True)


class StarRoundOut(BaseModel):
    """Year Y's certification round (第十条) and its spot checks (第十九条)."""

    year: int
    cycle: Literal["yearly", "biennial"] = Field(description="yearly until every community holds a title (全覆盖), "
                                                             "then an upgrade round every 2 years")
    round_open: bool = Field(description="applications are accepted in this year")
    next_round: int = Field(description="the first round year from this one on")
    covered_since: int | None = Field(None, description="the year every community first held a title")
    communities_count: int = Field(description="communities registry keeps, not abolished")
    titled_count: int = Field(description="of them, those holding a title now")
    spot_checks_count: int = Field(description="spot checks dated in the year")
    spot_check_missing: bool = Field(description="named smart communities in the year but no spot check in it")
