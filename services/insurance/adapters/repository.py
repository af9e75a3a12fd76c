from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal

from services.insurance.domain.account import Account, AccountStatus, PaymentMethod, StatementMode
from services.insurance.domain.arrears import Stage
from shared.events import Event
from shared.mongo import DuplicateKeyError
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

    async def open(self, account: Account, events: Sequence[Event], *, caused_by: str) -> bool:
        """Write a new account without reading first; False if the employer already has one (its `_id` refused
        the insert): one round trip where a read and an insert would be two."""
        try:
            await self._store.save(account.employer_id, _to_doc(account), events, loaded=None, caused_by=caused_by)
        except DuplicateKeyError:
            return False
        return True

    async def all_open(self) -> list[Account]:
        """Every open account in one bulk read (the monthly cycle's input)."""
        cursor = self._store.collection.find({"status": AccountStatus.OPEN.value}, {"_outbox": 0, "_applied": 0})
        return [_from_doc(doc["_id"], doc) async for doc in cursor]


def _to_doc(account: Account) -> dict:
    return {"name": account.name, "uscc": account.uscc, "district_code": account.district_code,
            "status": account.status.value, "mode": account.mode.value,
            "payment_method": account.payment_method.value, "arrears": str(account.arrears),
            "opened_on": account.opened_on.isoformat(), "declared_periods": list(account.declared_periods),
            "stage": account.stage.value, "pending_request_id": account.pending_request_id,
            "recovery_opened_on": account.recovery_opened_on and account.recovery_opened_on.isoformat(),
            "industry_class": account.industry_class}


def _from_doc(employer_id: str, doc: dict) -> Account:
    recovery = doc.get("recovery_opened_on")
    return Account(employer_id, doc["name"], doc["uscc"], doc["district_code"], AccountStatus(doc["status"]),
                   StatementMode(doc["mode"]), PaymentMethod(doc["payment_method"]), Decimal(doc["arrears"]),
                   date.fromisoformat(doc["opened_on"]), tuple(doc.get("declared_periods", ())),
                   Stage(doc.get("stage", Stage.NONE.value)), doc.get("pending_request_id"),
                   date.fromisoformat(recovery) if recovery else None, doc.get("industry_class", 1))
