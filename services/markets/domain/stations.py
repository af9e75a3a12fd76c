"""Convenience service stations (邮政便民服务站, 4th document): siting, operator eligibility, the one-year agreement
with a deposit, a prepaid ledger with zero credit, daily reconciliation and the monthly exit rule.

The operating right is personal and not transferable (不得私自转让经营权): a station's operator is fixed by its
agreement, and no operation changes it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from stdnum.cn import ric

from shared.errors import DomainError, InvalidInput, ProblemCollector, refusal
from shared.events.markets import StationExited

MIN_DISTANCE_M = 500.0  # 距离邮政网点和已有邮政便民服务站500米以上
AGE_MIN, AGE_MAX_MEN, AGE_MAX_WOMEN = 18, 60, 55
EDUCATION = ("none", "primary", "junior_high", "high_school", "vocational", "college", "bachelor", "postgraduate")
MIN_EDUCATION = "high_school"
EXIT_MIN_MONTHLY = 20  # 连续三个月每个月交易笔数少于20笔
EXIT_CONSECUTIVE_MONTHS = 3
CENT = Decimal("0.01")


class InsufficientBalance(DomainError):
    status = 409
    code = "insufficient-prepaid-balance"
    title = "The prepaid balance does not cover the transaction (credit line is zero)"


@dataclass(frozen=True)
class Applicant:
    name: str
    resident_id: str
    local_household_registration: bool
    education: str


@dataclass(frozen=True)
class Station:
    id: str
    name: str
    lon: float
    lat: float
    operator: Applicant
    agreement_start: date
    agreement_end: date
    deposit: Decimal
    balance: Decimal = Decimal("0.00")
    status: str = "active"  # active → exited
    monthly_counts: dict[str, int] = field(default_factory=dict)  # "YYYY-MM" → transactions
    day: dict = field(default_factory=lambda: {"opening": "0.00", "deposits": "0.00", "spent": "0.00", "count": 0})
    reconciliations: tuple[dict, ...] = ()
    exited_on: date | None = None
    community_id: str | None = None  # registry's community the station serves, where the officer names one


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def gender_of(resident_id: str) -> str:
    """The 17th digit of a resident ID is odd for men, even for women (GB 11643)."""
    return "male" if int(ric.compact(resident_id)[16]) % 2 else "female"


def applicant_problems(applicant: Applicant, today: date) -> ProblemCollector:
    """Aged 18–60 (men) / 18–55 (women), local household registration, high school or above."""
    problems = ProblemCollector()
    if not ric.is_valid(applicant.resident_id):
        problems.add("operator.resident_id", "resident-id", "not a valid resident ID (GB 11643 check character)")
    else:
        limit = AGE_MAX_MEN if gender_of(applicant.resident_id) == "male" else AGE_MAX_WOMEN
        age = age_on(ric.get_birth_date(applicant.resident_id), today)
        if not AGE_MIN <= age <= limit:
            problems.add("operator.resident_id", "operator-age", f"aged {age}: must be {AGE_MIN}–{limit}")
    if not applicant.local_household_registration:
        problems.add("operator.local_household_registration", "local-registration", "needs local registration")
    if applicant.education not in EDUCATION or EDUCATION.index(applicant.education) < EDUCATION.index(MIN_EDUCATION):
        problems.add("operator.education", "high-school-or-above", "needs high school education or above")
    return problems


def siting_problems(nearest_postal_m: float | None, nearest_station_m: float | None,
                    problems: ProblemCollector) -> ProblemCollector:
    """≥ 500 m from every postal outlet and every existing station (distances in metres)."""
    for what, distance in (("postal outlet", nearest_postal_m), ("existing station", nearest_station_m)):
        if distance is not None and distance < MIN_DISTANCE_M:
            problems.add("location", "500-m-from-postal-network", f"{distance:.0f} m from a {what} (needs ≥ 500 m)")
    return problems


def agreement_end(start: date) -> date:
    """A one-year agreement (协议期限一般为1年): the day before the same date next year."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(start.year + 1, 2, 28)


def open_station(station_id: str, name: str, lon: float, lat: float, operator: Applicant, start: date,
                 deposit: Decimal, siting: tuple[float | None, float | None], today: date,
                 community_id: str | None = None) -> Station:
    problems = siting_problems(*siting, applicant_problems(operator, today))
    if deposit <= 0:
        problems.add("deposit", "deposit-required", "the agreement needs a deposit (保证金)")
    problems.raise_if_any("The station cannot be opened")
    return Station(station_id, name, lon, lat, operator, start, agreement_end(start), deposit.quantize(CENT),
                   community_id=community_id)


def _require_active(station: Station, on: date) -> None:
    if station.status != "active" or not station.agreement_start <= on <= station.agreement_end:
        raise InvalidInput.on("on", "within-active-agreement", f"station {station.id} has no active agreement on {on}")


def deposit_funds(station: Station, amount: Decimal, on: date) -> Station:
    """预存款: adds to the balance; any number of deposits a day."""
    _require_active(station, on)
    day = station.day | {"deposits": str(Decimal(station.day["deposits"]) + amount)}
    return dataclasses.replace(station, balance=(station.balance + amount).quantize(CENT), day=day)


def transact(station: Station, amount: Decimal, on: date) -> Station:
    """A business transaction paid from the prepaid balance; refused when larger than the balance (信誉额度为零)."""
    _require_active(station, on)
    if amount > station.balance:
        message = f"balance {station.balance} yuan does not cover {amount} yuan"
        raise InsufficientBalance(message, errors=[refusal("amount", "zero-credit", message,
                                                           balance=str(station.balance))])
    month = on.strftime("%Y-%m")
    counts = station.monthly_counts | {month: station.monthly_counts.get(month, 0) + 1}
    day = station.day | {"spent": str(Decimal(station.day["spent"]) + amount), "count": station.day["count"] + 1}
    return dataclasses.replace(station, balance=(station.balance - amount).quantize(CENT), monthly_counts=counts,
                               day=day)


def reconcile(station: Station, on: date, reported_balance: Decimal) -> Station:
    """日终轧帐: opening + deposits − spent must equal the ledger balance and the balance the station reports."""
    expected = Decimal(station.day["opening"]) + Decimal(station.day["deposits"]) - Decimal(station.day["spent"])
    record = {"on": on.isoformat(), **station.day, "closing": str(station.balance),
              "reported": str(reported_balance.quantize(CENT)),
              "difference": str((reported_balance - station.balance).quantize(CENT)),
              "ledger_consistent": expected == station.balance}
    fresh = {"opening": str(station.balance), "deposits": "0.00", "spent": "0.00", "count": 0}
    return dataclasses.replace(station, reconciliations=station.reconciliations + (record,), day=fresh)


def _months_back(month: str, n: int) -> list[str]:
    year, mon = map(int, month.split("-"))
    out = []
    for _ in range(n):
        out.append(f"{year:04d}-{mon:02d}")
        year, mon = (year - 1, 12) if mon == 1 else (year, mon - 1)
    return out


def exit_reason(station: Station, month: str) -> str | None:
    """退出机制 for a completed month: no transaction in it, or < 20 in each of 3 consecutive months. Only months
    fully inside the agreement count (a station starting mid-month is not judged on that month)."""
    first_full = _first_full_month(station.agreement_start)
    if station.status != "active" or month < first_full:
        return None
    if station.monthly_counts.get(month, 0) == 0:
        return "no-transaction-in-a-month"
    window = _months_back(month, EXIT_CONSECUTIVE_MONTHS)
    if window[-1] >= first_full and all(station.monthly_counts.get(m, 0) < EXIT_MIN_MONTHLY for m in window):
        return "fewer-than-20-in-3-consecutive-months"
    return None


def _first_full_month(start: date) -> str:
    if start.day == 1:
        return start.strftime("%Y-%m")
    return (start.replace(day=28) + timedelta(days=4)).strftime("%Y-%m")


def review_exit(station: Station, month: str, on: date) -> tuple[Station, list[StationExited]]:
    reason = exit_reason(station, month)
    if reason is None:
        return station, []
    exited = dataclasses.replace(station, status="exited", exited_on=on)
    return exited, [StationExited(station_id=station.id, month=month, reason=reason, exited_on=on)]
