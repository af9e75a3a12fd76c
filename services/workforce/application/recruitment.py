"""Open recruitment: vacancy → applications → scores → ranking → hire (the hire goes through hire_worker)."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from services.workforce.adapters.vacancies import VacancyRepository
from services.workforce.adapters.workers import Claims, WorkerRepository
from services.workforce.application.staffing import StaffingDeps
from services.workforce.application.workers import existing, hire_worker
from services.workforce.domain import vacancy as rules
from services.workforce.domain.vacancy import Vacancy
from services.workforce.domain.worker import Worker


async def open_vacancy(vacancy: Vacancy, vacancies: VacancyRepository) -> Vacancy:
    async with vacancies.lock(vacancy.id):
        await vacancies.save(vacancy, loaded=None)
    return vacancy


async def change_vacancy(vacancy_id: str, decide: Callable[[Vacancy], tuple[Vacancy, object]],
                         vacancies: VacancyRepository):
    """Load → decide → save; `decide` returns the new vacancy and what the caller answers with."""
    async with vacancies.lock(vacancy_id):
        vacancy, loaded = await existing_vacancy(vacancy_id, vacancies)
        changed, answer = decide(vacancy)
        await vacancies.save(changed, loaded=loaded)
    return answer


async def hire_applicant(vacancy_id: str, application_id: str, start_date: date, vacancies: VacancyRepository,
                         workers: WorkerRepository, claims: Claims, staffing: StaffingDeps, max_age: int) -> Worker:
    """Hire first (the person's claim stops a second hire), then mark the application hired."""
    async with vacancies.lock(vacancy_id):
        vacancy, loaded = await existing_vacancy(vacancy_id, vacancies)
        command = rules.hire_from(vacancy, application_id, start_date)
        worker = await hire_worker(command, str(uuid.uuid4()), workers, claims, staffing, max_age)
        await vacancies.save(rules.mark_hired(vacancy, application_id, worker.id), loaded=loaded)
    return worker


async def existing_vacancy(vacancy_id: str, vacancies: VacancyRepository):
    return await existing(vacancies, vacancy_id, "vacancy")
