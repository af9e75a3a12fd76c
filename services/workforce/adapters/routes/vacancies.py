"""Open recruitment under /api/v1/workforce/vacancies."""
from __future__ import annotations

import uuid

from fastapi import APIRouter

from services.workforce.adapters.routes.dependencies import (PREFIX, ApplicationId, CommunityFilter, ContainerDep,
                                                             EmployerFilter, VacancyId)
from services.workforce.adapters.schemas.vacancies import (ApplicationIn, ApplicationOut, HireApplicantIn,
                                                           ScoresIn, VacancyIn, VacancyOut)
from services.workforce.adapters.schemas.workers import WorkerOut
from services.workforce.application import recruitment as cases
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

router = APIRouter(prefix=f"{PREFIX}/vacancies", tags=["workforce: recruitment"])


@router.post("", status_code=201, response_model=VacancyOut, **allow(Role.STREET_OFFICER))
async def open_vacancy(body: VacancyIn, c: ContainerDep) -> VacancyOut:
    vacancy = await cases.open_vacancy(str(uuid.uuid4()), body.employer_id, body.community_id, body.post,
                                       body.places, body.closing_date, body.term_end, c.vacancies, c.references)
    return VacancyOut.of(vacancy)


@router.get("", response_model=PageOut[VacancyOut], **allow(Role.STREET_OFFICER))
async def list_vacancies(c: ContainerDep, paging: Paging, community_id: CommunityFilter = None,
                         employer_id: EmployerFilter = None) -> PageOut[VacancyOut]:
    """Vacancies by community and employer (street office), each filter an indexed field; by id."""
    found = await cases.list_vacancies(paging, community_id, employer_id, c.vacancies)
    return PageOut.of(found.items, found.total, paging, VacancyOut.of)


@router.get("/{vacancy_id}", response_model=VacancyOut, **allow(Role.STREET_OFFICER))
async def get_vacancy(vacancy_id: VacancyId, c: ContainerDep) -> VacancyOut:
    return VacancyOut.of(await cases.get_vacancy(vacancy_id, c.vacancies))


@router.post("/{vacancy_id}/applications", status_code=201, response_model=ApplicationOut, **allow(Role.STREET_OFFICER))
async def apply(vacancy_id: VacancyId, body: ApplicationIn, c: ContainerDep) -> ApplicationOut:
    application = await cases.apply_for(vacancy_id, str(uuid.uuid4()), body.form(c.today()), c.vacancies,
                                        c.policy.max_recruit_age)
    return ApplicationOut.of(application)


@router.put("/{vacancy_id}/scores", response_model=list[ApplicationOut], **allow(Role.STREET_OFFICER))
async def record_scores(vacancy_id: VacancyId, body: ScoresIn, c: ContainerDep) -> list[ApplicationOut]:
    ranked = await cases.record_scores(vacancy_id, body.by_application(), c.vacancies, c.today)
    return [ApplicationOut.of(a) for a in ranked]


@router.get("/{vacancy_id}/ranking", response_model=PageOut[ApplicationOut], **allow(Role.STREET_OFFICER))
async def ranking(vacancy_id: VacancyId, c: ContainerDep, paging: Paging) -> PageOut[ApplicationOut]:
    """Eligible, scored applications, best first (equal scores: who applied first)."""
    found = await cases.ranking(vacancy_id, c.vacancies, paging)
    return PageOut.of(found.items, found.total, paging, ApplicationOut.of)


@router.post("/{vacancy_id}/applications/{application_id}/hire", status_code=201, response_model=WorkerOut,
             **allow(Role.STREET_OFFICER))
async def hire_applicant(vacancy_id: VacancyId, application_id: ApplicationId, body: HireApplicantIn,
                         c: ContainerDep) -> WorkerOut:
    worker = await cases.hire_applicant(vacancy_id, application_id, body.start_date, c.vacancies, c.workers,
                                        c.claims, c.staffing, c.policy.max_recruit_age, c.references,
                                        certificate_exception=body.certificate_exception)
    return WorkerOut.of(worker)
