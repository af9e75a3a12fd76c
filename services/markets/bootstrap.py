"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from services.markets.adapters.repositories import (MarketRepository, PlanRepository, ReferenceRepository,
                                                    StationRepository)
from services.markets.application.cases import open_overdue_cases
from services.markets.application.subscriptions import SUBSCRIPTIONS
from services.markets.settings import MarketsSettings
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.scheduler import PeriodicJob
from shared.wiring import dependencies_of, event_handlers


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    settings: MarketsSettings
    markets: MarketRepository
    plans: PlanRepository
    stations: StationRepository
    areas: ReferenceRepository
    """Residential areas (居住区): imported, or kept from registry's events."""
    sites: ReferenceRepository
    """Candidate sites for a market: state-owned outlets, disused boiler rooms, gas exchange stations."""
    postal_outlets: ReferenceRepository
    today: Today
    overdue_watch: PeriodicJob | None = field(default=None, repr=False)

    async def open_overdue_cases_today(self, tick: datetime | None = None) -> None:
        """The daily timer's action: the overdue-case run as of Beijing's today (the injected clock)."""
        await open_overdue_cases(self.today(), self.markets)

    async def init_db(self) -> None:
        for repository in (self.markets, self.plans, self.stations, self.areas, self.sites):
            await repository.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              section: MarketsSettings | None = None) -> Container:
    runtime = ServiceRuntime(settings or load_settings("markets"))
    container = Container(
        runtime=runtime,
        settings=section or MarketsSettings(),
        markets=MarketRepository(runtime.store("markets")),
        plans=PlanRepository(runtime.store("plans")),
        stations=StationRepository(runtime.store("stations")),
        areas=ReferenceRepository(runtime.db["residential_areas"],
                                  indexes=("community_id", "planning_flagged", "district_code")),
        sites=ReferenceRepository(runtime.db["candidate_sites"], indexes=("district_code",)),
        postal_outlets=ReferenceRepository(runtime.db["postal_outlets"]),
        today=today,
    )
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="markets"))
    # lease-gated: one replica runs each tick
    container.overdue_watch = runtime.every("overdue-cases", container.settings.overdue_cases_seconds,
                                            container.open_overdue_cases_today)
    return container
