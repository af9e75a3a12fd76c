"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

from services.contracts.adapters.repository import ContractRepository
from services.contracts.adapters.units import UnitDirectory
from services.contracts.application.subscriptions import SUBSCRIPTIONS
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.sequences import SequenceAllocator
from shared.wiring import event_handlers


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Container:
    runtime: ServiceRuntime
    contracts: ContractRepository
    units: UnitDirectory
    today: Today
    now: Callable[[], datetime] = field(default=utc_now)

    async def init_db(self) -> None:
        await self.contracts.ensure_indexes()


def bootstrap(settings: Settings | None = None, today: Today = beijing_today,
              now: Callable[[], datetime] = utc_now) -> Container:
    runtime = ServiceRuntime(settings or load_settings("contracts"))
    sequences = SequenceAllocator(runtime.db["sequences"], runtime.locks)
    contracts = ContractRepository(runtime.store("contracts"), sequences)
    container = Container(runtime, contracts, UnitDirectory(runtime.db["units"]), today, now)
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
