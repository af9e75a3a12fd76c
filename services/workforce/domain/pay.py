"""Monthly pay (基本待遇) of a community worker: base pay, tenure allowance, professional allowance, the one-child
fee, and the housing fund contributions (住房公积金) beside them.

No proration: the regulation sets monthly amounts and is silent on part months, so a worker in service on any day
of the month gets that month's amounts, at the posts held on its last day of service in the month.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from services.workforce.domain.identity import age_on, birthday_at_age
from services.workforce.domain.policy import PayTable, in_force
from services.workforce.domain.positions import Tier
from services.workforce.domain.records import passing_years_before
from services.workforce.domain.worker import Worker

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Period:
    year: int
    month: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class PayItem:
    code: str
    amount: Decimal
    basis: str


@dataclass(frozen=True)
class PaySlip:
    worker_id: str
    employer_id: str
    period: str
    tier: Tier
    items: tuple[PayItem, ...]
    contributions: tuple[PayItem, ...] = ()

    @property
    def total(self) -> Decimal:
        """What the month pays, before the personal housing-fund share is withheld."""
        return sum((i.amount for i in self.items), ZERO)

    @property
    def net(self) -> Decimal:
        """What reaches the worker: the total less the personal share of the housing fund."""
        withheld = sum((c.amount for c in self.contributions if c.code == "housing_fund_personal"), ZERO)
        return self.total - withheld


def base_pay(tier: Tier, table: PayTable) -> Decimal:
    """基本工资: head 720, deputy 640, staff 590 yuan a month."""
    return table.base[tier].quantize(CENT)


def tenure_allowance(tier: Tier, years_of_service: int, passing_years: int, table: PayTable) -> Decimal:
    """职务年限补贴: the tier's starting amount (960 / 845 / 740) + 50 a month for each year assessed pass or
    better; under one year of service the starting amount only. The tier is the current one, so a change of
    position takes the new table with the years carried (套新岗位标准, 年限累计计算)."""
    if years_of_service < 1:
        return table.tenure_start[tier].quantize(CENT)
    return (table.tenure_start[tier] + table.tenure_step * passing_years).quantize(CENT)


def professional_allowance(worker: Worker, period: Period, table: PayTable) -> tuple[Decimal, str]:
    """职业水平补贴: +80 (社会工作师) or +50 (助理社会工作师) a month from the month of registration. A worker
    with both gets the higher one only (the assistant certificate is the step before, not a second allowance)."""
    held = [(table.professional[c.kind], c.kind) for c in worker.certificates
            if c.kind in table.professional and (c.registered_on.year, c.registered_on.month) <= (period.year,
                                                                                                    period.month)]
    if not held:
        return ZERO, "no registered social-work certificate"
    amount, kind = max(held)
    return amount.quantize(CENT), kind


def one_child_fee(worker: Worker, period: Period, table: PayTable) -> PayItem | None:
    """独生子女费 (第五条(一)4, "按照市有关规定"): the amount in force in the month, from the month the
    独生子女父母光荣证 was issued until the child turns 18 (至满18周岁止: a month that begins before the 18th
    birthday is paid in full, like every other monthly amount here); None outside that span."""
    held = worker.one_child
    if held is None or (held.issued_on.year, held.issued_on.month) > (period.year, period.month):
        return None
    fee = in_force(table.one_child_fee, period.first)
    if fee is None or period.first >= birthday_at_age(held.child_birth_date, 18):
        return None
    return PayItem("one_child_fee", fee.monthly.quantize(CENT), f"certificate {held.number}, rate since {fee.since}")


def housing_fund(wage: Decimal, period: Period, table: PayTable) -> tuple[PayItem, ...]:
    """住房公积金 (第五条(一)4, "按照市有关规定"): the unit's and the person's contributions at the rates in force
    on the month's first day. Where the regulation is silent, the base is the month's wage (base pay, tenure and
    professional allowances — not the one-child fee nor the yearly bonus), each share rounded to the fen."""
    rate = in_force(table.housing_fund, period.first)
    if rate is None or wage <= 0:
        return ()
    basis = f"base {wage}, rates since {rate.since}"
    return (PayItem("housing_fund_unit", (wage * rate.unit).quantize(CENT, ROUND_HALF_UP), f"{rate.unit} of {basis}"),
            PayItem("housing_fund_personal", (wage * rate.personal).quantize(CENT, ROUND_HALF_UP),
                    f"{rate.personal} of {basis}, withheld from pay"))


def pay_slip(worker: Worker, period: Period, table: PayTable) -> PaySlip | None:
    """The month's itemised slip, or None when the worker was not in service that month. Working retirees
    (离退休人员) get a living subsidy on the tenure-allowance table instead of base pay and allowances, and
    neither the housing fund (a retiree no longer contributes) nor the one-child fee (paid to a retiree once, at
    retirement, by the city's rules) — the regulation's 第五条(三) names only the subsidy for them."""
    if not worker.in_service_between(period.first, period.last):
        return None
    day = min(period.last, worker.separation.on) if worker.separation else period.last
    tier = worker.tier_on(day)
    years = age_on(worker.start_date, period.last)
    passing = passing_years_before(worker, period.year)
    tenure = tenure_allowance(tier, years, passing, table)
    tenure_basis = f"{tier.value} table, {years} full years of service, {passing} years pass or better"
    if worker.retiree:
        return PaySlip(worker.id, worker.employer_id, str(period), tier,
                       (PayItem("living_subsidy", tenure, tenure_basis),))
    professional, kind = professional_allowance(worker, period, table)
    items = (PayItem("base", base_pay(tier, table), f"{tier.value} base pay"),
             PayItem("tenure_allowance", tenure, tenure_basis),
             PayItem("professional_allowance", professional, kind))
    wage = sum((i.amount for i in items), ZERO)
    fee = one_child_fee(worker, period, table)
    return PaySlip(worker.id, worker.employer_id, str(period), tier, items + ((fee,) if fee else ()),
                   housing_fund(wage, period, table))


def parse_period(value: str) -> Period | None:
    """`yyyy-mm`, or None."""
    parts = value.split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts[1]) != 2:
        return None
    year, month = int(parts[0]), int(parts[1])
    return Period(year, month) if 1 <= month <= 12 and year >= 1990 else None
