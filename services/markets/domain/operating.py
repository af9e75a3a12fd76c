"""Changes to an operating market (第二十一、二十二条): only with the approvals the regulation names.

Sub-letting, suspension, merger or closure: the district commerce office (区商务主管部门) approves, filed with the
city. Demolition, relocation or rebuilding: a replacement plan agreed by the district government and approved by the
city (市商务主管部门), and the replacement — nearby (within the 1000 m service radius) and comparable (a vegetable
area no smaller) — built first (先行补建).
"""
from __future__ import annotations

from datetime import date

from services.markets.domain.coverage import SERVICE_RADIUS_M
from services.markets.domain.geo import distance_m
from services.markets.domain.lifecycle import Approval, WrongStatus, closed_event, require_status, step
from services.markets.domain.market import Market, Status
from shared.errors import Conflict, ProblemCollector, refusal
from shared.events import Event

DISTRICT_COMMERCE = "district_commerce"
DISTRICT_GOVERNMENT = "district_government"
CITY_COMMERCE = "city_commerce"
REPLACEMENT_BUILT = frozenset({Status.BUILT, Status.ACCEPTED, Status.AGREEMENT_SIGNED, Status.OWNERSHIP_TRANSFERRED,
                               Status.OPERATOR_TENDERED, Status.OPERATOR_FILED, Status.OPERATING})


class ReplacementNotReady(Conflict):
    code = "replacement-not-ready"
    title = "The replacement market does not satisfy the replacement plan"


CHANGES_ARTICLE = "第二十一条"  # 转租、停业、合并、撤销: the district commerce office's approval
REPLACEMENT_ARTICLE = "第二十二条"  # 拆除、迁移、改建: the district government and the city, replacement built first


def approval_gaps(approvals: list[Approval] | tuple[Approval, ...], needed: tuple[str, ...], on: date
                  ) -> list[tuple[str, str]]:
    """(rule, authority) for every needed authority that did not approve on or before the date of the act."""
    given = {a.authority: a for a in approvals}
    return [("approval-required", authority) if authority not in given else ("approved-before-act", authority)
            for authority in needed if authority not in given or given[authority].approved_on > on]


def require_approvals(approvals: list[Approval], needed: tuple[str, ...], on: date,
                      article: str = CHANGES_ARTICLE) -> None:
    """Every needed authority approved, on or before the date of the act."""
    problems = ProblemCollector()
    for rule, authority in approval_gaps(approvals, needed, on):
        message = f"needs the approval of {authority}" if rule == "approval-required" else \
            f"{authority}'s approval is dated after the act"
        problems.problems.append(refusal("approvals", rule, message, article=article, authority=authority))
    problems.raise_if_any("The change needs prior approval")


def suspend(market: Market, on: date, approvals: list[Approval]) -> Market:
    require_status(market, Status.OPERATING)
    require_approvals(approvals, (DISTRICT_COMMERCE,), on)
    return step(market, Status.SUSPENDED, "suspended", on)


def resume(market: Market, on: date) -> Market:
    require_status(market, Status.SUSPENDED)
    return step(market, Status.OPERATING, "resumed", on)


def sublet(market: Market, on: date, approvals: list[Approval], operator: str) -> Market:
    require_status(market, Status.OPERATING)
    require_approvals(approvals, (DISTRICT_COMMERCE,), on)
    return step(market, Status.OPERATING, "sublet", on, operator=operator)


def leave_service(market: Market, to: Status, on: date, approvals: list[Approval]) -> tuple[Market, list[Event]]:
    """Merger or closure with the district commerce office's approval; the market leaves coverage."""
    if to not in (Status.MERGED, Status.CLOSED):
        raise WrongStatus.of(market, f"{to.value} is not a merger or a closure", "merger-or-closure")
    require_status(market, Status.OPERATING, Status.SUSPENDED)
    require_approvals(approvals, (DISTRICT_COMMERCE,), on)
    gone = step(market, to, to.value, on)
    return gone, [closed_event(gone, on)]


def replace(market: Market, to: Status, on: date, approvals: list[Approval], replacement: Market
            ) -> tuple[Market, list[Event]]:
    """Demolition, relocation or rebuilding after the replacement (nearby, comparable) is built."""
    if to not in (Status.DEMOLISHED, Status.RELOCATED, Status.REBUILT):
        raise WrongStatus.of(market, f"{to.value} is not a demolition, relocation or rebuilding",
                             "demolition-relocation-or-rebuilding")
    require_status(market, Status.OPERATING, Status.SUSPENDED)
    require_approvals(approvals, (DISTRICT_GOVERNMENT, CITY_COMMERCE), on, REPLACEMENT_ARTICLE)
    _check_replacement(market, replacement)
    gone = step(market, to, to.value, on)
    return gone, [closed_event(gone, on)]


def replacement_gaps(market: Market, replacement: Market, built_by: date | None = None) -> list[tuple[str, str]]:
    """(rule, message) for every way the replacement fails the plan: built first (now, or with `built_by` on or
    before that day: its completion, or its opening for a market imported as operating), nearby (within the
    1000 m service radius), comparable (a vegetable area no smaller)."""
    if built_by is None:
        built = replacement.status in REPLACEMENT_BUILT
    else:
        built_on = replacement.on("built") or replacement.on("opened")
        built = built_on is not None and built_on <= built_by
    problems = []
    if replacement.id == market.id or not built:
        problems.append(("replacement-built-first", "the replacement must be built first"))
    if distance_m((market.lon, market.lat), (replacement.lon, replacement.lat)) > SERVICE_RADIUS_M:
        problems.append(("replacement-nearby", f"the replacement is more than {SERVICE_RADIUS_M:.0f} m away"))
    if replacement.areas.vegetable < market.areas.vegetable:
        problems.append(("replacement-comparable",
                         "the replacement's vegetable area is smaller than the market it replaces"))
    return problems


def _check_replacement(market: Market, replacement: Market) -> None:
    problems = replacement_gaps(market, replacement)
    if problems:
        raise ReplacementNotReady("The replacement plan is not satisfied", errors=[
            refusal("replacement_market_id", rule, message, article=REPLACEMENT_ARTICLE) for rule, message in problems])
