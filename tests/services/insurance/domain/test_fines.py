"""罚款 (条例 art. 23): serious 1 000–5 000 yuan, very serious 5 000–10 000 yuan, both ends included."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.fines import (
    DEFAULT_FINE_RANGES, FineStatus, Offence, Severity, fines_owed, impose_fine, pay_fine)
from shared.errors import Conflict, InvalidInput

ON = date(2026, 12, 1)


def _fine(amount, severity=Severity.SERIOUS, offence=Offence.DECLARATION, ranges=DEFAULT_FINE_RANGES):
    return impose_fine("f1", "e1", offence, severity, Decimal(amount), ON, "not declared", ranges)


@pytest.mark.parametrize("severity, inside, outside", [
    (Severity.SERIOUS, ("1000.00", "5000.00"), ("999.99", "5000.01")),
    (Severity.VERY_SERIOUS, ("5000.00", "10000.00"), ("4999.99", "10000.01")),
])
def test_a_fine_lies_inside_its_range_both_ends_included(severity, inside, outside):
    for amount in inside:
        assert _fine(amount, severity).amount == Decimal(amount)
    for amount in outside:
        with pytest.raises(InvalidInput) as bad:
            _fine(amount, severity)
        low, high = DEFAULT_FINE_RANGES[severity]
        assert bad.value.errors[0].field == "amount" and bad.value.errors[0].rule == "fine-range"
        assert f"from {low} to {high}" in bad.value.detail


def test_the_ranges_are_configurable():
    assert _fine("800.00", ranges={Severity.SERIOUS: (Decimal("500.00"), Decimal("3000.00"))}).amount == 800


def test_a_fine_is_paid_whole_once_and_then_no_longer_owed():
    fine = _fine("2000.00", offence=Offence.REGISTRATION)
    assert fines_owed([fine], ON) == Decimal("2000.00") and fines_owed([fine], date(2026, 11, 30)) == 0
    with pytest.raises(InvalidInput):
        pay_fine(fine, Decimal("1999.99"), ON)
    with pytest.raises(InvalidInput):
        pay_fine(fine, Decimal("2000.00"), date(2026, 11, 30))
    paid = pay_fine(fine, Decimal("2000.00"), date(2026, 12, 5))
    assert paid.status is FineStatus.PAID
    assert fines_owed([paid], date(2026, 12, 4)) == Decimal("2000.00")  # still owed before the payment day
    assert fines_owed([paid], date(2026, 12, 5)) == 0
    with pytest.raises(Conflict):
        pay_fine(paid, Decimal("2000.00"), date(2026, 12, 6))
