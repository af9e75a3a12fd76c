"""The community vegetable market (社区菜市场) as an aggregate: its site, areas, status, dated milestones, cases
and food-safety samples. Rules that change it live in lifecycle.py, compliance.py and deadlines.py."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class Kind(StrEnum):
    STANDARDISED = "standardised_market"  # 标准化菜市场
    COMMUNITY_SHOP = "community_shop"  # 社区菜店
    FARMERS = "farmers_market"  # 农贸市场
    FRESH_SUPERMARKET = "fresh_supermarket"  # 生鲜超市
    WEEKEND = "weekend_market"  # 周末菜市
    MORNING_EVENING = "morning_evening_market"  # 早晚市


class Status(StrEnum):
    PLANNED = "planned"
    BUILT = "built"
    ACCEPTED = "accepted"
    AGREEMENT_SIGNED = "agreement_signed"
    OWNERSHIP_TRANSFERRED = "ownership_transferred"
    OPERATOR_TENDERED = "operator_tendered"
    OPERATOR_FILED = "operator_filed"
    OPERATING = "operating"
    SUSPENDED = "suspended"
    WITHDRAWN = "operating_right_withdrawn"
    MERGED = "merged"
    CLOSED = "closed"
    DEMOLISHED = "demolished"
    RELOCATED = "relocated"
    REBUILT = "rebuilt"


MARKET_USE = "vegetable_market"
LEFT_SERVICE = frozenset({Status.WITHDRAWN, Status.MERGED, Status.CLOSED, Status.DEMOLISHED, Status.RELOCATED,
                          Status.REBUILT})


@dataclass(frozen=True)
class Areas:
    """Floor areas in m²: business (经营面积), vegetable (蔬菜经营面积), direct supply (直营直供面积)."""

    business: Decimal
    vegetable: Decimal
    direct_supply: Decimal = Decimal("0.00")
    direct_supply_adopted: bool = False


@dataclass(frozen=True)
class Case:
    """A compliance case (行政处罚案件) with the fine range in yuan; `refused` moves it to the higher range.

    A supervision case (an authority's own deadline passed, 第十三条第二款) has no fine range (`low`, `high`
    None) and is resolved when the step is finally taken. What the case is about: the act and its date
    (`act_on`), or the statutory deadline passed (`due_on`); the rule broken; who it is against (`party`); the
    authorities whose approval was shown and the replacement market a replacement plan named."""

    number: int
    kind: str
    article: str
    opened_on: date
    low: Decimal | None
    high: Decimal | None
    refused: bool = False
    fine: Decimal | None = None
    fined_by: str | None = None
    status: str = "open"  # open → fined; a supervision case: open → resolved
    rule: str | None = None
    party: str | None = None
    act_on: date | None = None
    due_on: date | None = None
    approved_by: tuple[str, ...] = ()
    replacement_market_id: str | None = None
    resolved_on: date | None = None


@dataclass(frozen=True)
class Sample:
    """A food-safety sampling result (抽检结果), displayed publicly."""

    sampled_on: date
    product: str
    passed: bool
    tested_by: str
    note: str = ""


@dataclass(frozen=True)
class Market:
    id: str
    name: str
    district_code: str
    kind: Kind
    lon: float
    lat: float
    areas: Areas
    owner: str
    operator: str | None
    status: Status
    use: str = MARKET_USE
    milestones: dict[str, date] = field(default_factory=dict)
    late: tuple[str, ...] = ()  # milestones recorded after their deadline
    cases: tuple[Case, ...] = ()
    samples: tuple[Sample, ...] = ()
    residential_area_id: str | None = None  # the (phased) residential project whose planning permit names it
    community_id: str | None = None  # registry's community the market serves (named, or its residential area's)

    @property
    def in_service(self) -> bool:
        return self.status is Status.OPERATING

    def on(self, milestone: str) -> date | None:
        return self.milestones.get(milestone)
