"""Contribution accounts, keyed by employer id: one document each, so opening twice is impossible by construction."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

from services.insurance.domain.account import Account, AccountStatus
from services.insurance.domain.refusals import broken
from shared.errors import Conflict, DomainError
from shared.repository import AggregateRepository, Codec, Page

ACCOUNTS: Codec[Account] = Codec.of(Account, key=lambda account: account.employer_id)


class AccountExists(Conflict):
    code = "account-exists"
    title = "The employer already has a contribution account"


def _exists(account: Account) -> DomainError:
    message = f"employer {account.employer_id} already has a contribution account"
    return AccountExists(message, errors=broken("employer_id", "one-account", message))


@dataclass
class AccountRepository(AggregateRepository[Account]):
    codec: Codec[Account] = ACCOUNTS
    what: str = "contribution account for employer"
    duplicate: Callable[[Account], DomainError] | None = _exists
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = field(default=(
        "payment_method", "status", "district_code", "certificate_status"))

    async def listing(self, page: int, size: int, *, payment_method: str | None = None, status: str | None = None,
                      district_code: str | None = None, certificate_status: str | None = None) -> Page[Account]:
        """A page of accounts by employer id, filtered on the indexed fields given."""
        query = {k: v for k, v in (("payment_method", payment_method), ("status", status),
                                   ("district_code", district_code), ("certificate_status", certificate_status))
                 if v is not None}
        return await self.page(query, page, size)

    async def paying_by(self, payment_method: str) -> set[str]:
        """The employer ids of the accounts paying by `payment_method` (its index, ids only)."""
        cursor = self.collection.find({"payment_method": payment_method}, {"_id": 1})
        return {d["_id"] async for d in cursor}

    async def all_open(self) -> list[Account]:
        """Every open account in one bulk read (the monthly cycle's input), without the events, in any order."""
        cursor = self.collection.find({"status": AccountStatus.OPEN.value}, {"_outbox": 0, "_applied": 0})
        return [self.codec.from_document(doc) async for doc in cursor]
