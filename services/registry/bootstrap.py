"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass

from services.registry.adapters.repository import EmployerRepository
from services.registry.application.subscriptions import SUBSCRIPTIONS
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import event_handlers


@dataclass
class Container:
    runtime: ServiceRuntime
    employers: EmployerRepository
    today: Today

    async def init_db(self) -> None:
        await self.employers.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today) -> Container:
    runtime = ServiceRuntime(settings or load_settings("registry"))
    container = Container(runtime, EmployerRepository(runtime.store("employers")), today)
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
