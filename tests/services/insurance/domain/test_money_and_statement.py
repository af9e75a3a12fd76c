from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from services.insurance.domain.money import yuan
from services.insurance.domain.rates import DEFAULT_RATES, SPLIT_ORDER, InsuranceType
from services.insurance.domain.statement import (
    StatementStatus, apply_payment, build_statement, close_statement, must_declare)


def test_rounding_is_half_up_to_the_fen():
    assert yuan(Decimal("0.005")) == Decimal("0.01") and yuan(Decimal("0.0049")) == Decimal("0.00")


def test_a_statement_is_itemised_by_type_and_share_with_the_default_rates():
    statement = build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
    lines = {line.kind: line for line in statement.lines}
    assert (lines[InsuranceType.PENSION].employer, lines[InsuranceType.PENSION].individual) == (
        Decimal("1600.00"), Decimal("800.00"))  # 16 % / 8 %
    assert lines[InsuranceType.UNEMPLOYMENT].amount == Decimal("100.00")  # 0.5 % + 0.5 %
    assert lines[InsuranceType.WORK_INJURY].amount == Decimal("20.00")  # class 1: 0.2 %
    assert lines[InsuranceType.MATERNITY].amount == Decimal("80.00")  # 0.8 %
    assert statement.total == Decimal("2600.00") and statement.headcount == 1


@given(st.lists(st.decimals(min_value=1, max_value=50000, places=2), min_size=1, max_size=30))
def test_the_item_lines_add_up_to_the_total_to_the_fen(bases):
    statement = build_statement("e1", "2026-11", bases, DEFAULT_RATES)
    assert sum(line.employer + line.individual for line in statement.lines) == statement.total
    assert statement.total == statement.total.quantize(Decimal("0.01"))


def test_a_short_payment_is_split_pension_then_unemployment_then_work_injury_then_maternity():
    statement = build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
    short = apply_payment(statement, Decimal("2450.00"))
    assert [short.received[k] for k in SPLIT_ORDER] == [
        Decimal("2400.00"), Decimal("50.00"), Decimal("0.00"), Decimal("0.00")]
    assert short.status is StatementStatus.SHORT and short.outstanding == Decimal("150.00")
    paid = apply_payment(short, Decimal("150.00"))
    assert paid.status is StatementStatus.PAID and paid.outstanding == 0


def test_a_failed_debit_leaves_everything_outstanding():
    statement = build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
    assert apply_payment(statement, Decimal("0")).status is StatementStatus.FAILED


def test_two_consecutive_fully_unpaid_months_switch_to_active_declaration():
    statement = build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
    first = close_statement(statement, previous_streak=0)
    second = close_statement(statement, previous_streak=first.unpaid_streak)
    assert (first.unpaid_streak, second.unpaid_streak) == (1, 2)
    assert not must_declare(first.unpaid_streak) and must_declare(second.unpaid_streak)
    partly = close_statement(apply_payment(statement, Decimal("1.00")), previous_streak=1)
    assert partly.unpaid_streak == 0 and partly.status is StatementStatus.CLOSED
