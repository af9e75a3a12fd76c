"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.workforce.adapters.records import CommunityRepository, RosterRepository, RunRepository
from services.workforce.adapters.vacancies import VacancyRepository
from services.workforce.adapters.workers import Claims, WorkerRepository
from services.workforce.application.staffing import StaffingDeps
from services.workforce.application.subscriptions import SUBSCRIPTIONS
from services.workforce.application.workers import watch_separations
from services.workforce.config import WorkforceSettings
from services.workforce.domain.policy import Policy
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.scheduler import PeriodicJob
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
    separation_watch: PeriodicJob | None = field(default=None, repr=False)

    @property
    def staffing(self) -> StaffingDeps:
        return StaffingDeps(self.workers, self.communities, self.today)

    async def init_db(self) -> None:
        await self.workers.ensure_indexes()

    async def watch_separations_today(self, tick: datetime | None = None) -> None:
        """The daily timer's action: retirements and ended terms as of Beijing's today (the injected clock)."""
        await watch_separations(self.today(), self.workers, self.claims, self.staffing)


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              policy: Policy | None = None, workforce: WorkforceSettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("workforce"))
    workforce = workforce or WorkforceSettings()
    db = runtime.db
    container = Container(
        runtime, today, policy or workforce.policy(),
        WorkerRepository(runtime.store("workers")), Claims(db["claims"]),
        CommunityRepository(runtime.store("communities")), RosterRepository(db["rosters"]),
        RunRepository(db["payroll_runs"], "payroll"), RunRepository(db["bonus_runs"], "bonus"),
        VacancyRepository(runtime.store("vacancies")),
    )
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    # lease-gated: one replica runs each tick
    container.separation_watch = runtime.every("separation-watch", workforce.separation_watch_seconds,
                                               container.watch_separations_today)
    return container
