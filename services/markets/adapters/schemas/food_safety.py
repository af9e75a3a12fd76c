"""Food-safety inspections (第二十四、二十五条): what the officer found on site in, the record with its findings out."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from services.markets.adapters.schemas.markets import On
from services.markets.domain.food_safety import FoodSafetyInspection, SampleTesting
from shared.schemas import RequestBody


class DutiesIn(RequestBody):
    """Each duty the officer checks on site, in place (true) or not (false); every one must be answered."""

    incoming_inspection: bool = Field(description="进货查验 (第二十四条)")
    certificate_retention: bool = Field(description="索证索票 (第二十四条)")
    purchase_sales_ledger: bool = Field(description="购销登记 (第二十四条)")
    withdrawal: bool = Field(description="不合格食品退市 (第二十四条)")
    results_displayed: bool = Field(description="抽检结果场内公示 (第二十五条)")


class TestingIn(RequestBody):
    """第二十五条: testing equipment of its own, or an accredited testing body (named, with its accreditation)."""

    means: Literal["own_equipment", "accredited_lab", "none"]
    lab: str | None = Field(default=None, min_length=1, max_length=200)
    accreditation: str | None = Field(default=None, min_length=1, max_length=100,
                                      description="the lab's accreditation (CMA/CNAS) number")

    def to_domain(self) -> SampleTesting:
        return SampleTesting(self.means, self.lab, self.accreditation)


class FoodSafetyInspectionIn(On):
    """`on`: the day of the inspection (default today in Beijing)."""

    duties: DutiesIn
    testing: TestingIn
    notes: str = Field(default="", max_length=1000)


class FindingOut(BaseModel):
    duty: str
    rule: str
    article: str
    message: str


class TestingOut(BaseModel):
    means: str
    lab: str | None
    accreditation: str | None


class FoodSafetyInspectionOut(BaseModel):
    id: str
    market_id: str
    district_code: str
    inspected_on: date
    inspector: str
    outcome: Literal["compliant", "deficient"] = Field(description="deficient: at least one duty not met")
    duties: dict[str, bool] = Field(description="the duties checked on site, in place or not")
    testing: TestingOut
    last_sampled_on: date | None = Field(description="the last sampling result recorded up to the inspection")
    failed_products: list[str] = Field(description="products failing a sample in the 30 days up to the inspection")
    duty_findings: list[FindingOut] = Field(description="each duty not met, naming its rule and article")
    notes: str

    @classmethod
    def of(cls, i: FoodSafetyInspection) -> "FoodSafetyInspectionOut":
        return cls(id=i.id, market_id=i.market_id, district_code=i.district_code, inspected_on=i.inspected_on,
                   inspector=i.inspector, outcome=i.outcome, duties=dict(i.observed),
                   testing=TestingOut(means=i.testing.means, lab=i.testing.lab,
                                      accreditation=i.testing.accreditation),
                   last_sampled_on=i.last_sampled_on, failed_products=list(i.failed_products),
                   duty_findings=[FindingOut(duty=f.duty, rule=f.rule, article=f.article, message=f.message)
                             for f in i.findings], notes=i.notes)
