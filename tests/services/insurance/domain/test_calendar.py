from datetime import date

import pytest

from services.insurance.domain.calendar import (
    Period, close_day, first_overdue_day, membership_window_open, next_window_opening, payment_deadline,
    results_day, statement_deadline)
from shared.errors import InvalidInput


@pytest.mark.parametrize("day, open_", [(4, False), (5, True), (25, True), (26, False)])
def test_additions_and_removals_are_processed_from_the_5th_to_the_25th(day, open_):
    assert membership_window_open(date(2026, 3, day)) is open_


def test_outside_the_window_the_next_one_opens_on_the_5th():
    assert next_window_opening(date(2026, 3, 2)) == date(2026, 3, 5)
    assert next_window_opening(date(2026, 3, 26)) == date(2026, 4, 5)
    assert next_window_opening(date(2026, 12, 31)) == date(2027, 1, 5)
    assert next_window_opening(date(2026, 3, 17)) == date(2026, 3, 17)


def test_the_collection_calendar_28th_4th_20th_and_month_end():
    period = Period.parse("2026-11")
    assert statement_deadline(period) == date(2026, 11, 28)
    assert results_day(period) == date(2026, 12, 4)
    assert payment_deadline(period) == date(2026, 12, 20)
    assert first_overdue_day(period) == date(2026, 12, 21)
    assert close_day(Period.parse("2027-01")) == date(2027, 2, 28)


def test_periods_roll_over_the_year_and_reject_nonsense():
    assert str(Period.parse("2026-12").next()) == "2027-01"
    assert str(Period.parse("2027-01").previous()) == "2026-12"
    with pytest.raises(InvalidInput):
        Period.parse("2026-13")
