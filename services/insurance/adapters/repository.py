from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal

from services.insurance.domain.account import Account, AccountStatus, PaymentMethod, StatementMode
from shared.events import Event
from shared.store import AggregateStore, Loaded


class AccountRepository:
    """Accounts keyed by employer id: one document each, so opening twice is impossible by construction."""

    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    def lock(self, employer_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(employer_id)

    async def load(self, employer_id: str) -> tuple[Account | None, Loaded | None]:
        loaded = await self._store.load(employer_id)
        return (None, None) if loaded is None else (_from_doc(loaded.id, loaded.state), loaded)

    async def get(self, employer_id: str) -> Account | None:
        return (await self.load(employer_id))[0]

    async def save(self, account: Account, events: Sequence[Event], *, loaded: Loaded | None,
                   caused_by: str | None = None) -> None:
        await self._store.save(account.employer_id, _to_doc(account), events, loaded=loaded, caused_by=caused_by)


def _to_doc(account: Account) -> dict:
    return {"name": account.name, "uscc": account.uscc, "district_code": account.district_code,
            "status": account.status.value, "mode": account.mode.value,
            "payment_method": account.payment_method.value, "arrears": str(account.arrears),
            "opened_on": account.opened_on.isoformat()}


def _from_doc(employer_id: str, doc: dict) -> Account:
    return Account(employer_id, doc["name"], doc["uscc"], doc["district_code"], AccountStatus(doc["status"]),
                   StatementMode(doc["mode"]), PaymentMethod(doc["payment_method"]), Decimal(doc["arrears"]),
                   date.fromisoformat(doc["opened_on"]))
