from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.insurance.domain.members import Member
from services.insurance.domain.rates import DEFAULT_RATES
from services.insurance.domain.records import base_years, pension_account_credit, person_statement, unit_summary
from services.insurance.domain.statement import StatementStatus, apply_payment, build_statement

BASE = Decimal("10000.00")


def _month(period, paid):
    statement = build_statement("e1", period, [BASE], DEFAULT_RATES)
    return apply_payment(statement, statement.total) if paid else replace(statement, status=StatementStatus.CLOSED)


def test_the_unit_summary_lists_the_years_months_with_due_paid_and_arrears():
    months = unit_summary([_month("2026-11", True), _month("2026-10", False), _month("2025-12", True)], 2026)
    assert [(m.period, m.paid, m.arrears) for m in months] == [
        ("2026-10", Decimal("0.00"), Decimal("2600.00")), ("2026-11", Decimal("2600.00"), Decimal("0.00"))]


def test_only_paid_months_credit_the_pension_individual_account_8_percent_of_the_base():
    member = Member("p1", "e1", "n", date(2026, 9, 5))
    statements = {p: _month(p, paid) for p, paid in (("2026-09", True), ("2026-10", False), ("2026-11", True))}
    months = person_statement(member, 2026, {2026: BASE}, {2025: Decimal("6000.00"), 2026: Decimal("6000.00")},
                              statements, [DEFAULT_RATES])
    assert [(m.period, m.employer, m.individual, m.paid) for m in months] == [
        ("2026-09", Decimal("1750.00"), Decimal("850.00"), True),  # 16+0.5+0.2+0.8 % / 8+0.5 %
        ("2026-10", Decimal("1750.00"), Decimal("850.00"), False),
        ("2026-11", Decimal("1750.00"), Decimal("850.00"), True)]
    assert pension_account_credit(months) == Decimal("1600.00")


def test_the_base_years_read_are_those_of_the_months_listed_april_starting_a_base_year():
    statements = {p: _month(p, True) for p in ("2026-02", "2026-03", "2026-04", "2026-11")}
    since_september = Member("p1", "e1", "n", date(2026, 9, 5))
    assert base_years(since_september, 2026, statements) == [2026]
    since_last_year = Member("p2", "e1", "n", date(2025, 6, 1))
    assert base_years(since_last_year, 2026, statements) == [2025, 2026]  # February and March: 2025's base
    assert base_years(since_last_year, 2027, statements) == []  # no month charged: no base to read


def test_a_year_with_a_base_needs_no_floor():
    member = Member("p1", "e1", "n", date(2026, 9, 5))
    months = person_statement(member, 2026, {2026: BASE}, {}, {"2026-10": _month("2026-10", True)}, [DEFAULT_RATES])
    assert [(m.period, m.base) for m in months] == [("2026-10", BASE)]
