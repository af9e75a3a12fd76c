"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from services.contracts.adapters.repositories import ContractRepository, TaxNotificationRepository, UnitRepository
from services.contracts.application.subscriptions import SUBSCRIPTIONS
from services.contracts.settings import ContractsSettings
from shared.clock import Now, Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.sequences import SequenceAllocator
from shared.wiring import dependencies_of, event_handlers


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(kw_only=True)
class Container:
    runtime: ServiceRuntime
    settings: ContractsSettings
    contracts: ContractRepository
    units: UnitRepository
    notifications: TaxNotificationRepository
    today: Today
    now: Now

    async def init_db(self) -> None:
        await self.contracts.ensure_indexes()
        await self.units.ensure_indexes()
        await self.notifications.ensure_indexes()


def bootstrap(settings: Settings | None = None, contracts_settings: ContractsSettings | None = None,
              today: Today = beijing_today, now: Now = utc_now) -> Container:
    runtime = ServiceRuntime(settings or load_settings("contracts"))
    sequences = SequenceAllocator(runtime.db["sequences"], runtime.locks)
    container = Container(runtime=runtime, settings=contracts_settings or ContractsSettings(),
                          contracts=ContractRepository(runtime.store("contracts"), sequences=sequences),
                          units=UnitRepository(runtime.store("units")),
                          notifications=TaxNotificationRepository(runtime.store("tax_notifications")),
                          today=today, now=now)
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, dependencies_of(container), service="contracts"))
    return container
