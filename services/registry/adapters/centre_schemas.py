"""API shapes of enterprise technology centres: application, decision, evaluations, revocation, change reports."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from shared.numbers import Money
from services.registry.domain.technology_centre import Cause, Grade, Violation
from services.registry.domain.technology_centre_record import (CentreApplication, CentreStatus, ChangeReport,
                                                               RectificationPlan, Revocation, TechnologyCentre)
from shared.params import MAX_PEOPLE
from shared.schemas import RequestBody

YUAN = dict(ge=0, max_digits=15, decimal_places=2)


class FiguresIn(RequestBody):
    main_revenue: Decimal = Field(**YUAN, description="annual main-business revenue, yuan (≥ 150 000 000)")
    st_spending: Decimal = Field(**YUAN, description="S&T activity spending, yuan (≥ 5 000 000)")
    rd_staff: int = Field(ge=0, le=MAX_PEOPLE, description="full-time R&D staff (≥ 50)")
    equipment_value: Decimal = Field(**YUAN, description="R&D equipment original value, yuan (≥ 5 000 000)")


class OverrideIn(RequestBody):
    """特殊情况可适当放宽: the officer relaxing the thresholds, and why."""

    officer: str = Field(min_length=1, max_length=100)
    reason: str = Field(min_length=10, max_length=2000, description="written reason")


class ViolationIn(RequestBody):
    kind: Violation
    occurred_on: date


class CentreApplicationIn(RequestBody):
    employer_id: str = Field(min_length=1, max_length=100, description="a registered employer's id in registry; "
                                                                       "else 422 unknown-employer")
    enterprise_name: str = Field(min_length=1, max_length=200)
    applied_on: date = Field(description="by 30 April")
    centre_established_on: date = Field(description="the centre runs ≥ 1 year")
    figures: FiguresIn
    threshold_override: OverrideIn | None = None
    violations: list[ViolationIn] = Field(default_factory=list, description="tax / smuggling / quality record")
    parent_employer_id: str | None = Field(None, description="controlling parent (控股公司), if any")
    consolidated_subsidiaries: list[str] = Field(default_factory=list, description="subsidiaries whose figures "
                                                                                  "are consolidated")


class DecisionIn(RequestBody):
    certified: bool
    decided_on: date
    reasons: list[str] = Field(default_factory=list)
    fraud: bool = Field(False, description="弄虚作假: rejected and barred for 3 years")


class CentreEvaluationIn(RequestBody):
    year: int = Field(ge=2000, le=2100)
    score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    materials_submitted_on: date | None = Field(None, description="due 30 April; none: not submitted")
    evaluated_on: date


class RevocationIn(RequestBody):
    cause: Cause
    revoked_on: date
    detail: str = Field("", max_length=2000)


class ChangeReportIn(RequestBody):
    kind: Literal["rename", "reorganisation"]
    effective_on: date = Field(description="the day the procedures were completed")
    reported_on: date
    new_name: str | None = Field(None, max_length=200)


class EvaluationOut(BaseModel):
    """One yearly evaluation (第十三、十八条): the score with two decimals, its grade, a first-[60, 65] warning."""

    year: int
    score: Money
    materials_submitted_on: date | None
    evaluated_on: date
    materials_late: bool
    grade: Grade
    warning: bool = False
    rectification_plan_due: date | None = Field(None, description=(
        "第十八条: after a first score in [60, 65], the rectification plan is due (30 working days)"))
    rectification_plan: RectificationPlan | None = None


class RectificationPlanIn(RequestBody):
    """第十八条 整改方案, for the year the warning was given."""

    summary: str = Field(min_length=1, max_length=4000, description="what the enterprise will rectify, and by when")
    on: date | None = Field(None, description="the day the plan was filed; left out: today in Beijing")


class CentreOut(BaseModel):
    id: str
    enterprise_name: str
    status: CentreStatus
    certified_on: date | None = None
    applications: list[CentreApplication] = []
    evaluations: list[EvaluationOut] = []
    revocations: list[Revocation] = []
    changes: list[ChangeReport] = []
    barred_until: date | None = None
    bar_cause: Cause | None = None

    @classmethod
    def of(cls, centre: TechnologyCentre) -> "CentreOut":
        return cls.model_validate(centre, from_attributes=True)
