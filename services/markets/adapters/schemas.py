"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from services.markets.domain.lifecycle import Approval
from services.markets.domain.market import Areas, Kind, Market
from services.markets.domain.planning import Site, site_problems
from services.markets.domain.proposal import Proposal
from shared.errors import ProblemCollector



class AreasIn(BaseModel):
    business: Decimal = Field(gt=0, max_digits=12, decimal_places=2, description="经营面积, m²")
    vegetable: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="蔬菜经营面积, m²")
    direct_supply: Decimal = Field(default=Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    direct_supply_adopted: bool = False

    def to_domain(self) -> Areas:
        q = Decimal("0.01")
        return Areas(self.business.quantize(q), self.vegetable.quantize(q), self.direct_supply.quantize(q),
                     self.direct_supply_adopted)


class SiteIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    district_code: str = Field(pattern=r"^\d{6}$")
    kind: Kind
    lon: float = Field(description="WGS84 longitude")
    lat: float = Field(description="WGS84 latitude")
    areas: AreasIn
    owner: str = Field(min_length=1, max_length=200)

    def to_site(self) -> Site:
        return Site(self.name, self.district_code, self.kind, self.lon, self.lat, self.areas.to_domain(), self.owner)


class PlanIn(SiteIn):
    permit_on: date = Field(description="date of the planning permit naming site and area")
    residential_area_id: str | None = Field(default=None, min_length=1, max_length=64,
                                            description="the residential project the market is built with (配套)")


class ExistingIn(SiteIn):
    operator: str = Field(min_length=1, max_length=200)
    opened_on: date

    def problems(self) -> ProblemCollector:
        return site_problems(self.to_site())


class On(BaseModel):
    on: date


class AgreementIn(On):
    presale_permit_on: date | None = None


class TenderIn(On):
    operator: str = Field(min_length=1, max_length=200)


class FilingIn(On):
    licence_on: date


class ApprovalIn(BaseModel):
    authority: Literal["district_commerce", "district_government", "city_commerce"]
    reference: str = Field(min_length=1, max_length=100)
    approved_on: date


class ApprovedIn(On):
    approvals: list[ApprovalIn] = []

    def approval_list(self) -> list[Approval]:
        return [Approval(a.authority, a.reference, a.approved_on) for a in self.approvals]


class SubletIn(ApprovedIn):
    operator: str = Field(min_length=1, max_length=200)


class ReplacementIn(ApprovedIn):
    replacement_market_id: str


class InspectionIn(On):
    areas: AreasIn
    use: str = "vegetable_market"


class FineIn(BaseModel):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2, description="yuan")


class SampleIn(BaseModel):
    sampled_on: date
    product: str = Field(min_length=1, max_length=100)
    passed: bool
    tested_by: str = Field(min_length=1, max_length=200, description="own equipment or the accredited lab")
    note: str = Field(default="", max_length=500)


class DecisionIn(BaseModel):
    approve: bool


def market_out(m: Market) -> dict:
    return {"id": m.id, "name": m.name, "district_code": m.district_code, "kind": m.kind.value, "lon": m.lon,
            "lat": m.lat, "areas": {"business": str(m.areas.business), "vegetable": str(m.areas.vegetable),
                                    "direct_supply": str(m.areas.direct_supply),
                                    "direct_supply_adopted": m.areas.direct_supply_adopted},
            "owner": m.owner, "operator": m.operator, "status": m.status.value, "use": m.use,
            "milestones": {k: v.isoformat() for k, v in m.milestones.items()}, "late": list(m.late),
            "cases": [case_out(c) for c in m.cases], "residential_area_id": m.residential_area_id}


def case_out(c) -> dict:
    return {"number": c.number, "kind": c.kind, "article": c.article, "opened_on": c.opened_on.isoformat(),
            "fine_range": {"low": str(c.low), "high": str(c.high)}, "refused": c.refused,
            "fine": None if c.fine is None else str(c.fine), "fined_by": c.fined_by, "status": c.status}


def plan_out(p: Proposal) -> dict:
    return {"id": p.id, "closed_market_id": p.closed_market_id or None, "cause": p.cause, "area_id": p.area_id,
            "status": p.status, "resolved_areas": list(p.resolved_areas),
            "resolved_on": p.resolved_on and p.resolved_on.isoformat(),
            "proposed_on": p.proposed_on.isoformat(), "decided_by": p.decided_by,
            "decided_on": p.decided_on and p.decided_on.isoformat(),
            "gaps": [{"area_id": g.area_id, "ratio": g.ratio, "deficit_m2": g.deficit_m2} for g in p.plan.gaps],
            "sites": [{"site_id": s.site_id, "area_m2": s.area_m2, "covers": list(s.covers)} for s in p.plan.sites],
            "stopgap_markets": [{"area_id": a, "kinds": ["weekend_market", "morning_evening_market"]}
                                for a in p.plan.stopgap_areas]}
