"""API shapes of a station's approved posts and its check."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, Field

from services.workforce.application.stations import StationCheck
from services.workforce.domain.station import STANDING_POSTS
from shared.schemas import RequestBody


class StationPostsIn(RequestBody):
    standing: list[str] = Field(max_length=len(STANDING_POSTS),
                                description=f"常设岗位, by name: {' | '.join(STANDING_POSTS)}")
    special: list[Annotated[str, Field(max_length=100)]] = Field(
        [], max_length=20, description="特设岗位, named by the station (1 or 2 expected)")
    approved_on: date = Field(description="the street office's approval (审核批准)")


class FindingOut(BaseModel):
    rule: str
    article: str
    message: str


class StationPostsOut(BaseModel):
    standing: list[str]
    special: list[str]
    approved_on: date


class StationCheckOut(BaseModel):
    community_id: str
    compliant: bool = Field(description="true when nothing is missing")
    approved_posts: StationPostsOut | None = Field(description="the approved posts, None when none are recorded")
    unmet: list[FindingOut] = Field(description="each requirement the station does not meet, with its rule and "
                                                "article")

    @classmethod
    def of(cls, check: StationCheck) -> "StationCheckOut":
        p = check.posts
        posts = p and StationPostsOut(standing=list(p.standing), special=list(p.special), approved_on=p.approved_on)
        return cls(community_id=check.community_id, compliant=not check.findings, approved_posts=posts,
                   unmet=[FindingOut(rule=f.rule, article=f.article, message=f.message) for f in check.findings])
