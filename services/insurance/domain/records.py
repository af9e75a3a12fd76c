"""Contribution records (缴费记录): the unit's yearly summary for its staff (第十四条) and each person's yearly
statement (个人缴费信息对账单, 第十三条), with the pension individual account credited for paid months."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.insurance.domain.calendar import Period
from services.insurance.domain.cycle import base_year
from services.insurance.domain.members import Member
from services.insurance.domain.money import ZERO, total
from services.insurance.domain.rates import InsuranceType, RateTable, rates_for_month
from services.insurance.domain.statement import Statement, StatementStatus, person_lines

PAID = (StatementStatus.PAID, StatementStatus.SETTLED)


@dataclass(frozen=True)
class UnitMonth:
    period: str
    headcount: int
    due: Decimal
    paid: Decimal
    arrears: Decimal


def unit_summary(statements: list[Statement], year: int) -> list[UnitMonth]:
    """The unit's months of `year`: headcount, due, paid and what is still owed."""
    return [UnitMonth(s.period, s.headcount, s.total, s.received_total, s.outstanding)
            for s in sorted(statements, key=lambda s: s.period) if s.period.startswith(f"{year:04d}-")]


@dataclass(frozen=True)
class PersonMonth:
    period: str
    base: Decimal
    employer: Decimal
    individual: Decimal
    pension_individual: Decimal
    paid: bool


def listed_periods(member: Member, year: int, statements: dict[str, Statement]) -> list[Period]:
    """The months of `year` on the person's statement: insured with the unit, and the unit was charged."""
    months = (Period(year, month) for month in range(1, 13))
    return [period for period in months if member.insured_in(period) and str(period) in statements]


def base_years(member: Member, year: int, statements: dict[str, Statement]) -> list[int]:
    """The base years whose bases the person's months of `year` are charged at (a base year starts in April)."""
    return sorted({base_year(period) for period in listed_periods(member, year, statements)})


def person_statement(member: Member, year: int, bases: dict[int, Decimal], floors: dict[int, Decimal],
                     statements: dict[str, Statement], tables: list[RateTable], industry_class: int = 1
                     ) -> list[PersonMonth]:
    """Each month of `year` the person was insured with the unit: base, both shares, and whether the unit's
    month was paid (only then does it count on the person's pension individual account). `floors`: those of
    the base years without a base in `bases`."""
    months = []
    for period in listed_periods(member, year, statements):
        year_of_base = base_year(period)
        base = bases[year_of_base] if year_of_base in bases else floors[year_of_base]
        lines = person_lines(base, rates_for_month(tables, period.day(1)), industry_class)
        months.append(PersonMonth(str(period), base, total(e for e, _ in lines.values()),
                                  total(i for _, i in lines.values()), lines[InsuranceType.PENSION][1],
                                  statements[str(period)].status in PAID))
    return months


def pension_account_credit(months: list[PersonMonth]) -> Decimal:
    """Credited to the pension individual account: the individual pension share of paid months."""
    return total(m.pension_individual for m in months if m.paid) if months else ZERO

