"""REST for open recruitment under /api/v1/workforce/vacancies."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from services.workforce.adapters.schemas import CertificateIn, WorkerOut
from services.workforce.application import recruitment as cases
from services.workforce.bootstrap import Container
from services.workforce.domain import vacancy as rules
from services.workforce.domain.identity import mask
from services.workforce.domain.vacancy import Application, Vacancy
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/workforce/vacancies", tags=["workforce: recruitment"])
ContainerDep = Annotated[Container, Depends(container_of)]


class VacancyIn(BaseModel):
    employer_id: str = Field(min_length=1, description="the street office signing the agreements")
    community_id: str = Field(min_length=1)
    post: str = Field(description="station_staff | station_deputy_head | station_head")
    places: int = Field(le=10_000)  # the domain refuses < 1; stored, so bounded
    closing_date: date
    term_end: date = Field(description="end of the agreement term the district set")


class ApplicationIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    resident_id: str
    education: str
    fresh_graduate: bool = False
    hukou: str
    certificates: list[CertificateIn] = []
    filed_on: date


class ScoreIn(BaseModel):
    application_id: str
    score: Decimal


class ScoresIn(BaseModel):
    scores: list[ScoreIn] = Field(min_length=1)


class HireApplicantIn(BaseModel):
    start_date: date


def application_out(a: Application) -> dict:
    return {"id": a.id, "name": a.name, "resident_id": mask(a.resident_id), "filed_on": a.filed_on,
            "eligible": a.eligible, "failed": [{"field": f, "rule": r, "message": m} for f, r, m in a.failed],
            "score": None if a.score is None else str(a.score), "worker_id": a.worker_id}


def vacancy_out(v: Vacancy) -> dict:
    return {"id": v.id, "employer_id": v.employer_id, "community_id": v.community_id, "post": v.post.value,
            "places": v.places, "closing_date": v.closing_date, "term_end": v.term_end,
            "applications": [application_out(a) for a in v.applications]}


@router.post("", status_code=201)
async def open_vacancy(body: VacancyIn, c: ContainerDep) -> dict:
    vacancy = rules.open_vacancy(str(uuid.uuid4()), body.employer_id, body.community_id, body.post, body.places,
                                 body.closing_date, body.term_end)
    return vacancy_out(await cases.open_vacancy(vacancy, c.vacancies))


@router.get("/{vacancy_id}")
async def get_vacancy(vacancy_id: str, c: ContainerDep) -> dict:
    return vacancy_out((await cases.existing_vacancy(vacancy_id, c.vacancies))[0])


@router.post("/{vacancy_id}/applications", status_code=201)
async def apply(vacancy_id: str, body: ApplicationIn, c: ContainerDep) -> dict:
    def decide(vacancy):
        return rules.apply(vacancy, str(uuid.uuid4()), body.name, body.resident_id, body.education,
                           body.fresh_graduate, body.hukou, tuple(x.domain() for x in body.certificates),
                           body.filed_on, c.policy.max_recruit_age)

    return application_out(await cases.change_vacancy(vacancy_id, decide, c.vacancies))


@router.put("/{vacancy_id}/scores")
async def record_scores(vacancy_id: str, body: ScoresIn, c: ContainerDep) -> list[dict]:
    def decide(vacancy):
        scored = rules.record_scores(vacancy, {s.application_id: s.score for s in body.scores}, c.today())
        return scored, rules.ranking(scored)

    return [application_out(a) for a in await cases.change_vacancy(vacancy_id, decide, c.vacancies)]


@router.get("/{vacancy_id}/ranking")
async def ranking(vacancy_id: str, c: ContainerDep) -> list[dict]:
    vacancy, _ = await cases.existing_vacancy(vacancy_id, c.vacancies)
    return [application_out(a) for a in rules.ranking(vacancy)]


@router.post("/{vacancy_id}/applications/{application_id}/hire", status_code=201, response_model=WorkerOut)
async def hire_applicant(vacancy_id: str, application_id: str, body: HireApplicantIn, c: ContainerDep) -> WorkerOut:
    worker = await cases.hire_applicant(vacancy_id, application_id, body.start_date, c.vacancies, c.workers,
                                        c.claims, c.staffing, c.policy.max_recruit_age)
    return WorkerOut.of(worker)
