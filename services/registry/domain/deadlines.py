"""Deadlines of the registration regulation: 30 calendar days to apply, 10 working days to review."""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar

from shared.errors import InvalidInput

FILING_DAYS = 30
"""第五条/第八条/第十二条: apply within 30 days of the licence, the change, or the terminating event."""

REVIEW_WORKING_DAYS = 10
"""第七条: reviewed within 10 working days of acceptance (自受理之日起10个工作日内)."""


def days_late(event_day: date, filed_on: date, allowed: int = FILING_DAYS) -> int:
    """Days past the `allowed` calendar days after `event_day` (0 when on time). Late filings are accepted, marked."""
    return max(0, (filed_on - event_day).days - allowed)


def is_working_day(day: date) -> bool:
    """A mainland working day: chinese_calendar knows holidays and make-up workdays (调休).

    For a year chinese_calendar has no data for (it raises NotImplementedError), fall back to Monday–Friday:
    the State Council publishes each year's holidays only in the previous November.
    """
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, working_days: int) -> date:
    """The day on which the `working_days`-th working day after `start` falls (`start` itself not counted)."""
    day, counted = start, 0
    while counted < working_days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def review_due(accepted_on: date, working_days: int = REVIEW_WORKING_DAYS) -> date:
    """Last day of the review period (审核时限)."""
    return add_working_days(accepted_on, working_days)


def act_date(on: date | None, today: date) -> date:
    """The day an act took place (acceptance, review, registration, inspection, a filing): the day the officer
    records (yesterday's paper application), else today in Beijing; never a day still to come."""
    if on is None:
        return today
    if on > today:
        raise InvalidInput.on("on", "date-in-future", f"{on} is after today ({today}) in Beijing")
    return on
