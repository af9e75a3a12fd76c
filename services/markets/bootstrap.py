"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass

from services.markets.adapters.plans import PlanRepository
from services.markets.adapters.repository import MarketRepository, ReferenceRepository
from services.markets.adapters.stations import StationRepository
from services.markets.application.subscriptions import SUBSCRIPTIONS
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import event_handlers


@dataclass
class Container:
    runtime: ServiceRuntime
    markets: MarketRepository
    areas: ReferenceRepository
    sites: ReferenceRepository
    plans: PlanRepository
    stations: StationRepository
    postal_outlets: ReferenceRepository
    today: Today

    async def init_db(self) -> None:
        await self.markets.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today) -> Container:
    runtime = ServiceRuntime(settings or load_settings("markets"))
    container = Container(runtime, MarketRepository(runtime.store("markets")),
                          ReferenceRepository(runtime.db["residential_areas"]),
                          ReferenceRepository(runtime.db["candidate_sites"]), PlanRepository(runtime.store("plans")),
                          StationRepository(runtime.store("stations")), ReferenceRepository(runtime.db["postal_outlets"]),
                          today)
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
