"""Station opening hours (弹性工时制): flexible, but at least 40 hours a week."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from decimal import Decimal

from shared.errors import DomainError, FieldProblem, ProblemCollector

ARTICLE_HOURS = "北京市社区工作者管理办法 第六条(五)"  # 保证每周工作时间不少于40小时
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Opening:
    day: str
    opens: time
    closes: time
    staff_on_duty: int = 1


@dataclass(frozen=True)
class Roster:
    """A station's week: its openings and the hours they add up to (the station is its community's, `id`)."""

    id: str
    weekly_hours: Decimal
    openings: tuple[Opening, ...]


class RosterTooShort(DomainError):
    status = 422
    code = "roster-under-minimum-hours"
    title = "The roster opens the station for fewer hours than the minimum"


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def weekly_opening_hours(openings: list[Opening]) -> Decimal:
    """Hours the station is open in the week; overlapping shifts on one day count once."""
    total = 0
    for day in WEEKDAYS:
        spans = sorted((_minutes(o.opens), _minutes(o.closes)) for o in openings if o.day == day)
        end = -1
        for start, stop in spans:
            start = max(start, end)
            total += max(stop - start, 0)
            end = max(end, stop)
    return (Decimal(total) / 60).quantize(Decimal("0.01"))


def check_roster(openings: list[Opening], minimum: Decimal) -> Decimal:
    """每周工作时间不少于40小时: the week's hours, or RosterTooShort naming the shortfall."""
    problems = ProblemCollector()
    for i, o in enumerate(openings):
        if o.day not in WEEKDAYS:
            problems.add(f"openings.{i}.day", "weekday", f"one of {list(WEEKDAYS)}")
        if o.closes <= o.opens:
            problems.add(f"openings.{i}.closes", "closes-after-opens", "a shift closes after it opens")
        if o.staff_on_duty < 1:
            problems.add(f"openings.{i}.staff_on_duty", "staffed", "at least one worker on duty")
    problems.raise_if_any("The roster is malformed")
    hours = weekly_opening_hours(openings)
    if hours < minimum:
        missing = minimum - hours
        facts = {"hours": str(hours), "minimum": str(minimum), "shortfall": str(missing)}
        raise RosterTooShort(f"the roster opens {hours} hours a week; at least {minimum} are required",
                             errors=[FieldProblem("openings", "minimum-weekly-hours", f"{missing} hours short of {minimum}",
                                             ARTICLE_HOURS, facts)])
    return hours
