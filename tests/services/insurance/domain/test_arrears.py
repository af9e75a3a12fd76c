from datetime import date
from decimal import Decimal

from services.insurance.domain.arrears import (
    Arrear, Stage, assess, escalation_stage, late_fee, repayment_due, stages_to_announce)

RATE = Decimal("0.0005")  # 0.05 % per day
NOV = Arrear("2026-11", Decimal("1000.00"), due_date=date(2026, 12, 20))


def test_late_fees_are_0_05_percent_per_day_from_the_day_after_the_due_date():
    assert late_fee(NOV, date(2026, 12, 20), RATE) == Decimal("0.00")
    assert late_fee(NOV, date(2026, 12, 21), RATE) == Decimal("0.50")
    assert late_fee(NOV, date(2027, 1, 19), RATE) == Decimal("15.00")  # 30 days


def test_the_assessment_adds_contributions_late_fees_and_fines():
    result = assess([NOV], date(2027, 1, 19), RATE, fines=Decimal("200"))
    assert (result.contributions, result.late_fees, result.fines, result.total) == (
        Decimal("1000.00"), Decimal("15.00"), Decimal("200.00"), Decimal("1215.00"))
    assert repayment_due([NOV], date(2027, 1, 19), RATE) == Decimal("1015.00")


def test_arrears_are_dunned_then_handed_to_audit_then_to_the_labour_administration():
    assert escalation_stage([], date(2027, 6, 1), 90, 180) is Stage.NONE
    assert escalation_stage([NOV], date(2026, 12, 31), 90, 180) is Stage.DUNNING
    assert escalation_stage([NOV], date(2027, 3, 20), 90, 180) is Stage.AUDIT  # 90 days after 20 Dec
    assert escalation_stage([NOV], date(2027, 6, 18), 90, 180) is Stage.LABOUR_ADMINISTRATION


def test_each_hand_over_is_announced_once_and_in_order():
    assert stages_to_announce(Stage.NONE, Stage.AUDIT) == [Stage.DUNNING, Stage.AUDIT]
    assert stages_to_announce(Stage.AUDIT, Stage.AUDIT) == []
