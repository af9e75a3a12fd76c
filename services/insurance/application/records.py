"""Records (缴费记录): the unit's yearly summary for its staff and each person's yearly statement."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.insurance.application.accounts import existing_account
from services.insurance.application.bases import effective_policy
from services.insurance.application.ports import Accounts, Bases, Members, RateTables, Statements
from services.insurance.domain import records
from services.insurance.domain.account import Account
from services.insurance.domain.members import Member
from services.insurance.domain.rates import CollectionPolicy
from services.insurance.domain.refusals import broken
from shared.errors import NotFound


@dataclass(frozen=True)
class UnitSummary:
    account: Account
    year: int
    months: list[records.UnitMonth]


@dataclass(frozen=True)
class PersonStatement:
    member: Member
    employer_id: str
    year: int
    months: list[records.PersonMonth]
    pension_credit: Decimal


async def unit_summary(accounts: Accounts, statements: Statements, employer_id: str, year: int) -> UnitSummary:
    account = await existing_account(accounts, employer_id)
    return UnitSummary(account, year, records.unit_summary(await statements.amounts_of(employer_id), year))


async def person_statement(accounts: Accounts, members: Members, bases: Bases, statements: Statements,
                           rates: RateTables, policy: CollectionPolicy, employer_id: str, resident_id: str,
                           year: int) -> PersonStatement:
    """Each month of `year` the person was insured with the unit, at the base of its base year (the year's floor
    without one), and the pension individual account credit of the paid months."""
    member = await members.get(resident_id)
    account = None if member is None or member.employer_id != employer_id else await accounts.get(employer_id)
    if member is None or account is None:
        message = f"{resident_id} is not insured with employer {employer_id}"
        raise NotFound(message, errors=broken("resident_id", "insured-here", message))
    by_period = {s.period: s for s in await statements.of_employer(employer_id)}
    years = records.base_years(member, year, by_period)  # none: no month to charge, nothing more to read
    # by key, each year on its own: an `$in` of keys is not pushed down by FerretDB v1 (it would decode every base),
    # and no index serves the person's id in `bases`
    known = {y: b for y in years if (b := await bases.base_of(y, resident_id)) is not None}
    floors = await _floors(bases, policy, [y for y in years if y not in known])
    tables = await rates.all() if years else []
    months = records.person_statement(member, year, known, floors, by_period, tables, account.industry_class)
    return PersonStatement(member, employer_id, year, months, records.pension_account_credit(months))


async def _floors(bases: Bases, policy: CollectionPolicy, years: list[int]) -> dict[int, Decimal]:
    """The floors of the base years without a base: the recorded average wages they derive from are read only
    when a year needs one."""
    if not years:
        return {}
    policy = await effective_policy(bases, policy)
    return {y: policy.bounds_for(y).floor for y in years}
