"""Planning: imports with per-line errors, coverage, the deadline watcher and replanning proposals."""
from __future__ import annotations

from pydantic import BaseModel

from services.markets.domain.deadlines import Breach
from services.markets.domain.proposal import Proposal
from shared.schemas import RequestBody

STOPGAP_KINDS = ["weekend_market", "morning_evening_market"]  # 周末菜市、早晚市


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


class PlanningBreachOut(BaseModel):
    area_id: str
    name: str | None
    district_code: str
    effective_on: str | None
    breaches: list[Problem]

    @classmethod
    def of(cls, row: dict) -> "PlanningBreachOut":
        return cls(area_id=row["id"], name=row.get("name"), district_code=row["district_code"],
                   effective_on=row.get("effective_on"), breaches=row["planning_breaches"])


class AreaCoverageOut(BaseModel):
    area_id: str
    district_code: str
    population: int
    supply_ratio: float
    covered: bool
    nearest_market_id: str | None
    nearest_market_m: float | None
    deficit_m2: float


class DistrictCoverageOut(BaseModel):
    district_code: str
    areas: int
    covered_areas: int
    population: int
    covered_population: int
    deficit_m2: float


class BreachOut(BaseModel):
    market_id: str
    rule: str
    started_on: str
    due_on: str
    days_overdue: int

    @classmethod
    def of(cls, b: Breach) -> "BreachOut":
        return cls(market_id=b.market_id, rule=b.rule, started_on=b.started_on.isoformat(),
                   due_on=b.due_on.isoformat(), days_overdue=b.days_overdue)


class DecisionIn(RequestBody):
    approve: bool


class GapOut(BaseModel):
    area_id: str
    ratio: float
    deficit_m2: float


class SiteOut(BaseModel):
    site_id: str
    area_m2: float
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
    resolved_on: str | None
    proposed_on: str
    decided_by: str | None
    decided_on: str | None
    gaps: list[GapOut]
    sites: list[SiteOut]
    stopgap_markets: list[StopgapOut]

    @classmethod
    def of(cls, p: Proposal) -> "PlanOut":
        return cls(id=p.id, closed_market_id=p.closed_market_id or None, cause=p.cause, area_id=p.area_id,
                   status=p.status, resolved_areas=list(p.resolved_areas),
                   resolved_on=p.resolved_on and p.resolved_on.isoformat(), proposed_on=p.proposed_on.isoformat(),
                   decided_by=p.decided_by, decided_on=p.decided_on and p.decided_on.isoformat(),
                   gaps=[GapOut(area_id=g.area_id, ratio=g.ratio, deficit_m2=g.deficit_m2) for g in p.plan.gaps],
                   sites=[SiteOut(site_id=s.site_id, area_m2=s.area_m2, covers=list(s.covers)) for s in p.plan.sites],
                   stopgap_markets=[StopgapOut(area_id=a, kinds=STOPGAP_KINDS) for a in p.plan.stopgap_areas])
