"""The dated rate table (费率表) and the wage-base bounds (缴费基数上下限).

The regulation states no rates. Defaults (Beijing practice), in force until an officer records a table
(`PUT /rates/{date}`): pension 16 % employer / 8 % individual, unemployment 0.5 % / 0.5 %, maternity 0.8 % / 0,
work injury (employer only) by industry risk class 1–8: 0.2, 0.4, 0.7, 0.9, 1.1, 1.3, 1.5, 1.9 %.
City average monthly wage of a year without a recorded figure: `CollectionPolicy.fallback_average_wage`
(11 761.00 yuan unless configured); base floor/ceiling 60 % / 300 % of the previous year's. A month is charged at the table in force on its first day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.fines import DEFAULT_FINE_RANGES
from services.insurance.domain.money import yuan
from services.insurance.domain.refusals import INSURANCE_TYPES
from shared.errors import ProblemCollector


class InsuranceType(StrEnum):
    """In this order the bank splits a payment (按养老、失业、工伤、生育保险的险种顺序进行分账).

    Four types, without medical insurance, on purpose. The collection regulation this service implements defines
    the contributions it collects as exactly these four (《北京市社会保险基金征缴管理办法》第四条: 本办法规定的社会
    保险费指基本养老保险费、失业保险费、工伤保险费和生育保险费), and its statement, bank split and arrears are built
    on them. The basic medical insurance community workers are owed (workforce's pay rules: pension, medical,
    unemployment, work injury, maternity) is collected under Beijing's medical-insurance regulation
    (《北京市基本医疗保险规定》) into the medical fund's own income account — the same regulation's 第十条 moves
    the medical part of the insurance subsidy "拨入医疗保险收入户", outside this fund. A street office pays it to
    the medical-insurance agency; it lives there, not in this rate table, and a table naming it is refused
    (`insurance-type`, 第四条) rather than charged under rules that are not its own.
    """

    PENSION = "pension"
    UNEMPLOYMENT = "unemployment"
    WORK_INJURY = "work_injury"
    MATERNITY = "maternity"


SPLIT_ORDER: tuple[InsuranceType, ...] = tuple(InsuranceType)


@dataclass(frozen=True)
class Shares:
    employer: Decimal
    individual: Decimal


@dataclass(frozen=True)
class RateTable:
    effective_from: date
    shares: dict[InsuranceType, Shares]
    work_injury_by_class: dict[int, Decimal]  # employer share of work injury by industry risk class

    def shares_for(self, kind: InsuranceType, industry_class: int) -> Shares:
        if kind is InsuranceType.WORK_INJURY:
            return Shares(self.work_injury_by_class.get(industry_class, self.work_injury_by_class[1]), Decimal(0))
        return self.shares[kind]


DEFAULT_RATES = RateTable(
    effective_from=date(2000, 1, 1),
    shares={InsuranceType.PENSION: Shares(Decimal("0.16"), Decimal("0.08")),
            InsuranceType.UNEMPLOYMENT: Shares(Decimal("0.005"), Decimal("0.005")),
            InsuranceType.MATERNITY: Shares(Decimal("0.008"), Decimal("0"))},
    work_injury_by_class={1: Decimal("0.002"), 2: Decimal("0.004"), 3: Decimal("0.007"), 4: Decimal("0.009"),
                          5: Decimal("0.011"), 6: Decimal("0.013"), 7: Decimal("0.015"), 8: Decimal("0.019")},
)

DEFAULT_CITY_AVERAGE_WAGE = Decimal("11761.00")  # yuan per month: the default of `fallback_average_wage`
FLOOR_SHARE = Decimal("0.60")    # default floor: 60 % of the previous-year city average wage
CEILING_SHARE = Decimal("3.00")  # default ceiling: 300 %


def rates_for_month(tables: list[RateTable], first_day: date) -> RateTable:
    """A month is charged at the table in force on its first day (a change dated mid-month applies from the
    next month's statement)."""
    return rates_on(tables, first_day)


def rates_on(tables: list[RateTable], on: date) -> RateTable:
    """The table in force on `on`: the latest whose effective_from is not after it (defaults otherwise)."""
    in_force = [t for t in tables if t.effective_from <= on]
    return max(in_force, key=lambda t: t.effective_from) if in_force else DEFAULT_RATES


@dataclass(frozen=True)
class BaseBounds:
    """缴费基数上下限 from the previous-year city average monthly wage."""

    floor: Decimal
    ceiling: Decimal

    @classmethod
    def of(cls, average_wage: Decimal, floor_share: Decimal = FLOOR_SHARE,
           ceiling_share: Decimal = CEILING_SHARE) -> "BaseBounds":
        return cls(yuan(average_wage * floor_share), yuan(average_wage * ceiling_share))

    def clamp(self, wage: Decimal) -> Decimal:
        """The generated base: the declared wage, raised to the floor or cut to the ceiling."""
        return min(max(yuan(wage), self.floor), self.ceiling)


@dataclass(frozen=True)
class CollectionPolicy:
    """Configurable numbers of collection, with the digest's defaults."""

    late_fee_daily: Decimal = Decimal("0.0005")  # 0.05 % per day (Social Insurance Law art. 86)
    unpaid_months_to_switch: int = 2             # 连续全额欠缴2个月以上 → 主动申报
    audit_after_days: int = 90                   # open arrears this long after the due date → 稽核
    labour_after_days: int = 180                 # still unpaid → 劳动和社会保障行政部门
    floor_share: Decimal = FLOOR_SHARE
    ceiling_share: Decimal = CEILING_SHARE
    city_average_wages: dict[int, Decimal] = field(default_factory=dict)
    fallback_average_wage: Decimal = DEFAULT_CITY_AVERAGE_WAGE
    """The city average monthly wage assumed for a year with no figure in `city_average_wages` (configured or
    recorded through `PUT /average-wages/{year}`): the bounds of such a base year derive from it."""
    fine_ranges: dict = field(default_factory=lambda: dict(DEFAULT_FINE_RANGES))  # severity → (low, high)

    def average_wage_of(self, year: int) -> Decimal:
        """The recorded city average monthly wage of `year`, else the policy's stated fallback."""
        return self.city_average_wages.get(year, self.fallback_average_wage)

    def bounds_for(self, base_year: int) -> BaseBounds:
        """The bounds of a base year, from the previous year's average wage."""
        return BaseBounds.of(self.average_wage_of(base_year - 1), self.floor_share, self.ceiling_share)


def checked_table(effective_from: date, shares: dict[str, dict[str, Decimal]],
                  work_injury_by_class: dict[int, Decimal]) -> RateTable:
    """A complete table: pension, unemployment and maternity shares, work injury for class 1 at least, every
    rate a fraction in [0, 1)."""
    problems = ProblemCollector()
    for name in sorted(set(shares) - {k.value for k in InsuranceType}):
        problems.add(f"shares.{name}", "insurance-type", f"{name!r} is not one of the four types this fund collects "
                     "(pension, unemployment, work_injury, maternity); medical insurance is collected by the "
                     "medical-insurance fund", INSURANCE_TYPES)
    for kind in (InsuranceType.PENSION, InsuranceType.UNEMPLOYMENT, InsuranceType.MATERNITY):
        if kind.value not in shares:
            problems.add(f"shares.{kind.value}", "required", f"the table needs the {kind.value} shares")
    if 1 not in work_injury_by_class:
        problems.add("work_injury_by_class.1", "required", "the table needs the class-1 work-injury rate")
    rates = [(f"shares.{k}.{side}", v) for k, s in shares.items() for side, v in s.items()]
    rates += [(f"work_injury_by_class.{c}", v) for c, v in work_injury_by_class.items()]
    for field_path, value in rates:
        if not Decimal(0) <= value < 1:
            problems.add(field_path, "fraction", "a rate is a fraction from 0 up to 1 (0.16 = 16 %)")
    problems.raise_if_any("The rate table is incomplete or has impossible rates")
    parsed = {InsuranceType(k): Shares(s.get("employer", Decimal(0)), s.get("individual", Decimal(0)))
              for k, s in shares.items() if k != InsuranceType.WORK_INJURY.value}
    return RateTable(effective_from, parsed, dict(work_injury_by_class))
