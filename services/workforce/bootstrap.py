"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass

from services.workforce.adapters.records import CommunityRepository, RosterRepository, RunRepository
from services.workforce.adapters.vacancies import VacancyRepository
from services.workforce.adapters.workers import Claims, WorkerRepository
from services.workforce.application.staffing import StaffingDeps
from services.workforce.application.subscriptions import SUBSCRIPTIONS
from services.workforce.config import WorkforceSettings
from services.workforce.domain.policy import Policy
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import event_handlers


@dataclass
class Container:
    runtime: ServiceRuntime
    today: Today
    policy: Policy
    workers: WorkerRepository
    claims: Claims
    communities: CommunityRepository
    rosters: RosterRepository
    payroll: RunRepository
    bonuses: RunRepository
    vacancies: VacancyRepository

    @property
    def staffing(self) -> StaffingDeps:
        return StaffingDeps(self.workers, self.communities, self.today)

    async def init_db(self) -> None:
        await self.workers.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              policy: Policy | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("workforce"))
    db = runtime.db
    container = Container(
        runtime, today, policy or WorkforceSettings().policy(),
        WorkerRepository(runtime.store("workers")), Claims(db["claims"]),
        CommunityRepository(runtime.store("communities")), RosterRepository(db["rosters"]),
        RunRepository(db["payroll_runs"], "payroll"), RunRepository(db["bonus_runs"], "bonus"),
        VacancyRepository(runtime.store("vacancies")),
    )
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
