"""Station hours: flexible (弹性工时制), but at least 40 hours a week."""
from datetime import time
from decimal import Decimal

import pytest

from services.workforce.domain.roster import Opening, RosterTooShort, check_roster, weekly_opening_hours
from shared.errors import InvalidInput

FORTY = Decimal("40")


def weekdays(opens, closes, days=("mon", "tue", "wed", "thu", "fri")):
    return [Opening(d, opens, closes) for d in days]


def test_five_days_of_eight_hours_is_exactly_40():
    assert check_roster(weekdays(time(8, 30), time(16, 30)), FORTY) == Decimal("40.00")


def test_overlapping_shifts_count_once_and_weekend_hours_add():
    roster = weekdays(time(9), time(13)) + weekdays(time(12), time(17)) + [Opening("sat", time(9), time(12))]
    assert weekly_opening_hours(roster) == Decimal("43.00")


def test_a_roster_under_40_hours_is_refused_with_the_shortfall():
    with pytest.raises(RosterTooShort) as refused:
        check_roster(weekdays(time(9), time(16, 30)), FORTY)  # 5 × 7.5 = 37.5
    problem = refused.value.problem()
    [entry] = problem["errors"]
    assert problem["status"] == 422 and "shortfall" not in problem  # the facts travel inside the error entry
    assert (entry["field"], entry["rule"], entry["shortfall"], entry["hours"]) == (
        "openings", "minimum-weekly-hours", "2.50", "37.50")
    assert entry["article"].endswith("第六条(五)")


def test_malformed_shifts_are_named():
    with pytest.raises(InvalidInput) as bad:
        check_roster([Opening("someday", time(9), time(8))], FORTY)
    assert {e.rule for e in bad.value.errors} == {"weekday", "closes-after-opens"}
