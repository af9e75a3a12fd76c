"""What the use cases need from storage; the adapters' repositories satisfy these, tests pass
`tests.support.fakes.InMemoryRepository` (with the queries a test needs)."""
from __future__ import annotations

from datetime import date
from typing import Protocol

from services.contracts.domain.contract import Contract
from services.contracts.domain.units import Unit
from shared.ports import Now, Repository, Today

__all__ = ["CONTRACT", "Contracts", "Now", "Today", "Units"]

CONTRACT = "contract or application"
"""How a missing contract is named: 404 "no contract or application <id>"."""


class Contracts(Repository[Contract], Protocol):
    async def is_on_record(self, number: str | None) -> bool:
        """Whether `number` is a registered (or filed) contract's registration number."""

    async def ids_with_party(self, uscc: str) -> list[str]:
        """Every contract or application where `uscc` is the seller, buyer or intermediary."""

    async def overdue(self, today: date) -> list[Contract]:
        """Undecided past the 30-day deadline, the oldest deadline first."""

    async def allocate_number(self, contract: Contract, today: date) -> str:
        """The next registration number of the contract's year and registrar, gap-free."""


class Units(Repository[Unit], Protocol):
    """Registered units by employer id, from registry's events."""
