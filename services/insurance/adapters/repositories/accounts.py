"""Contribution accounts, keyed by employer id: one document each, so opening twice is impossible by construction."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from services.insurance.domain.account import Account, AccountStatus
from shared.errors import Conflict, DomainError
from shared.repository import AggregateRepository, Codec

ACCOUNTS: Codec[Account] = Codec.of(Account, key=lambda account: account.employer_id)


class AccountExists(Conflict):
    code = "account-exists"
    title = "The employer already has a contribution account"


def _exists(account: Account) -> DomainError:
    return AccountExists(f"employer {account.employer_id} already has a contribution account")


@dataclass
class AccountRepository(AggregateRepository[Account]):
    codec: Codec[Account] = ACCOUNTS
    what: str = "contribution account for employer"
    duplicate: Callable[[Account], DomainError] | None = _exists

    async def all_open(self) -> list[Account]:
        """Every open account in one bulk read (the monthly cycle's input), without the events, in any order."""
        cursor = self.collection.find({"status": AccountStatus.OPEN.value}, {"_outbox": 0, "_applied": 0})
        return [self.codec.from_document(doc) async for doc in cursor]
