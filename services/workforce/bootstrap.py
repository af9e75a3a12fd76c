"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.workforce.adapters.repositories.claims import ClaimRepository, claim_repository
from services.workforce.adapters.repositories.communities import CommunityRepository, community_repository
from services.workforce.adapters.repositories.employers import employer_repository
from services.workforce.adapters.repositories.rosters import roster_repository
from services.workforce.adapters.repositories.runs import run_repository
from services.workforce.adapters.repositories.stations import station_posts_repository
from services.workforce.adapters.repositories.vacancies import VacancyRepository, vacancy_repository
from services.workforce.adapters.repositories.workers import WorkerRepository, worker_repository
from services.workforce.application.employers import References
from services.workforce.application.ports import Run
from services.workforce.application.staffing import StaffingDeps, recount_legacy_records
from services.workforce.application.subscriptions import SUBSCRIPTIONS
from services.workforce.application.workers import watch_separations
from services.workforce.domain.employers import KnownEmployer
from services.workforce.domain.policy import Policy
from services.workforce.domain.roster import Roster
from services.workforce.domain.station import StationPosts
from services.workforce.settings import WorkforceSettings
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.repository import AggregateRepository
from shared.runtime import ServiceRuntime
from shared.scheduler import PeriodicJob
from shared.wiring import dependencies_of, event_handlers


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    today: Today
    policy: Policy
    workers: WorkerRepository
    claims: ClaimRepository
    communities: CommunityRepository
    employers: AggregateRepository[KnownEmployer]
    rosters: AggregateRepository[Roster]
    station_posts: AggregateRepository[StationPosts]
    payroll: AggregateRepository[Run]
    bonuses: AggregateRepository[Run]
    vacancies: VacancyRepository
    separation_watch: PeriodicJob | None = field(default=None, repr=False)

    @property
    def staffing(self) -> StaffingDeps:
        return StaffingDeps(self.workers, self.communities, self.today)

    @property
    def references(self) -> References:
        return References(self.employers, self.communities)

    async def init_db(self) -> None:
        for repository in (self.workers, self.communities, self.vacancies):
            await repository.ensure_indexes()
        await recount_legacy_records(self.staffing)

    async def watch_separations_today(self, tick: datetime | None = None) -> None:
        """The daily timer's action: retirements and ended terms as of Beijing's today (the injected clock)."""
        await watch_separations(self.today(), self.workers, self.claims, self.staffing)


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              policy: Policy | None = None, workforce: WorkforceSettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("workforce"))
    workforce = workforce or WorkforceSettings()
    container = Container(
        runtime=runtime, today=today, policy=policy or workforce.policy(),
        workers=worker_repository(runtime.store("workers")),
        claims=claim_repository(runtime.store("claims")),
        communities=community_repository(runtime.store("communities")),
        employers=employer_repository(runtime.store("employers")),
        rosters=roster_repository(runtime.store("rosters")),
        station_posts=station_posts_repository(runtime.store("station_posts")),
        payroll=run_repository(runtime.store("payroll_runs"), "payroll"),
        bonuses=run_repository(runtime.store("bonus_runs"), "bonus"),
        vacancies=vacancy_repository(runtime.store("vacancies")),
    )
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="workforce"))
    # lease-gated: one replica runs each tick
    container.separation_watch = runtime.every("separation-watch", workforce.separation_watch_seconds,
                                               container.watch_separations_today)
    return container
