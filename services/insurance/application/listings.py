"""Listings of an account's records and of a month's statements: one page is chosen first (from a month's ids, or
from the unit's own statements read once, which give the count too), then only that page's statements are
assembled from their write-once facts (docs/api.md, "Listings")."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from services.insurance.application.accounts import existing_account
from services.insurance.application.ports import Accounts, Bases, Members, Statements
from services.insurance.domain.account import PaymentMethod
from services.insurance.domain.calendar import Period
from services.insurance.domain.members import Member
from services.insurance.domain.statement import Statement, StatementStatus

T = TypeVar("T")


@dataclass(frozen=True)
class Listing(Generic[T]):
    items: list[T]
    total_count: int  # every match, not only this page's


@dataclass(frozen=True)
class PersonBase:
    """A person's contribution base of a year (None: none generated, the month's statement charges the floor)."""

    member: Member
    base: Decimal | None
    corrected: bool


def _slice(items: list[T], page: int, size: int) -> list[T]:
    return items[(page - 1) * size:page * size]


async def account_statements(accounts: Accounts, statements: Statements, employer_id: str, page: int,
                             size: int) -> Listing[Statement]:
    await existing_account(accounts, employer_id)
    return Listing(*await statements.employer_page(employer_id, page, size))


async def period_statements(accounts: Accounts, statements: Statements, period: Period, page: int, size: int, *,
                            payment_method: PaymentMethod | None = None,
                            status: StatementStatus | None = None) -> Listing[Statement]:
    """A month's statements by employer id: the units paying by `payment_method` now (the account's index), in
    `status` (a statement's status follows from its payments, so that filter reads the month's statements)."""
    employers = await statements.period_employers(str(period))
    if payment_method is not None:
        paying = await accounts.paying_by(payment_method.value)
        employers = [e for e in employers if e in paying]
    if status is None:
        chosen = [(e, str(period)) for e in _slice(employers, page, size)]
        return Listing(await statements.assembled(chosen), len(employers))
    everyone = await statements.assembled([(e, str(period)) for e in employers])
    matching = [s for s in everyone if s.status is status]
    return Listing(_slice(matching, page, size), len(matching))


async def account_bases(accounts: Accounts, members: Members, bases: Bases, employer_id: str, year: int, page: int,
                        size: int) -> Listing[PersonBase]:
    """The contribution bases of `year` of the unit's insured persons (present and removed), with corrections."""
    await existing_account(accounts, employer_id)
    persons = await members.of_employer_page(employer_id, page, size)
    found = await bases.bases_of(year, [m.resident_id for m in persons.items])
    return Listing([PersonBase(m, *found.get(m.resident_id, (None, False))) for m in persons.items], persons.total)
