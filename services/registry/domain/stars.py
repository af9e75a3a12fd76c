"""Smart-community star rules (北京市智慧社区认定管理办法, 第十三–十五条): which star level the counts allow, and
the yearly calendar. Pure functions; the aggregate is in star_community.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shared.errors import DomainError, InvalidInput, refusal


class StarRound(StrEnum):
    PILOT = "pilot"          # 首批试点: 31 binding indicators of 《北京市智慧社区指导标准(试行)》
    STANDARD = "standard"    # 后续申报: indicators of 《北京市智慧社区建设指导标准》


PILOT_BINDING_INDICATORS = 31
"""第十三条第1项: 31个约束性指标."""

PILOT_THRESHOLDS = ((3, 25), (2, 15), (1, 10))
"""第十三条第1项: ≥ 25 binding indicators met → 3 stars, ≥ 15 → 2, ≥ 10 → 1."""

STANDARD_THRESHOLDS = ((5, 65), (4, 55), (3, 45), (2, 35), (1, 25))
"""第十三条第2项: ≥ 65 → 5 stars, ≥ 55 → 4, ≥ 45 → 3, ≥ 35 → 2, ≥ 25 → 1."""

PREREQUISITE_STARS = {5: (3, 4), 4: (3,)}
"""第十三条第2项: 5 stars only for a community already 3- or 4-star; 4 stars only for one already 3-star."""

APPLY_BY = (10, 31)
"""第十四条第1项: the community applies by the end of October (每年10月底前)."""

RECOMMEND_BY = (11, 15)
"""第十四条第2项: the district recommends by 15 November (每年11月15日前)."""

NOTICE_DAYS = 7
"""第十四条第3项: the proposed list is publicly noticed for seven days (为期七天的公示)."""


class CalendarClosed(DomainError):
    status = 422
    code = "star-calendar"
    title = "Outside the smart-community calendar"


class StarLevelNotAllowed(DomainError):
    status = 422
    code = "star-level-not-allowed"
    title = "The indicator counts do not allow this star level"


@dataclass(frozen=True)
class Allowed:
    """The highest star level the counts allow (0: none) and the rule that decided it."""

    stars: int
    rule: str


def mechanism_rule(round_: StarRound) -> str:
    """The condition every level also needs: 长效机制 (pilot) or 作用发挥好 (later rounds)."""
    return "pilot-update-mechanism" if round_ is StarRound.PILOT else "standard-works-well"


def allowed_stars(round_: StarRound, indicators_met: int, mechanism: bool, current_stars: int = 0) -> Allowed:
    """第十三条: the highest star level a community may apply for (智慧社区申报条件)."""
    if not mechanism:
        return Allowed(0, mechanism_rule(round_))
    thresholds = PILOT_THRESHOLDS if round_ is StarRound.PILOT else STANDARD_THRESHOLDS
    for stars, minimum in thresholds:
        if indicators_met >= minimum and current_stars in PREREQUISITE_STARS.get(stars, (current_stars,)):
            return Allowed(stars, f"{round_.value}-{stars}-stars-needs-{minimum}")
    return Allowed(0, f"{round_.value}-1-star-needs-{thresholds[-1][1]}")


def check_request(round_: StarRound, indicators_met: int, mechanism: bool, requested: int,
                  current_stars: int) -> None:
    """The requested level must be one the counts (and the prior level) allow, and above the current one."""
    if round_ is StarRound.PILOT and indicators_met > PILOT_BINDING_INDICATORS:
        raise InvalidInput.on("indicators_met", "pilot-31-binding-indicators",
                              f"the pilot standard has {PILOT_BINDING_INDICATORS} binding indicators")
    allowed = allowed_stars(round_, indicators_met, mechanism, current_stars)
    if requested > allowed.stars:
        rule = _refusing_rule(round_, indicators_met, mechanism, requested, current_stars)
        message = (f"{requested} stars not allowed ({rule}); with {indicators_met} indicators, mechanism "
                   f"{'in place' if mechanism else 'missing'} and {current_stars} stars now, "
                   f"the level allowed is {allowed.stars}")
        raise StarLevelNotAllowed(message, errors=[refusal("requested_stars", rule, message, article="第十三条",
                                                     allowed_stars=allowed.stars)])
    if requested <= current_stars:
        message = f"the community already holds {current_stars} stars; the level allowed is {allowed.stars}"
        raise StarLevelNotAllowed(message, errors=[refusal("requested_stars", "upgrade-only", message,
                                                     allowed_stars=allowed.stars)])


def _refusing_rule(round_: StarRound, indicators_met: int, mechanism: bool, requested: int, current: int) -> str:
    if not mechanism:
        return mechanism_rule(round_)
    thresholds = dict(PILOT_THRESHOLDS if round_ is StarRound.PILOT else STANDARD_THRESHOLDS)
    if requested not in thresholds:
        return f"{round_.value}-at-most-{max(thresholds)}-stars"
    if indicators_met < thresholds[requested]:
        return f"{round_.value}-{requested}-stars-needs-{thresholds[requested]}"
    prior = " or ".join(str(s) for s in PREREQUISITE_STARS[requested])
    return f"{round_.value}-{requested}-stars-needs-already-{prior}-stars".replace(" or ", "-or-")


def apply_by(year: int) -> date:
    return date(year, *APPLY_BY)


def recommend_by(year: int) -> date:
    return date(year, *RECOMMEND_BY)


def check_application_date(applied_on: date) -> None:
    """第十四条第1项: applications of year Y are accepted until 31 October Y."""
    if applied_on > apply_by(applied_on.year):
        raise CalendarClosed(f"applications close on {apply_by(applied_on.year)}; the next round opens "
                             f"{date(applied_on.year + 1, 1, 1)}", errors=[refusal(
                                 "applied_on", "apply-by-31-oct", f"after {apply_by(applied_on.year)}",
                                 article="第十四条第1项")])


def check_recommendation_date(applied_on: date, recommended_on: date) -> None:
    """第十四条第2项: the district recommends by 15 November of the application's year."""
    due = recommend_by(applied_on.year)
    if not applied_on <= recommended_on <= due:
        raise CalendarClosed(f"the district recommends between {applied_on} and {due}", errors=[refusal(
            "recommended_on", "recommend-by-15-nov", f"{recommended_on} is outside {applied_on}..{due}",
            article="第十四条第2项")])


def notice_last_day(notice_from: date) -> date:
    """The seventh day of the public notice (公示), the first day counted."""
    return notice_from + timedelta(days=NOTICE_DAYS - 1)


def check_objection_date(notice_from: date, submitted_on: date) -> None:
    """Objections (评议和监督) are received during the 7 days of the notice only."""
    if not notice_from <= submitted_on <= notice_last_day(notice_from):
        raise CalendarClosed(f"the public notice runs {notice_from}..{notice_last_day(notice_from)}",
                             errors=[refusal("submitted_on", "notice-7-days", f"{submitted_on} is outside it",
                                             article="第十四条第3项")])


def check_naming_date(notice_from: date, named_on: date) -> None:
    """第十五条: named (命名) only after the 7-day notice has run."""
    if named_on <= notice_last_day(notice_from):
        raise CalendarClosed(f"the notice runs until {notice_last_day(notice_from)}; naming from "
                             f"{notice_last_day(notice_from) + timedelta(days=1)}",
                             errors=[refusal("named_on", "notice-7-days", f"{named_on} is within the notice",
                                             article="第十四条第3项")])


UPGRADE_ROUND_YEARS = 2
"""第十条: 未实现全市所有社区全覆盖前,每年认定一次;全覆盖后每两年进行一次升级认定."""


@dataclass(frozen=True)
class RoundCycle:
    """Whether year Y has a certification round (第十条), and the facts it was decided on."""

    year: int
    cycle: str                  # "yearly" until full coverage, then "biennial"
    round_open: bool
    covered_since: int | None   # the year every community first held a title (全覆盖), None before
    next_round: int             # the first round year from Y on


def coverage_year(active: set[str], title_since: dict[str, date]) -> int | None:
    """全覆盖 (第十条): every active community holds a title; the year the last of them was named (the start of its
    current title). None while one holds none — a community created later, or one whose title was revoked or
    withdrawn, has to be covered too, so the yearly rounds come back until it is."""
    if not active or not active <= set(title_since):
        return None
    return max(title_since[c] for c in active).year


def round_cycle(year: int, covered_since: int | None) -> RoundCycle:
    """第十条: every year before full coverage; after it, an upgrade round every 2 years from the year coverage was
    completed (C + 2, C + 4, …). The regulation names no first upgrade year: counting from the year coverage was
    reached is what the city panel's calendar implies (the round of year C was the last yearly one)."""
    if covered_since is None or year <= covered_since:
        return RoundCycle(year, "yearly", True, covered_since, year)
    offset = (year - covered_since) % UPGRADE_ROUND_YEARS
    next_round = year + (UPGRADE_ROUND_YEARS - offset) % UPGRADE_ROUND_YEARS
    return RoundCycle(year, "biennial", offset == 0, covered_since, next_round)


def check_round_year(year: int, covered_since: int | None) -> None:
    """An application is accepted only in a round year (第十条)."""
    cycle = round_cycle(year, covered_since)
    if not cycle.round_open:
        raise CalendarClosed(f"every community holds a title since {covered_since}: upgrade rounds run every "
                             f"{UPGRADE_ROUND_YEARS} years, the next in {cycle.next_round}", errors=[refusal(
                                 "applied_on", "upgrade-round-every-2-years", f"{year} has no round",
                                 article="第十条", covered_since=covered_since, next_round=cycle.next_round)])


def spot_check_missing(year: int, titled_in_year: bool, checked_on: list[date]) -> bool:
    """第十九条 年度抽查: each year in which named smart communities existed has at least one spot check."""
    return titled_in_year and not any(day.year == year for day in checked_on)
