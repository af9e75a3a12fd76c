"""API shapes of workers and their records. Enumerations arrive as strings so the domain names the broken rule
(`assessment-grade`, `known-posts`, …)."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from services.workforce.domain.identity import mask
from services.workforce.domain.worker import (Award, Certificate, Hire, OneChildCertificate, Renewal, Separation,
                                              Training, Worker)
from shared.schemas import RequestBody


class PersonIn(RequestBody):
    name: str = Field(min_length=1, max_length=50)
    resident_id: str = Field(description="居民身份证号码, 18 characters; checked with its GB 11643 check digit")
    education: str = Field(description="high_school | college (大专) | bachelor | master | doctorate")
    fresh_graduate: bool = False
    hukou: str = Field(description="beijing_urban | beijing_rural | other")


class CertificateIn(RequestBody):
    kind: str = Field(description="social_worker | assistant_social_worker | community_worker_qualification")
    number: str = Field(min_length=1, max_length=64)
    registered_on: date
    valid_until: date | None = Field(None, description="有效期: the last day the certificate is valid, if stated")

    def domain(self) -> Certificate:
        return Certificate(self.kind, self.number, self.registered_on, self.valid_until)


class HireIn(RequestBody):
    employer_id: str = Field(min_length=1, max_length=100,
                             description="the street office's employer id, registered with registry")
    community_id: str = Field(min_length=1, max_length=100, description="a community registry registered")
    kind: str = Field(description="recruited (招录, station staff) | elected (选任, party/committee members)")
    person: PersonIn
    posts: list[str] = Field(min_length=1, max_length=20,
                             description="e.g. station_staff, committee_director, station_head")
    start_date: date
    term_end: date = Field(description="end of the agreement: the district's term (recruited) or the term (elected)")
    closing_date: date | None = Field(None, description="application closing date (recruited): age is checked on it")
    retiree: bool = False
    certificates: list[CertificateIn] = Field([], max_length=20)
    certificate_exception: str | None = Field(None, min_length=1, max_length=2000, description=(
        "the street office's reason to hire new station staff without a valid social-worker certificate or "
        "community-worker qualification (社区服务站建设管理办法 第二十一条: 一般要持有); recorded on the worker"))

    def command(self) -> Hire:
        p = self.person
        return Hire(self.employer_id, self.community_id, self.kind, p.name, p.resident_id, p.education,
                    p.fresh_graduate, p.hukou, tuple(self.posts), self.start_date, self.term_end, self.closing_date,
                    self.retiree, tuple(c.domain() for c in self.certificates), self.certificate_exception)


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
    certificate_exception: str | None = Field(None, description="why the street office hired this station worker "
                                                                "without a valid certificate (第二十一条)")

    @classmethod
    def of(cls, w: Worker) -> "WorkerOut":
        return cls(id=w.id, employer_id=w.employer_id, community_id=w.community_id, kind=w.kind.value,
                   status="active" if w.active else "separated", tier=w.tier_on(date.max).value,
                   posts=[p.value for p in w.posts], start_date=w.start_date, term_end=w.term_end,
                   retiree=w.retiree, person_name=w.person.name, resident_id=mask(w.person.resident_id),
                   gender=w.person.gender, separated_on=w.separation and w.separation.on,
                   separation_reason=w.separation and w.separation.reason,
                   certificate_exception=w.certificate_exception and w.certificate_exception.reason)


class OneChildIn(RequestBody):
    number: str = Field(min_length=1, max_length=64, description="独生子女父母光荣证 number")
    issued_on: date
    child_birth_date: date

    def domain(self) -> OneChildCertificate:
        return OneChildCertificate(self.number, self.issued_on, self.child_birth_date)


class PostsIn(RequestBody):
    posts: list[str] = Field(min_length=1, max_length=20)
    effective_on: date


class TransferIn(RequestBody):
    community_id: str = Field(min_length=1, max_length=100,
                              description="the community of the same street office moved to")
    effective_on: date
    posts: list[str] = Field([], max_length=20, description="the posts held there; empty keeps the current ones")


class AssessmentIn(RequestBody):
    year: int = Field(ge=2000, le=2100)
    grade: str = Field(description="excellent | pass | basic_pass | fail")
    task_completion: int = Field(description="percent of tasks completed")
    satisfaction: int = Field(description="residents' satisfaction, percent")
    notified_on: date = Field(description="date of the written notice")


class ObjectionIn(RequestBody):
    on: date | None = Field(None, description="the day the objection was filed; today in Beijing when left out")
    reason: str = Field(min_length=1, max_length=2000)


class DecisionIn(RequestBody):
    on: date | None = Field(None, description="the day the street decided; today in Beijing when left out")
    grade: str = Field(description="the grade the street decides: the same (upheld) or another")


class TrainingIn(RequestBody):
    year: int = Field(ge=2000, le=2100)
    course: str = Field(min_length=1, max_length=200)
    completed_on: date
    outcome: str = Field(min_length=1, max_length=200, description="the course's result as recorded (pass, a grade)")

    def domain(self) -> Training:
        return Training(self.year, self.course, self.completed_on, self.outcome)


class AwardIn(RequestBody):
    title: str = Field(min_length=1, max_length=200)
    awarded_on: date
    awarded_by: str = Field(min_length=1, max_length=200)

    def domain(self) -> Award:
        return Award(self.title, self.awarded_on, self.awarded_by)


class RenewalIn(RequestBody):
    signed_on: date
    term_end: date

    def domain(self) -> Renewal:
        return Renewal(self.signed_on, self.term_end)


class SeparationIn(RequestBody):
    reason: Literal["resignation", "dismissal"]
    on: date | None = Field(None, description="the last day of service; today in Beijing when left out")

    def domain(self, today: date) -> Separation:
        return Separation(self.on or today, self.reason)


class ArchivedPerson(BaseModel):
    name: str
    resident_id: str = Field(description="in full: the archive is the street office's own record")
    gender: str
    birth_date: date
    education: str
    hukou: str


class ArchiveEntry(BaseModel):
    on: date
    kind: str = Field(description="start | position_change | transfer | agreement_renewed | certificate | "
                                  "certificate_exception | "
                                  "assessment | objection | objection_decision | training | award | separation")
    data: dict[str, Any] = Field(description="the entry's facts, by kind")


class ArchiveOut(BaseModel):
    worker_id: str
    person: ArchivedPerson
    start_date: date
    timeline: list[ArchiveEntry]

    @classmethod
    def of(cls, worker: Worker, timeline: list[dict]) -> "ArchiveOut":
        p = worker.person
        person = ArchivedPerson(name=p.name, resident_id=p.resident_id, gender=p.gender, birth_date=p.birth_date,
                                education=p.education.value, hukou=p.hukou.value)
        return cls(worker_id=worker.id, person=person, start_date=worker.start_date,
                   timeline=[ArchiveEntry(on=e["on"], kind=e["kind"], data=e["detail"]) for e in timeline])


class WatchOut(BaseModel):
    on: date
    separated: list[WorkerOut]
