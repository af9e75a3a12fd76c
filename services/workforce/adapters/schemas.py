"""API shapes, separate from the domain and from the stored documents. Enumerations arrive as strings so the
domain names the broken rule (`assessment-grade`, `known-posts`, …)."""
from __future__ import annotations

from datetime import date, time
from typing import Literal

from pydantic import BaseModel, Field

from services.workforce.domain.identity import mask
from services.workforce.domain.staffing import Community, Profile
from services.workforce.domain.worker import Certificate, Hire, Worker
from shared.params import MAX_HOUSEHOLDS, MAX_PEOPLE


class PersonIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    resident_id: str = Field(description="居民身份证号码, 18 characters; checked with its GB 11643 check digit")
    education: str = Field(description="high_school | college (大专) | bachelor | master | doctorate")
    fresh_graduate: bool = False
    hukou: str = Field(description="beijing_urban | beijing_rural | other")


class CertificateIn(BaseModel):
    kind: str = Field(description="social_worker | assistant_social_worker | community_worker_qualification")
    number: str = Field(min_length=1, max_length=64)
    registered_on: date

    def domain(self) -> Certificate:
        return Certificate(self.kind, self.number, self.registered_on)


class HireIn(BaseModel):
    employer_id: str = Field(min_length=1, description="the street office's registered employer id")
    community_id: str = Field(min_length=1)
    kind: str = Field(description="recruited (招录, station staff) | elected (选任, party/committee members)")
    person: PersonIn
    posts: list[str] = Field(min_length=1, description="e.g. station_staff, committee_director, station_head")
    start_date: date
    term_end: date = Field(description="end of the agreement: the district's term (recruited) or the term (elected)")
    closing_date: date | None = Field(None, description="application closing date (recruited): age is checked on it")
    retiree: bool = False
    certificates: list[CertificateIn] = []

    def command(self) -> Hire:
        p = self.person
        return Hire(self.employer_id, self.community_id, self.kind, p.name, p.resident_id, p.education,
                    p.fresh_graduate, p.hukou, tuple(self.posts), self.start_date, self.term_end, self.closing_date,
                    self.retiree, tuple(c.domain() for c in self.certificates))


class WorkerOut(BaseModel):
    id: str
    employer_id: str
    community_id: str
    kind: str
    status: str
    tier: str
    posts: list[str]
    start_date: date
    term_end: date
    retiree: bool
    person_name: str
    resident_id: str = Field(description="masked: first 6 and last 4 characters")
    gender: str
    separated_on: date | None = None
    separation_reason: str | None = None

    @classmethod
    def of(cls, w: Worker) -> "WorkerOut":
        return cls(id=w.id, employer_id=w.employer_id, community_id=w.community_id, kind=w.kind.value,
                   status="active" if w.active else "separated", tier=w.tier_on(date.max).value,
                   posts=[p.value for p in w.posts], start_date=w.start_date, term_end=w.term_end,
                   retiree=w.retiree, person_name=w.person.name, resident_id=mask(w.person.resident_id),
                   gender=w.person.gender, separated_on=w.separation and w.separation.on,
                   separation_reason=w.separation and w.separation.reason)


class PostsIn(BaseModel):
    posts: list[str] = Field(min_length=1)
    effective_on: date


class TransferIn(BaseModel):
    community_id: str = Field(min_length=1, description="the community of the same street office moved to")
    effective_on: date
    posts: list[str] = Field([], description="the posts held there; empty keeps the current ones")


class AssessmentIn(BaseModel):
    year: int = Field(ge=2000, le=2100)
    grade: str = Field(description="excellent | pass | basic_pass | fail")
    task_completion: int = Field(description="percent of tasks completed")
    satisfaction: int = Field(description="residents' satisfaction, percent")
    notified_on: date = Field(description="date of the written notice")


class ObjectionIn(BaseModel):
    filed_on: date
    reason: str = Field(min_length=1, max_length=2000)


class DecisionIn(BaseModel):
    decided_on: date
    grade: str = Field(description="the grade the street decides: the same (upheld) or another")


class TrainingIn(BaseModel):
    year: int = Field(ge=2000, le=2100)
    course: str = Field(min_length=1, max_length=200)
    completed_on: date
    result: str = Field(min_length=1, max_length=200)


class AwardIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    awarded_on: date
    awarded_by: str = Field(min_length=1, max_length=200)


class RenewalIn(BaseModel):
    signed_on: date
    term_end: date


class SeparationIn(BaseModel):
    reason: Literal["resignation", "dismissal"]
    on: date


class CommunityIn(BaseModel):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    rural: bool
    households: int = Field(ge=0, le=MAX_HOUSEHOLDS, description="实有户数")
    migrants: int = Field(0, ge=0, le=MAX_PEOPLE, description="流动人口 / 新居民")
    profile: Profile = Profile.BEIJING

    def domain(self) -> Community:
        return Community(self.id, self.name, self.rural, self.households, self.migrants, self.profile)


class CommunitiesIn(BaseModel):
    # each community is a load, a recount and a write: bounded so that one request stays well inside the
    # gateway's upstream timeout (an unbounded list answered 504); send a longer list in parts
    communities: list[CommunityIn] = Field(min_length=1, max_length=100)


class OpeningIn(BaseModel):
    day: str = Field(description="mon … sun")
    opens: time
    closes: time
    staff_on_duty: int = Field(1, le=1_000)


class RosterIn(BaseModel):
    openings: list[OpeningIn] = Field(min_length=1)


class BonusIn(BaseModel):
    employer_id: str = Field(min_length=1, description="the street office whose workers share the pool")
