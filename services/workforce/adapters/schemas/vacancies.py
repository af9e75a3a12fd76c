"""API shapes of open recruitment: vacancies, applications, scores."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from services.workforce.adapters.schemas.numbers import Score, two_places
from services.workforce.adapters.schemas.workers import CertificateIn
from services.workforce.application.recruitment import ApplicationForm
from services.workforce.domain.identity import mask
from services.workforce.domain.vacancy import Application, Vacancy
from shared.schemas import RequestBody


class VacancyIn(RequestBody):
    employer_id: str = Field(min_length=1, max_length=100,
                             description="the street office signing the agreements (registered with registry)")
    community_id: str = Field(min_length=1, max_length=100, description="a community registry registered")
    post: str = Field(description="station_staff | station_deputy_head | station_head")
    places: int = Field(le=10_000)  # the domain refuses < 1; stored, so bounded
    closing_date: date
    term_end: date = Field(description="end of the agreement term the district set")


class ApplicationIn(RequestBody):
    name: str = Field(min_length=1, max_length=50)
    resident_id: str
    education: str
    fresh_graduate: bool = False
    hukou: str
    certificates: list[CertificateIn] = Field([], max_length=20)
    on: date | None = Field(None, description="the day the application was filed; today in Beijing when left out")

    def form(self, today: date) -> ApplicationForm:
        return ApplicationForm(self.name, self.resident_id, self.education, self.fresh_graduate, self.hukou,
                               tuple(c.domain() for c in self.certificates), self.on or today)


class ScoreIn(RequestBody):
    application_id: str = Field(min_length=1, max_length=100)
    score: Decimal = Field(ge=0, le=100, decimal_places=2, allow_inf_nan=False,
                           description="0–100, at most two decimals (a number or a decimal string)")


class ScoresIn(RequestBody):
    scores: list[ScoreIn] = Field(min_length=1, max_length=1_000)

    def by_application(self) -> dict[str, Decimal]:
        return {s.application_id: s.score for s in self.scores}


class HireApplicantIn(RequestBody):
    start_date: date
    certificate_exception: str | None = Field(None, min_length=1, max_length=2000, description=(
        "the street office's reason to hire new station staff without a valid social-worker certificate or "
        "community-worker qualification (社区服务站建设管理办法 第二十一条: 一般要持有); recorded on the worker"))


class FailedCondition(BaseModel):
    field: str
    rule: str
    message: str


class ApplicationOut(BaseModel):
    id: str
    name: str
    resident_id: str = Field(description="masked: first 6 and last 4 characters")
    filed_on: date
    eligible: bool
    failed: list[FailedCondition]
    score: Score | None
    worker_id: str | None

    @classmethod
    def of(cls, a: Application) -> "ApplicationOut":
        return cls(id=a.id, name=a.name, resident_id=mask(a.resident_id), filed_on=a.filed_on, eligible=a.eligible,
                   failed=[FailedCondition(field=f, rule=r, message=m) for f, r, m in a.failed],
                   score=None if a.score is None else two_places(a.score), worker_id=a.worker_id)


class VacancyOut(BaseModel):
    id: str
    employer_id: str
    community_id: str
    post: str
    places: int
    closing_date: date
    term_end: date
    applications: list[ApplicationOut]

    @classmethod
    def of(cls, v: Vacancy) -> "VacancyOut":
        return cls(id=v.id, employer_id=v.employer_id, community_id=v.community_id, post=v.post.value,
                   places=v.places, closing_date=v.closing_date, term_end=v.term_end,
                   applications=[ApplicationOut.of(a) for a in v.applications])
