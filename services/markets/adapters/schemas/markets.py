"""Markets: the register, the lifecycle steps, operating changes, inspections and food-safety samples."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from services.markets.domain.lifecycle import Approval
from services.markets.domain.market import Areas, Case, Kind, Market, Sample
from services.markets.domain.planning import Site, site_problems
from shared.clock import Today
from shared.errors import ProblemCollector
from shared.schemas import RequestBody

ID = Field(min_length=1, max_length=64)


class AreasIn(RequestBody):
    business: Decimal = Field(gt=0, max_digits=12, decimal_places=2, description="经营面积, m²")
    vegetable: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="蔬菜经营面积, m²")
    direct_supply: Decimal = Field(default=Decimal("0"), ge=0, max_digits=12, decimal_places=2)
    direct_supply_adopted: bool = False

    def to_domain(self) -> Areas:
        q = Decimal("0.01")
        return Areas(self.business.quantize(q), self.vegetable.quantize(q), self.direct_supply.quantize(q),
                     self.direct_supply_adopted)


class SiteIn(RequestBody):
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
                                            description="the residential project the market is built with (配套); "
                                                        "one markets knows (from registry or an import)")
    community_id: str | None = Field(default=None, min_length=1, max_length=64,
                                     description="registry's community the market serves (default: its residential "
                                                 "area's); one markets knows from registry's residential areas")


class ExistingIn(SiteIn):
    operator: str = Field(min_length=1, max_length=200)
    opened_on: date

    def problems(self) -> ProblemCollector:
        return site_problems(self.to_site())


class On(RequestBody):
    on: date | None = Field(default=None, description="the day the act took place; default today in Beijing")

    def day(self, today: Today) -> date:
        """`on`, or the day of filing (today in Beijing, the injected clock)."""
        return self.on or today()


class AgreementIn(On):
    presale_permit_on: date | None = None


class TenderIn(On):
    operator: str = Field(min_length=1, max_length=200)


class FilingIn(On):
    licence_on: date | None = Field(default=None, description="the operator's business licence date; may be left "
                                    "out when it was recorded (operator-licence)")


class ApprovalIn(RequestBody):
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
    replacement_market_id: str = ID


class InspectionIn(On):
    areas: AreasIn
    use: str = Field(default="vegetable_market", min_length=1, max_length=100)


class FineIn(RequestBody):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2, description="yuan")


class SampleIn(RequestBody):
    sampled_on: date
    product: str = Field(min_length=1, max_length=100)
    passed: bool
    tested_by: str = Field(min_length=1, max_length=200, description="own equipment or the accredited lab")
    note: str = Field(default="", max_length=500)

    def to_domain(self) -> Sample:
        return Sample(self.sampled_on, self.product, self.passed, self.tested_by, self.note)


class AreasOut(BaseModel):
    """Floor areas in m² (decimal strings)."""

    business: Decimal
    vegetable: Decimal
    direct_supply: Decimal
    direct_supply_adopted: bool


class FineRange(BaseModel):
    low: Decimal
    high: Decimal


class CaseOut(BaseModel):
    case_number: int
    kind: str
    article: str
    opened_on: date
    fine_range: FineRange | None = Field(description="the fine's range in yuan now (the higher one after a "
                                         "refusal to correct); null for a supervision case, which carries no fine")
    refused: bool
    fine: Decimal | None
    fined_by: str | None
    status: str = Field(description="open → fined; a supervision case: open → resolved")
    rule: str | None = Field(description="the rule the act or the missed deadline broke")
    party: str | None = Field(description="who the case is against: the operator, the developer, the district "
                              "commerce office (its own tender) or whoever demolished, relocated or rebuilt")
    act_on: date | None = Field(description="the day of the act (the unapproved change, the late step)")
    due_on: date | None = Field(description="the statutory deadline passed, for a case of a missed deadline")
    approved_by: list[str] = Field(description="the authorities whose approval existed on the day of the act")
    replacement_market_id: str | None
    resolved_on: date | None

    @classmethod
    def of(cls, c: Case) -> "CaseOut":
        fine_range = None if c.low is None or c.high is None else FineRange(low=c.low, high=c.high)
        return cls(case_number=c.number, kind=c.kind, article=c.article, opened_on=c.opened_on,
                   fine_range=fine_range, refused=c.refused, fine=c.fine, fined_by=c.fined_by, status=c.status,
                   rule=c.rule, party=c.party, act_on=c.act_on, due_on=c.due_on, approved_by=list(c.approved_by),
                   replacement_market_id=c.replacement_market_id, resolved_on=c.resolved_on)


class MarketOut(BaseModel):
    id: str
    name: str
    district_code: str
    kind: str
    lon: float
    lat: float
    areas: AreasOut
    owner: str
    operator: str | None
    status: str
    use: str
    milestones: dict[str, date]
    late_steps: list[str] = Field(description="the milestones recorded after their deadline")
    cases: list[CaseOut]
    residential_area_id: str | None
    community_id: str | None

    @classmethod
    def of(cls, m: Market) -> "MarketOut":
        areas = AreasOut(business=m.areas.business, vegetable=m.areas.vegetable, direct_supply=m.areas.direct_supply,
                         direct_supply_adopted=m.areas.direct_supply_adopted)
        return cls(id=m.id, name=m.name, district_code=m.district_code, kind=m.kind.value, lon=m.lon, lat=m.lat,
                   areas=areas, owner=m.owner, operator=m.operator, status=m.status.value, use=m.use,
                   milestones=dict(m.milestones), late_steps=list(m.late), cases=[CaseOut.of(c) for c in m.cases],
                   residential_area_id=m.residential_area_id, community_id=m.community_id)


class SampleOut(BaseModel):
    sampled_on: date
    product: str
    passed: bool
    tested_by: str
    note: str


class FoodSafetyOut(BaseModel):
    """Public (抽检结果公示): the market's sampling results, newest first."""

    market_id: str
    name: str
    samples: list[SampleOut]

    @classmethod
    def of(cls, m: Market) -> "FoodSafetyOut":
        newest_first = sorted(m.samples, key=lambda x: x.sampled_on, reverse=True)
        return cls(market_id=m.id, name=m.name, samples=[
            SampleOut(sampled_on=x.sampled_on, product=x.product, passed=x.passed, tested_by=x.tested_by,
                      note=x.note) for x in newest_first])
