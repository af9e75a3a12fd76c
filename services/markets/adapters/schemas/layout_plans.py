"""Layout plans (菜市场布局规划, 第六条): a version in, the plan with its revision date and pending cases out."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from services.markets.adapters.schemas.markets import On
from services.markets.domain.layout_plan import LayoutPlan, PendingCase, PlanVersion, is_due


class VersionIn(On):
    """`on`: the day the authority of the plan's level approved the version (default today in Beijing)."""

    kind: Literal["revision", "amendment"] = Field(description="修编 (restarts the 5-year cycle) or 临时修改")
    reference: str = Field(min_length=1, max_length=100, description="the approval's document number")


class VersionOut(BaseModel):
    version_number: int
    kind: str
    approved_on: date
    approving_authority: str = Field(description="city_government or district_government (第六条)")
    reference: str
    recorded_by: str
    recorded_on: date
    proposals: list[str] = Field(description="replanning proposals this version took in")

    @classmethod
    def of(cls, v: PlanVersion) -> "VersionOut":
        return cls(version_number=v.number, kind=v.kind, approved_on=v.approved_on, approving_authority=v.approved_by,
                   reference=v.reference, recorded_by=v.recorded_by, recorded_on=v.recorded_on,
                   proposals=list(v.proposals))


class PendingCaseOut(BaseModel):
    proposal_id: str
    area_ids: list[str]
    site_ids: list[str]
    stopgap_areas: list[str]
    cause: str
    opened_on: date

    @classmethod
    def of(cls, c: PendingCase) -> "PendingCaseOut":
        return cls(proposal_id=c.proposal_id, area_ids=list(c.area_ids), site_ids=list(c.site_ids),
                   stopgap_areas=list(c.stopgap_areas), cause=c.cause, opened_on=c.opened_on)


class LayoutPlanOut(BaseModel):
    id: str
    scope: str
    district_code: str | None
    current_version: int | None
    revised_on: date | None = Field(description="the last revision's approval (amendments do not restart the cycle)")
    revision_due: date | None = Field(description="5 years after `revised_on` (第六条); null: no revision yet")
    due_for_revision: bool = Field(description="as of `as_of`: its revision date has come, or it has none")
    as_of: date
    versions: list[VersionOut]
    pending_cases: list[PendingCaseOut]

    @classmethod
    def of(cls, plan: LayoutPlan, on: date) -> "LayoutPlanOut":
        return cls(id=plan.id, scope=plan.scope, district_code=plan.district_code,
                   current_version=plan.versions[-1].number if plan.versions else None, revised_on=plan.revised_on,
                   revision_due=plan.revision_due, due_for_revision=is_due(plan, on), as_of=on,
                   versions=[VersionOut.of(v) for v in plan.versions],
                   pending_cases=[PendingCaseOut.of(c) for c in plan.pending])
