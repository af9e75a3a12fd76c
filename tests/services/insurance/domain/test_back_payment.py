"""补缴: exact itemised amounts from each month's base and rates, late fees to the day, cancelled on failure."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.back_payment import (
    BackPaymentStatus, MonthFacts, conclude, file_back_payment)
from services.insurance.domain.rates import DEFAULT_RATES, InsuranceType, Shares
from services.insurance.domain.repayment import PaymentChannel
from shared.errors import Conflict, InvalidInput

A, B = "11010519491231002X", "110105198001010016"
RATE = Decimal("0.0005")  # 0.05 % a day
TEN_K = MonthFacts(Decimal("10000.00"), DEFAULT_RATES)  # 2 600.00 a month with the default rates (26 %)
# A later table: pension 20 % employer, from 2026-06 (the June item is charged at it)
RAISED = replace(DEFAULT_RATES, shares=DEFAULT_RATES.shares | {InsuranceType.PENSION: Shares(Decimal("0.20"),
                                                                                             Decimal("0.08"))})
FACTS = {("2026-05", A): TEN_K, ("2026-06", A): MonthFacts(Decimal("10000.00"), RAISED),
         ("2026-05", B): MonthFacts(Decimal("6000.00"), DEFAULT_RATES)}


def _file(wanted, amount, paid_on=date(2026, 7, 20), channel=PaymentChannel.BANK_DEBIT, already=frozenset()):
    return file_back_payment("bp1", "e1", wanted, Decimal(amount), paid_on, channel, FACTS, {A, B}, set(already), 1,
                             RATE)


def test_each_item_is_that_months_base_times_that_months_rates_per_type_and_share():
    # May: 2600.00 (A) + 1560.00 (B at 6 000.00), due 2026-06-20 → 31 days of late fee on 21 Jul: 4160 × 1.55 %
    # June (A at the raised table): 3000.00, due 2026-07-20 → 1 day: 3000 × 0.05 %
    bp = _file([("2026-05", A), ("2026-06", A), ("2026-05", B)], "7225.98", paid_on=date(2026, 7, 21))
    assert [(i.period, i.resident_id, i.amount) for i in bp.items] == [
        ("2026-05", A, Decimal("2600.00")), ("2026-05", B, Decimal("1560.00")), ("2026-06", A, Decimal("3000.00"))]
    assert bp.items[2].lines[InsuranceType.PENSION] == (Decimal("2000.00"), Decimal("800.00"))
    assert bp.items[1].lines[InsuranceType.WORK_INJURY] == (Decimal("12.00"), Decimal("0.00"))  # 0.2 % of 6 000
    assert bp.late_fees == {"2026-05": Decimal("64.48"), "2026-06": Decimal("1.50")}
    assert (bp.contributions, bp.total, bp.status) == (Decimal("7160.00"), Decimal("7225.98"), BackPaymentStatus.FILED)


def test_the_amount_must_be_exact_to_the_fen():
    with pytest.raises(InvalidInput) as wrong:
        _file([("2026-05", A)], "2638.99")  # due: 2600.00 + 39.00
    assert wrong.value.errors[0].rule == "exact-amount" and "2639.00" in wrong.value.detail
    assert _file([("2026-05", A)], "2639.00").total == Decimal("2639.00")


def test_only_past_months_of_persons_insured_here_and_each_person_month_once():
    with pytest.raises(InvalidInput) as bad:
        _file([("2026-06", A), ("2026-05", "110105198001010024"), ("2026-05", B)], "0",
              already={("2026-05", B)})
    assert [(p.field, p.rule) for p in bad.value.errors] == [
        ("items.0.period", "past-month"), ("items.1.resident_id", "insured"), ("items.2", "filed-once")]
    # June is due on 20 July: a back-payment of it is possible from 21 July
    assert _file([("2026-06", A)], "3001.50", paid_on=date(2026, 7, 21)).late_fees == {"2026-06": Decimal("1.50")}


def test_a_failed_debit_or_bounced_cheque_cancels_the_record_which_must_be_filed_again():
    filed = _file([("2026-05", A)], "2639.00")
    cancelled = conclude(filed, received=False)
    assert cancelled.status is BackPaymentStatus.CANCELLED
    with pytest.raises(Conflict):
        conclude(cancelled, received=True)  # not revived: filed again as a new record
    cheque = _file([("2026-05", A)], "2639.00", channel=PaymentChannel.CHEQUE)
    assert conclude(cheque, received=True).status is BackPaymentStatus.RECEIVED
