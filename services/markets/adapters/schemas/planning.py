"""Planning: imports with per-line errors, coverage, the deadline watcher and replanning proposals."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from services.markets.domain.deadlines import Breach
from services.markets.domain.proposal import Proposal
from services.markets.adapters.schemas.markets import On

STOPGAP_KINDS = ["weekend_market", "morning_evening_market"]  # 周末菜市、早晚市
RATIO_PLACES = 4  # m² of market per resident: the norm is 0.1, four places tell 0.0833 from it
AREA_PLACES = 2  # m²


def decimal(value: float, places: int) -> Decimal:
    """A computed float (2SFCA runs on numpy) as the decimal the answer carries, rounded to `places`."""
    return Decimal(format(float(value), f".{places}f"))


class Problem(BaseModel):
    field: str
    rule: str
    message: str


class RowError(BaseModel):
    """A rejected row: line 1 is the first data row."""

    line: int
    field: str
    rule: str
    message: str


class ImportOut(BaseModel):
    received: int
    imported: int
    errors: list[RowError]


class MarketImportOut(BaseModel):
    received: int
    imported: int
    ids: list[str]
    errors: list[RowError]


class AreaOut(BaseModel):
    """A residential area markets plans with (imported, or learnt from registry's events)."""

    id: str
    name: str | None
    district_code: str
    community_id: str | None
    lon: float
    lat: float
    residents: int
    kind: str
    effective_on: date | None
    abolished_community_id: str | None = None
    """The community registry abolished outright that the area belonged to (it has no community until registry
    names one); a merged community's areas name the absorbing one in `community_id` instead."""
    community_abolished_on: date | None = None

    @classmethod
    def of(cls, row: dict) -> "AreaOut":
        return cls(id=row["id"], name=row.get("name"), district_code=row["district_code"],
                   community_id=row.get("community_id"), lon=row["lon"], lat=row["lat"], residents=row["population"],
                   kind=row.get("kind", "existing"), effective_on=row.get("effective_on"),
                   abolished_community_id=row.get("abolished_community_id"),
                   community_abolished_on=row.get("community_abolished_on"))


class CandidateSiteOut(BaseModel):
    """A candidate site for a market: a state-owned outlet, a disused boiler room or a gas exchange station."""

    id: str
    name: str
    district_code: str
    lon: float
    lat: float
    area_m2: Decimal
    kind: str

    @classmethod
    def of(cls, row: dict) -> "CandidateSiteOut":
        return cls(id=row["id"], name=row["name"], district_code=row["district_code"], lon=row["lon"],
                   lat=row["lat"], area_m2=decimal(row["area_m2"], AREA_PLACES), kind=row["kind"])


class PostalOutletOut(BaseModel):
    id: str
    name: str
    lon: float
    lat: float

    @classmethod
    def of(cls, row: dict) -> "PostalOutletOut":
        return cls(id=row["id"], name=row["name"], lon=row["lon"], lat=row["lat"])


class PlanningBreachOut(BaseModel):
    area_id: str
    name: str | None
    district_code: str
    effective_on: date | None
    breaches: list[Problem]

    @classmethod
    def of(cls, row: dict) -> "PlanningBreachOut":
        return cls(area_id=row["id"], name=row.get("name"), district_code=row["district_code"],
                   effective_on=row.get("effective_on"), breaches=row["planning_breaches"])


class AreaCoverageOut(BaseModel):
    area_id: str
    district_code: str
    residents: int
    supply_ratio: Decimal
    covered: bool
    nearest_market_id: str | None
    nearest_market_m: float | None
    deficit_m2: Decimal

    @classmethod
    def of(cls, row: dict) -> "AreaCoverageOut":
        return cls(**row | {"supply_ratio": decimal(row["supply_ratio"], RATIO_PLACES),
                            "deficit_m2": decimal(row["deficit_m2"], AREA_PLACES)})


class DistrictCoverageOut(BaseModel):
    district_code: str
    area_count: int
    covered_area_count: int
    residents: int
    covered_residents: int
    deficit_m2: Decimal

    @classmethod
    def of(cls, row: dict) -> "DistrictCoverageOut":
        return cls(**row | {"deficit_m2": decimal(row["deficit_m2"], AREA_PLACES)})


class BreachOut(BaseModel):
    market_id: str
    rule: str
    started_on: date
    step_due: date
    days_overdue: int

    @classmethod
    def of(cls, b: Breach) -> "BreachOut":
        return cls(market_id=b.market_id, rule=b.rule, started_on=b.started_on, step_due=b.due_on,
                   days_overdue=b.days_overdue)


class DecisionIn(On):
    """The officer's decision on a proposal; `on` (the day it was decided) defaults to today in Beijing."""

    approve: bool


class GapOut(BaseModel):
    area_id: str
    ratio: Decimal
    deficit_m2: Decimal


class SiteOut(BaseModel):
    site_id: str
    area_m2: Decimal
    covers: list[str]


class StopgapOut(BaseModel):
    area_id: str
    kinds: list[str]


class PlanOut(BaseModel):
    id: str
    closed_market_id: str | None
    cause: str
    area_id: str | None
    status: str
    resolved_areas: list[str]
    resolved_on: date | None
    proposed_on: date
    decided_by: str | None
    decided_on: date | None
    gaps: list[GapOut]
    sites: list[SiteOut]
    stopgap_markets: list[StopgapOut]

    @classmethod
    def of(cls, p: Proposal) -> "PlanOut":
        return cls(id=p.id, closed_market_id=p.closed_market_id or None, cause=p.cause, area_id=p.area_id,
                   status=p.status, resolved_areas=list(p.resolved_areas),
                   resolved_on=p.resolved_on, proposed_on=p.proposed_on, decided_by=p.decided_by,
                   decided_on=p.decided_on,
                   gaps=[GapOut(area_id=g.area_id, ratio=decimal(g.ratio, RATIO_PLACES),
                                deficit_m2=decimal(g.deficit_m2, AREA_PLACES)) for g in p.plan.gaps],
                   sites=[SiteOut(site_id=s.site_id, area_m2=decimal(s.area_m2, AREA_PLACES), covers=list(s.covers))
                          for s in p.plan.sites],
                   stopgap_markets=[StopgapOut(area_id=a, kinds=STOPGAP_KINDS) for a in p.plan.stopgap_areas])
