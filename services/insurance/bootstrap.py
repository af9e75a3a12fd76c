"""Composition root: settings, clients, repositories and handlers are built here once."""
from __future__ import annotations

from dataclasses import dataclass

from services.insurance.adapters.repository import AccountRepository
from services.insurance.application.subscriptions import SUBSCRIPTIONS
from shared.clock import Today, beijing_today
from shared.config import Settings, load_settings
from shared.runtime import ServiceRuntime
from shared.wiring import event_handlers


@dataclass
class Container:
    runtime: ServiceRuntime
    accounts: AccountRepository
    today: Today

    async def init_db(self) -> None:
        """Accounts are keyed by employer id (`_id`), which needs no extra index."""


def bootstrap(settings: Settings | None = None, today: Today = beijing_today) -> Container:
    runtime = ServiceRuntime(settings or load_settings("insurance"))
    container = Container(runtime, AccountRepository(runtime.store("accounts")), today)
    runtime.subscribe(event_handlers(SUBSCRIPTIONS, vars(container)))
    return container
