"""What the use cases need from storage. The aggregates' repositories are `shared.ports.Repository` plus the
queries named here; the monthly cycle's write-once stores (statements and their facts, bases, step claims, closing
batches) are ports of their own. The adapters satisfy them; tests pass `tests.support.fakes.InMemoryRepository`."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol

from services.insurance.domain.account import Account
from services.insurance.domain.back_payment import BackPayment
from services.insurance.domain.dunning import DunningNotice
from services.insurance.domain.escalation_case import EscalationCase
from services.insurance.domain.fines import Fine
from services.insurance.domain.members import Member
from services.insurance.domain.rates import RateTable
from services.insurance.domain.repayment import Repayment
from services.insurance.domain.statement import Statement
from services.insurance.domain.transfers import TransferDocument
from shared.events import Event
from shared.ports import Repository, Today
from shared.repository import Page

__all__ = ["Accounts", "BackPayments", "Bases", "Closings", "DunningNotices", "EscalationCases", "Fines", "Members",
           "RateTables", "Repayments", "Statements", "Steps", "Today", "TransferDocuments"]


class Accounts(Repository[Account], Protocol):
    async def all_open(self) -> list[Account]: ...

    async def paying_by(self, payment_method: str) -> set[str]: ...


class Members(Repository[Member], Protocol):
    async def of_employer(self, employer_id: str) -> list[Member]: ...

    async def of_employer_page(self, employer_id: str, page: int, size: int) -> Page[Member]: ...

    async def joined_by(self, on: date) -> list[Member]: ...

    async def pending_documents(self, page: int, size: int, employer_id: str | None = None) -> Page[Member]: ...


class TransferDocuments(Repository[TransferDocument], Protocol):
    async def issue(self, document: TransferDocument) -> None: ...

    async def listing(self, page: int, size: int, *, employer_id: str | None = None,
                      resident_id: str | None = None) -> Page[TransferDocument]: ...


class Fines(Repository[Fine], Protocol):
    async def of_employer(self, employer_id: str) -> list[Fine]: ...


class BackPayments(Repository[BackPayment], Protocol):
    async def of_employer(self, employer_id: str) -> list[BackPayment]: ...


class RateTables(Repository[RateTable], Protocol):
    async def all(self) -> list[RateTable]: ...


Repayments = Repository[Repayment]


class Statements(Protocol):
    """Statements and their write-once facts (payments, closes, settlements), read back assembled."""

    async def add_statements(self, statements: list[Statement]) -> None: ...

    async def add_payments(self, period: str, batch: str, amounts: dict[str, Decimal]) -> None: ...

    async def add_closes(self, statements: list[Statement]) -> None: ...

    async def add_settlements(self, statements: list[Statement]) -> None: ...

    async def before_close(self, period: str) -> dict[str, Statement]: ...

    async def unpaid_streaks(self, period: str) -> dict[str, int]: ...

    async def of_employer(self, employer_id: str) -> list[Statement]: ...

    async def amounts_of(self, employer_id: str) -> list[Statement]: ...

    async def employer_page(self, employer_id: str, page: int, size: int) -> tuple[list[Statement], int]: ...

    async def period_employers(self, period: str) -> list[str]: ...

    async def assembled(self, keys: list[tuple[str, str]]) -> list[Statement]: ...

    async def open_arrears(self, employer_id: str | None = None) -> list[Statement]: ...


class Bases(Protocol):
    """Wage declarations, generated bases and their corrections by year, and the recorded average wages."""

    async def declare(self, year: int, rows: list[tuple[str, str, Decimal]]) -> None: ...

    async def declared(self, year: int, resident_ids: list[str]) -> set[str]: ...

    async def declarations(self, year: int) -> dict[str, Decimal]: ...

    async def bases(self, year: int) -> dict[str, Decimal]: ...

    async def bases_of(self, year: int, resident_ids: list[str]) -> dict[str, tuple[Decimal, bool]]: ...

    async def base_of(self, year: int, resident_id: str) -> Decimal | None: ...

    async def correct(self, year: int, resident_id: str, employer_id: str, wage: Decimal, base: Decimal,
                      on: date) -> None: ...

    async def write_bases(self, year: int, bases: dict[str, Decimal]) -> None: ...

    async def set_average_wage(self, year: int, wage: Decimal) -> None: ...

    async def average_wages(self) -> dict[int, Decimal]: ...


class Steps(Protocol):
    """A unique claim per cycle step (`<month>:<step>`): a step runs once; released if it failed. The run that
    claimed it (`run_id`, a job's id) may claim it again: its job is resumed after an interruption."""

    async def claim(self, key: str, on: date, run_id: str | None = None) -> None: ...

    async def release(self, key: str) -> None: ...

    async def done(self, key: str) -> bool: ...


class Closings(Protocol):
    """The month-close events, announced in batches."""

    async def save(self, period: str, events: list[Event]) -> None: ...


class DunningNotices(Protocol):
    """催缴通知 of the collection month, one per unit and debit-results import."""

    async def add(self, notices: list[DunningNotice]) -> None: ...

    async def page(self, page: int, size: int, *, period: str | None = None,
                   employer_id: str | None = None) -> Page[DunningNotice]: ...


class EscalationCases(Repository[EscalationCase], Protocol):
    async def page_of(self, page: int, size: int, *, status: str | None = None,
                      stage: str | None = None) -> Page[EscalationCase]: ...
