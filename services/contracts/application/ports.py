"""What the use cases need from storage; the adapters' repositories satisfy these, tests pass
`tests.support.fakes.InMemoryRepository` (with the queries a test needs)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from services.contracts.domain.contract import Contract, Status
from services.contracts.domain.tax_notifications import TaxNotification
from services.contracts.domain.units import Unit
from shared.ports import Now, Repository, Today
from shared.repository import Page

__all__ = ["CONTRACT", "ContractFilter", "Contracts", "Now", "Page", "TaxNotifications", "Today", "Units"]

CONTRACT = "contract or application"
"""How a missing contract is named: 404 "no contract or application <id>"."""


@dataclass(frozen=True)
class ContractFilter:
    """Which contracts a listing shows: the caller's filters (each on an indexed field) and, for an employer user,
    its scope (`party_uscc` or `submitted_by`: the unit's contracts and what the user filed itself); classified
    contracts only for registrars (第十二条)."""

    status: Status | None = None
    seller_uscc: str | None = None
    buyer_uscc: str | None = None
    registrar_code: str | None = None
    classified_too: bool = False
    scoped: bool = False
    party_uscc: str | None = None
    submitted_by: str | None = None


class Contracts(Repository[Contract], Protocol):
    async def is_on_record(self, number: str | None) -> bool:
        """Whether `number` is a registered (or filed) contract's registration number."""

    async def ids_with_party(self, uscc: str) -> list[str]:
        """Every contract or application where `uscc` is the seller, buyer or intermediary."""

    async def listing(self, filters: ContractFilter, page: int, size: int) -> Page[Contract]:
        """One page of the contracts matching `filters`, the newest acceptance first."""

    async def overdue(self, today: date, page: int, size: int) -> Page[Contract]:
        """Undecided past the 30-day deadline, the oldest deadline first."""

    async def allocate_number(self, contract: Contract, today: date) -> str:
        """The next registration number of the contract's year and registrar, gap-free."""


class Units(Repository[Unit], Protocol):
    """Registered units by employer id, from registry's events."""


class TaxNotifications(Repository[TaxNotification], Protocol):
    """The tax authority's notification outbox, one record per published contract event (keyed by its id)."""

    async def listing(self, filters, page: int, size: int) -> Page[TaxNotification]:
        """One page of the notifications matching `filters` (`application.tax_notifications.NotificationFilter`),
        the oldest first, so a reader paging forward meets each once."""
