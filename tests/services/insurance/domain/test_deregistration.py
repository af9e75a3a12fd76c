"""The deregistration assessment (登记管理办法 第十三条): every unpaid month, closed or still in its collection, with
its late fee to the assessment date (0.05 % a day from the day after the 20th of the following month), and fines."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.insurance.domain.deregistration import deregistration_assessment, still_owed, unpaid_months
from services.insurance.domain.fines import DEFAULT_FINE_RANGES, Offence, Severity, impose_fine, pay_fine
from services.insurance.domain.rates import DEFAULT_RATES
from services.insurance.domain.statement import StatementStatus, apply_payment, build_statement

DAILY = Decimal("0.0005")


def _month(period: str, status=StatementStatus.ISSUED):
    """One person on a 10 000 yuan base: 2 600.00 a month at the default rates."""
    return replace(build_statement("e1", period, [Decimal("10000.00")], DEFAULT_RATES), status=status)


NOVEMBER_CLOSED = _month("2026-11", StatementStatus.CLOSED)
DECEMBER_OPEN = _month("2026-12")  # issued on the 28th, due 2027-01-20, not yet closed


def test_an_open_month_unpaid_counts_with_no_late_fee_up_to_its_due_date_inclusive():
    assessed = deregistration_assessment([_month("2026-11")], [], date(2026, 12, 20), DAILY)
    assert (assessed.contributions, assessed.late_fees, assessed.total) == (
        Decimal("2600.00"), Decimal("0.00"), Decimal("2600.00"))


def test_the_late_fee_starts_the_day_after_the_due_date():
    assessed = deregistration_assessment([_month("2026-11")], [], date(2026, 12, 21), DAILY)
    assert assessed.late_fees == Decimal("1.30")  # 2 600.00 × 0.05 % × 1 day


def test_closed_arrears_and_this_open_month_are_both_assessed():
    assessed = deregistration_assessment([NOVEMBER_CLOSED, DECEMBER_OPEN], [], date(2027, 1, 19), DAILY)
    assert assessed.contributions == Decimal("5200.00")
    assert assessed.late_fees == Decimal("39.00")  # November: 30 days; December not yet due
    later = deregistration_assessment([NOVEMBER_CLOSED, DECEMBER_OPEN], [], date(2027, 1, 21), DAILY)
    assert later.late_fees == Decimal("41.60") + Decimal("1.30")  # 32 days + December's first day


def test_the_daily_rate_is_the_configured_one():
    assessed = deregistration_assessment([_month("2026-11")], [], date(2026, 12, 21), Decimal("0.001"))
    assert assessed.late_fees == Decimal("2.60")


def test_paid_months_are_left_out_and_a_short_month_counts_what_has_not_arrived():
    paid = apply_payment(_month("2026-10"), Decimal("2600.00"))
    short = apply_payment(_month("2026-11"), Decimal("600.00"))
    assert [(a.period, a.outstanding) for a in unpaid_months([paid, short], date(2026, 12, 10))] == [
        ("2026-11", Decimal("2000.00"))]


def test_a_month_that_begins_after_the_assessment_date_is_not_assessed():
    assert unpaid_months([DECEMBER_OPEN], date(2026, 11, 30)) == []
    assert [a.period for a in unpaid_months([DECEMBER_OPEN], date(2026, 12, 1))] == ["2026-12"]


def test_fines_unpaid_on_the_assessment_date_are_added_whole():
    fine = impose_fine("f1", "e1", Offence.DECLARATION, Severity.SERIOUS, Decimal("1000.00"), date(2026, 12, 1),
                       "not declared", DEFAULT_FINE_RANGES)
    assessed = deregistration_assessment([DECEMBER_OPEN], [fine], date(2026, 12, 10), DAILY)
    assert (assessed.fines, assessed.total) == (Decimal("1000.00"), Decimal("3600.00"))
    paid = pay_fine(fine, Decimal("1000.00"), date(2026, 12, 11))
    assert still_owed([apply_payment(DECEMBER_OPEN, Decimal("2600.00"))], [paid], date(2026, 12, 12)) == 0
    assert still_owed([DECEMBER_OPEN], [paid], date(2026, 12, 12)) == Decimal("2600.00")
