"""API shapes of the community projection, the staffing overview and station rosters."""
from __future__ import annotations

from datetime import date, time
from typing import Literal

from pydantic import BaseModel, Field

from services.workforce.adapters.schemas.numbers import Hours, two_places
from services.workforce.domain.roster import Opening, Roster
from services.workforce.domain.staffing import Community, Profile, ProfileComparison
from services.workforce.domain.worker import Worker
from shared.params import MAX_HOUSEHOLDS, MAX_PEOPLE
from shared.schemas import RequestBody

CommunityKind = Literal["urban", "rural"]


class CommunityIn(RequestBody):
    id: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    kind: CommunityKind = Field(description="urban (residents' committee) | rural (villagers' committee)")
    households: int = Field(ge=0, le=MAX_HOUSEHOLDS, description="实有户数")
    migrant_population: int = Field(0, ge=0, le=MAX_PEOPLE, description="流动人口 / 新居民")
    profile: Profile = Profile.BEIJING

    def domain(self) -> Community:
        return Community(self.id, self.name, self.kind == "rural", self.households, self.migrant_population,
                         self.profile)


class CommunitiesIn(RequestBody):
    # each community is a load, a recount and a write: bounded so that one request stays well inside the
    # gateway's upstream timeout (an unbounded list answered 504); send a longer list in parts
    communities: list[CommunityIn] = Field(min_length=1, max_length=100)


def kind_of(community: Community) -> CommunityKind:
    return "rural" if community.rural else "urban"


class ProfileComparisonOut(BaseModel):
    profile: Profile
    required: int
    actual: int | None = Field(description="whom this norm counts (Beijing: station staff; Wenzhou: every "
                                            "full-time worker); None until the community's next recount")
    shortfall: int | None
    police_assistants_required: int | None = Field(description="温州: 1 per 500 migrants; None for Beijing")

    @classmethod
    def of(cls, row: ProfileComparison) -> "ProfileComparisonOut":
        return cls(profile=row.profile, required=row.required, actual=row.actual, shortfall=row.shortfall,
                   police_assistants_required=row.police_assistants_required)


class ProfileIn(RequestBody):
    profile: Profile = Field(description="the staffing norm the community's verdict follows: beijing (社区服务站 "
                                         "第十八条) | wenzhou (温州城乡社区规范化建设暂行办法)")


class StaffingRow(BaseModel):
    community_id: str
    name: str
    profile: Profile
    households: int
    kind: CommunityKind
    migrant_population: int
    required: int
    actual: int
    shortfall: int
    police_assistants_required: int | None = Field(description="温州: 1 per 500 migrants; None elsewhere")
    profiles: list[ProfileComparisonOut] = Field(
        description="the same community under each profile, like for like (same households and migrants)")

    @classmethod
    def of(cls, row: dict) -> "StaffingRow":
        c = row["community"]
        return cls(community_id=c.id, name=c.name, profile=c.profile, households=c.households, kind=kind_of(c),
                   migrant_population=c.migrants, required=row["required"], actual=row["actual"], shortfall=row["shortfall"],
                   police_assistants_required=row["police_assistants_required"],
                   profiles=[ProfileComparisonOut.of(p) for p in row["profiles"]])


class WorkerToReassign(BaseModel):
    worker_id: str
    name: str
    posts: list[str]

    @classmethod
    def of(cls, w: Worker) -> "WorkerToReassign":
        return cls(worker_id=w.id, name=w.person.name, posts=[p.value for p in w.posts])


class Reassignment(BaseModel):
    community_id: str
    name: str
    abolished_on: date | None
    merged_into: str | None
    workers: list[WorkerToReassign]

    @classmethod
    def of(cls, row: dict) -> "Reassignment":
        c = row["community"]
        return cls(community_id=c.id, name=c.name, abolished_on=c.abolished_on, merged_into=c.merged_into,
                   workers=[WorkerToReassign.of(w) for w in row["workers"]])


class OpeningIn(RequestBody):
    day: str = Field(description="mon … sun")
    opens: time
    closes: time
    staff_on_duty: int = Field(1, le=1_000)

    def domain(self) -> Opening:
        return Opening(self.day, self.opens, self.closes, self.staff_on_duty)


class RosterIn(RequestBody):
    openings: list[OpeningIn] = Field(min_length=1, max_length=100)


class OpeningOut(BaseModel):
    day: str
    opens: time
    closes: time
    staff_on_duty: int


class RosterOut(BaseModel):
    weekly_hours: Hours = Field(description="hours the station is open in the week, e.g. 40.00")
    openings: list[OpeningOut]

    @classmethod
    def of(cls, roster: Roster) -> "RosterOut":
        return cls(weekly_hours=two_places(roster.weekly_hours), openings=[
            OpeningOut(day=o.day, opens=o.opens, closes=o.closes, staff_on_duty=o.staff_on_duty)
            for o in roster.openings])
