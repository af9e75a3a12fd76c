"""Open recruitment: vacancy → applications → scores → ranking → hire (the hire goes through hire_worker)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.workforce.application.employers import References, checked
from services.workforce.application.ports import Claims, Today, Vacancies, Workers
from services.workforce.application.staffing import StaffingDeps
from services.workforce.application.workers import hire_worker
from services.workforce.domain import vacancy as rules
from services.workforce.domain.vacancy import Application, Vacancy
from services.workforce.domain.worker import Certificate, Worker
from shared.errors import NotFound
from shared.paging import PageRequest
from shared.repository import Page
from shared.usecase import change


@dataclass(frozen=True)
class ApplicationForm:
    """What an applicant files for a vacancy."""

    name: str
    resident_id: str
    education: str
    fresh_graduate: bool
    hukou: str
    certificates: tuple[Certificate, ...]
    filed_on: date


async def open_vacancy(vacancy_id: str, employer_id: str, community_id: str, post: str, places: int,
                       closing_date: date, term_end: date, vacancies: Vacancies,
                       references: References | None = None) -> Vacancy:
    await checked(references, employer_id=employer_id, community_id=community_id)
    vacancy = rules.open_vacancy(vacancy_id, employer_id, community_id, post, places, closing_date, term_end)
    await vacancies.add(vacancy)
    return vacancy


async def get_vacancy(vacancy_id: str, vacancies: Vacancies) -> Vacancy:
    vacancy = await vacancies.get(vacancy_id)
    if vacancy is None:
        raise NotFound(f"no vacancy {vacancy_id}")
    return vacancy


async def list_vacancies(page: PageRequest, community_id: str | None, employer_id: str | None,
                         vacancies: Vacancies) -> Page[Vacancy]:
    return await vacancies.listing(page, community_id=community_id, employer_id=employer_id)


async def apply_for(vacancy_id: str, application_id: str, form: ApplicationForm, vacancies: Vacancies,
                    max_age: int) -> Application:
    """An application, checked against every condition on the closing date."""
    def decide(vacancy: Vacancy):
        changed, _ = rules.apply(vacancy, application_id, form.name, form.resident_id, form.education,
                                 form.fresh_graduate, form.hukou, form.certificates, form.filed_on, max_age)
        return changed, []

    vacancy = await change(vacancies, vacancy_id, decide, what="vacancy")
    return next(a for a in vacancy.applications if a.id == application_id)


async def record_scores(vacancy_id: str, scores: dict[str, Decimal], vacancies: Vacancies,
                        today: Today) -> list[Application]:
    """The exam scores; answers with the ranking they make."""
    def decide(vacancy: Vacancy):
        return rules.record_scores(vacancy, scores, today()), []

    return rules.ranking(await change(vacancies, vacancy_id, decide, what="vacancy"))


async def ranking(vacancy_id: str, vacancies: Vacancies, page: PageRequest) -> Page[Application]:
    """A page of the ranking (the vacancy is one document: ranked whole, sliced here)."""
    ranked = rules.ranking(await get_vacancy(vacancy_id, vacancies))
    return Page(ranked[page.skip:page.skip + page.size], len(ranked))


async def hire_applicant(vacancy_id: str, application_id: str, start_date: date, vacancies: Vacancies,
                         workers: Workers, claims: Claims, staffing: StaffingDeps, max_age: int,
                         references: References | None = None, *,
                         certificate_exception: str | None = None) -> Worker:
    """Hire first (the person's claim stops a second hire), then mark the application hired."""
    hired: list[Worker] = []

    async def decide(vacancy: Vacancy):
        command = rules.hire_from(vacancy, application_id, start_date, certificate_exception)
        hired.append(await hire_worker(command, str(uuid.uuid4()), workers, claims, staffing, max_age, references))
        return rules.mark_hired(vacancy, application_id, hired[0].id), []

    await change(vacancies, vacancy_id, decide, what="vacancy")
    return hired[0]
