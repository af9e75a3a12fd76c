"""The market's life (第九至二十二条): each transition takes its date; deadlines in calendar days (日).

planned → built → accepted → agreement_signed → ownership_transferred → operator_tendered → operator_filed →
operating → suspended / sub-let / merged / closed (district approval) / demolished-relocated-rebuilt (replacement
plan approved by the district government and the city, replacement built first).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from services.markets.domain.compliance import open_case_once, resolve_supervision
from services.markets.domain.market import Market, Status
from shared.errors import Conflict, InvalidInput, refusal
from shared.events import Event
from shared.events.markets import MarketClosed, MarketOpened

NOTIFY_REGULATOR_DAYS = 10  # 验收合格后10日内通报工商
TRANSFER_OWNERSHIP_DAYS = 60  # 协议签订60日内移交所有权
TENDER_OPERATOR_DAYS = 60  # 所有权移交后60日内确定经营主体
FILE_OPERATOR_DAYS = 10  # 领取营业执照后10日内备案
OPEN_DAYS = 60  # 登记后60日内开业经营


class WrongStatus(Conflict):
    code = "wrong-status"
    title = "The market is not in a status that allows this step"

    @classmethod
    def of(cls, market: Market, message: str, rule: str = "step-needs-status",
           allowed: tuple[Status, ...] = (), article: str | None = None) -> "WrongStatus":
        """The 409 naming its rule, with the market's status now (and the statuses that allow the step)."""
        facts = {"status_now": market.status.value} | ({"allowed": [s.value for s in allowed]} if allowed else {})
        return cls(message, errors=[refusal("status", rule, message, article=article, **facts)])


class OpeningDeadlinePassed(Conflict):
    code = "opening-deadline-passed"
    title = "The 60 days to open have passed: the operating right is to be withdrawn"


def due(start: date, days: int) -> date:
    """'Within N days of start': the last permitted day (calendar days; the original says 日, not 工作日)."""
    return start + timedelta(days=days)


def require_status(market: Market, *allowed: Status) -> None:
    if market.status not in allowed:
        names = ", ".join(s.value for s in allowed)
        raise WrongStatus.of(market, f"market {market.id} is {market.status.value}; this step needs {names}",
                             allowed=allowed)


def _after(earlier: date | None, later: date, field: str, what: str) -> None:
    """`field` names the request's field (the act's `on`, or the licence date a filing carries)."""
    if earlier is not None and later < earlier:
        raise InvalidInput.on(field, "not-before-previous-step", f"{field} {later} is before {what} {earlier}")


def step(market: Market, to: Status, milestone: str, on: date, *, late: bool = False, also: dict | None = None,
          **changes) -> Market:
    """Move to `to`, recording `milestone` (and any `also` dates) and whether it came after its deadline."""
    milestones = {**market.milestones, **(also or {}), milestone: on}
    return dataclasses.replace(market, status=to, milestones=milestones,
                               late=market.late + ((milestone,) if late else ()), **changes)


def build(market: Market, built_on: date) -> Market:
    require_status(market, Status.PLANNED)
    _after(market.on("planned"), built_on, "on", "the planning permit")
    return step(market, Status.BUILT, "built", built_on)


def accept(market: Market, accepted_on: date) -> Market:
    require_status(market, Status.BUILT)
    _after(market.on("built"), accepted_on, "on", "completion")
    return step(market, Status.ACCEPTED, "accepted", accepted_on)


def notify_regulator(market: Market, notified_on: date) -> Market:
    """The commerce office notifies the market regulator within 10 days of acceptance; late is recorded as such."""
    accepted = market.on("accepted")
    if accepted is None or market.on("regulator_notified") is not None:
        raise WrongStatus.of(market, f"market {market.id} is not awaiting the regulator's notification",
                             "awaiting-regulator-notification")
    _after(accepted, notified_on, "on", "acceptance")
    late = notified_on > due(accepted, NOTIFY_REGULATOR_DAYS)
    return step(market, market.status, "regulator_notified", notified_on, late=late)


def sign_agreement(market: Market, signed_on: date, presale_permit_on: date | None) -> Market:
    """收购协议 before the pre-sale permit (取得预售许可证前): a permit dated on or before the signing is refused."""
    require_status(market, Status.ACCEPTED)
    if presale_permit_on is not None and presale_permit_on <= signed_on:
        message = "the purchase agreement must be signed before the pre-sale permit is issued"
        raise InvalidInput(message, errors=[refusal("presale_permit_on", "agreement-before-presale-permit", message,
                                                    article="第十三条")])
    _after(market.on("accepted"), signed_on, "on", "acceptance")
    return step(market, Status.AGREEMENT_SIGNED, "agreement_signed", signed_on)


def transfer_ownership(market: Market, transferred_on: date) -> Market:
    """Within 60 days of signing; later opens a case against the developer (30 000–100 000 yuan)."""
    require_status(market, Status.AGREEMENT_SIGNED)
    signed = market.on("agreement_signed")
    _after(signed, transferred_on, "on", "the agreement")
    late = transferred_on > due(signed, TRANSFER_OWNERSHIP_DAYS)
    moved = step(market, Status.OWNERSHIP_TRANSFERRED, "ownership_transferred", transferred_on, late=late)
    if not late:
        return moved
    return open_case_once(moved, "late_ownership_transfer", transferred_on,
                          due_on=due(signed, TRANSFER_OWNERSHIP_DAYS), act_on=transferred_on,
                          rule="transfer-ownership-within-60-days", party=market.owner)


def tender_operator(market: Market, tendered_on: date, operator: str) -> Market:
    """公益性招标 within 60 days of the transfer (the district's own deadline: late is recorded, no fine; a
    supervision case the overdue-case job opened is resolved). A licence recorded for an earlier operator (before
    a withdrawal) is not the new operator's."""
    require_status(market, Status.OWNERSHIP_TRANSFERRED, Status.WITHDRAWN)
    start = market.on("operating_right_withdrawn") if market.status is Status.WITHDRAWN else \
        market.on("ownership_transferred")
    _after(start, tendered_on, "on", "the transfer or withdrawal")
    late = tendered_on > due(start, TENDER_OPERATOR_DAYS)
    fresh = dataclasses.replace(market, milestones={k: v for k, v in market.milestones.items()
                                                    if k != "operator_licensed"})
    moved = step(fresh, Status.OPERATOR_TENDERED, "operator_tendered", tendered_on, late=late, operator=operator)
    return resolve_supervision(moved, "late_tender", due(start, TENDER_OPERATOR_DAYS), tendered_on) if late else moved


def record_licence(market: Market, licence_on: date) -> Market:
    """The tendered operator's business licence (营业执照), as the commerce office learns of it: the 10 days to
    file (第十四条) run from it, so the overdue-case job sees a filing that never comes. Recorded once per
    operator."""
    require_status(market, Status.OPERATOR_TENDERED)
    if market.on("operator_licensed") is not None:
        raise WrongStatus.of(market, f"the operator's licence is already recorded ({market.on('operator_licensed')})",
                             "licence-recorded-once", article="第十四条")
    return step(market, market.status, "operator_licensed", licence_on)


def file_operator(market: Market, licence_on: date | None, filed_on: date) -> Market:
    """备案 within 10 days of the business licence; later opens a case (1 000–5 000 yuan), once per deadline.
    The licence date is the one recorded (`record_licence`) or the one the filing carries; both, they agree."""
    require_status(market, Status.OPERATOR_TENDERED)
    licence_on = _licence(market, licence_on)
    _after(licence_on, filed_on, "on", "the business licence")
    late = filed_on > due(licence_on, FILE_OPERATOR_DAYS)
    moved = step(market, Status.OPERATOR_FILED, "operator_filed", filed_on, late=late,
                  also={"licence": licence_on})
    if not late:
        return moved
    return open_case_once(moved, "late_filing", filed_on, due_on=due(licence_on, FILE_OPERATOR_DAYS),
                          act_on=filed_on, rule="file-operator-within-10-days-of-licence", party=market.operator)


def _licence(market: Market, licence_on: date | None) -> date:
    recorded = market.on("operator_licensed")
    if licence_on is None and recorded is None:
        message = "the filing needs the operator's business licence date"
        raise InvalidInput(message, errors=[refusal("licence_on", "licence-date-required", message, article="第十四条")])
    if licence_on is not None and recorded is not None and licence_on != recorded:
        message = f"the licence recorded is dated {recorded}, not {licence_on}"
        raise InvalidInput(message, errors=[refusal("licence_on", "licence-as-recorded", message, article="第十四条",
                                                    recorded=recorded.isoformat())])
    return licence_on or recorded


def open_market(market: Market, opened_on: date) -> tuple[Market, list[Event]]:
    """开业 within 60 days of filing; after that the operating right must be withdrawn instead."""
    require_status(market, Status.OPERATOR_FILED)
    filed = market.on("operator_filed")
    _after(filed, opened_on, "on", "the filing")
    if opened_on > due(filed, OPEN_DAYS):
        message = f"filed {filed}: opening was due by {due(filed, OPEN_DAYS)}"
        raise OpeningDeadlinePassed(message, errors=[refusal("on", "open-within-60-days", message, article="第十九条",
                                                             opening_due=due(filed, OPEN_DAYS).isoformat())])
    opened = step(market, Status.OPERATING, "opened", opened_on)
    return opened, [MarketOpened(market_id=market.id, district_code=market.district_code, lon=market.lon,
                                 lat=market.lat, business_area=str(market.areas.business), opened_on=opened_on)]


def withdraw_operating_right(market: Market, withdrawn_on: date) -> tuple[Market, list[Event]]:
    """收回经营权: when the 60 days to open passed (with a late-opening case), or an operator cannot continue."""
    require_status(market, Status.OPERATOR_FILED, Status.OPERATING, Status.SUSPENDED)
    if market.status is Status.OPERATOR_FILED:
        if withdrawn_on <= due(market.on("operator_filed"), OPEN_DAYS):
            raise WrongStatus.of(market, "the operator still has time to open; the operating right cannot be "
                                 "withdrawn yet", "opening-period-not-over", article="第十九条")
        moved = step(market, Status.WITHDRAWN, "operating_right_withdrawn", withdrawn_on, operator=None)
        opening_due = due(market.on("operator_filed"), OPEN_DAYS)
        return open_case_once(moved, "late_opening", withdrawn_on, due_on=opening_due,
                              rule="open-within-60-days-of-filing", party=market.operator), []
    moved = step(market, Status.WITHDRAWN, "operating_right_withdrawn", withdrawn_on, operator=None)
    return moved, [closed_event(moved, withdrawn_on)]


def closed_event(market: Market, on: date) -> MarketClosed:
    return MarketClosed(market_id=market.id, district_code=market.district_code, lon=market.lon, lat=market.lat,
                        reason=market.status.value, closed_on=on)


@dataclass(frozen=True)
class Approval:
    """A written approval: who (authority), its reference, and its date."""

    authority: str
    reference: str
    approved_on: date
