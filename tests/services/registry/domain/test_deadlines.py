from datetime import date

import pytest

from services.registry.domain.deadlines import (FILING_DAYS, REVIEW_WORKING_DAYS, act_date, add_working_days,
                                                 days_late, is_working_day, review_due)
from shared.errors import InvalidInput


def test_thirty_days_to_apply_the_thirty_first_is_one_day_late():
    assert FILING_DAYS == 30
    assert days_late(date(2026, 1, 1), date(2026, 1, 31)) == 0
    assert days_late(date(2026, 1, 1), date(2026, 2, 1)) == 1
    assert days_late(date(2026, 1, 1), date(2026, 3, 2)) == 30


def test_ten_working_days_across_the_national_day_holiday():
    """Accepted Fri 2025-09-26. Working days after it: Sun 09-28 (make-up workday) 1, Mon 09-29 2, Tue 09-30 3;
    10-01 … 10-08 National Day + Mid-Autumn holiday; Thu 10-09 4, Fri 10-10 5, Sat 10-11 (make-up workday) 6;
    Sun 10-12 rest; Mon 10-13 7, Tue 10-14 8, Wed 10-15 9, Thu 10-16 10 → due 2025-10-16."""
    assert REVIEW_WORKING_DAYS == 10
    assert review_due(date(2025, 9, 26)) == date(2025, 10, 16)


def test_make_up_workdays_count_and_holidays_do_not():
    assert is_working_day(date(2025, 9, 28)) and is_working_day(date(2025, 10, 11))
    assert not is_working_day(date(2025, 10, 1)) and not is_working_day(date(2025, 10, 8))


def test_ten_working_days_in_an_ordinary_fortnight_are_fourteen_calendar_days():
    assert review_due(date(2025, 11, 3)) == date(2025, 11, 17)


def test_years_without_holiday_data_fall_back_to_monday_to_friday():
    """chinese_calendar raises NotImplementedError for 2040: Mon–Fri counting instead (2040-01-02 is a Monday)."""
    assert add_working_days(date(2040, 1, 2), 10) == date(2040, 1, 16)
    assert not is_working_day(date(2040, 1, 7))


def test_the_day_of_an_act_is_the_one_recorded_else_today_and_never_a_day_to_come():
    today = date(2026, 11, 20)
    assert act_date(None, today) == today
    assert act_date(date(2026, 11, 19), today) == date(2026, 11, 19)  # yesterday's paper application
    with pytest.raises(InvalidInput) as future:
        act_date(date(2026, 11, 21), today)
    assert [(p.field, p.rule) for p in future.value.errors] == [("on", "date-in-future")]
