"""The deadline watcher: for an explicit date, which statutory deadlines a market has let pass."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.markets.domain.areas import housing_half_done
from services.markets.domain.lifecycle import (FILE_OPERATOR_DAYS, NOTIFY_REGULATOR_DAYS, OPEN_DAYS,
                                               TENDER_OPERATOR_DAYS, TRANSFER_OWNERSHIP_DAYS, due)
from services.markets.domain.market import Market, Status


@dataclass(frozen=True)
class HousingProgress:
    """The residential project a planned market belongs to, as registry last reported it (分期建设进度)."""

    area_id: str
    phased: bool
    completed_percent: Decimal | None
    half_done_on: date | None  # first decision date with ≥ 50 % of the housing completed


@dataclass(frozen=True)
class Breach:
    market_id: str
    rule: str
    started_on: date
    due_on: date
    days_overdue: int


# (status the market waits in, milestone that starts the clock, days, rule) — plus the notification below.
_WAITING = (
    (Status.AGREEMENT_SIGNED, "agreement_signed", TRANSFER_OWNERSHIP_DAYS, "transfer-ownership-within-60-days"),
    (Status.OWNERSHIP_TRANSFERRED, "ownership_transferred", TENDER_OPERATOR_DAYS, "tender-operator-within-60-days"),
    (Status.OPERATOR_TENDERED, "operator_licensed", FILE_OPERATOR_DAYS, "file-operator-within-10-days-of-licence"),
    (Status.OPERATOR_FILED, "operator_filed", OPEN_DAYS, "open-within-60-days-of-filing"),
)


def breaches(market: Market, on: date, housing: HousingProgress | None = None) -> list[Breach]:
    """Deadlines passed before `on` whose step has not been taken. (The filing deadline runs from the operator's
    business licence: watched once the licence is recorded; otherwise only the late filing itself shows it.)
    `housing`: the progress of the phased residential project the market is planned for, if any."""
    found = [b for b in [market_before_half_of_housing(market, housing, on)] if b is not None]
    accepted = market.on("accepted")
    if accepted and market.on("regulator_notified") is None and on > due(accepted, NOTIFY_REGULATOR_DAYS):
        found.append(_breach(market, "notify-regulator-within-10-days", accepted, NOTIFY_REGULATOR_DAYS, on))
    for status, milestone, days, rule in _WAITING:
        start = market.on(milestone)
        if market.status is status and start and on > due(start, days):
            found.append(_breach(market, rule, start, days, on))
    return found


def market_before_half_of_housing(market: Market, housing: HousingProgress | None, on: date) -> Breach | None:
    """分期建设的，菜市场应在住宅完成50%之前建成: a phased project's market still only planned (not built) once
    ≥ 50 % of the housing is completed. Overdue from the decision date that first reported half done."""
    if housing is None or market.status is not Status.PLANNED:
        return None
    if not housing_half_done(housing.phased, housing.completed_percent):
        return None
    since = housing.half_done_on or on
    if on < since:
        return None
    return Breach(market.id, "market-before-half-of-housing", since, since, (on - since).days)


def _breach(market: Market, rule: str, start: date, days: int, on: date) -> Breach:
    return Breach(market.id, rule, start, due(start, days), (on - due(start, days)).days)
