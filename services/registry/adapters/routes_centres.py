"""Enterprise technology centres: application, decision, yearly evaluations, revocation, change reports."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.registry.adapters.routes import ContainerDep
from services.registry.application import technology_centres as use_cases
from services.registry.application.technology_centres import (ApplyForCentre, DecideOnCentre, EvaluateCentre,
                                                              ReportCentreChange, RevokeCentre)
from services.registry.domain import technology_centre as rules
from services.registry.domain.technology_centre import Cause, Violation
from services.registry.domain.technology_centre_record import CentreApplication, Figures, TechnologyCentre
from shared.errors import NotFound
from shared.params import MAX_PEOPLE

router = APIRouter(prefix="/api/v1/registry/technology-centres", tags=["registry: enterprise technology centres"])
YUAN = dict(ge=0, max_digits=15, decimal_places=2)


class FiguresIn(BaseModel):
    main_revenue: Decimal = Field(**YUAN, description="annual main-business revenue, yuan (≥ 150 000 000)")
    st_spending: Decimal = Field(**YUAN, description="S&T activity spending, yuan (≥ 5 000 000)")
    rd_staff: int = Field(ge=0, le=MAX_PEOPLE, description="full-time R&D staff (≥ 50)")
    equipment_value: Decimal = Field(**YUAN, description="R&D equipment original value, yuan (≥ 5 000 000)")


class OverrideIn(BaseModel):
    """特殊情况可适当放宽: the officer relaxing the thresholds, and why."""

    officer: str = Field(min_length=1, max_length=100)
    reason: str = Field(min_length=10, max_length=2000, description="written reason")


class ViolationIn(BaseModel):
    kind: Violation
    occurred_on: date


class CentreApplicationIn(BaseModel):
    employer_id: str = Field(min_length=1, description="the enterprise as a registry employer")
    enterprise_name: str = Field(min_length=1, max_length=200)
    applied_on: date = Field(description="by 30 April")
    centre_established_on: date = Field(description="the centre runs ≥ 1 year")
    figures: FiguresIn
    threshold_override: OverrideIn | None = None
    violations: list[ViolationIn] = Field(default_factory=list, description="tax / smuggling / quality record")
    parent_employer_id: str | None = Field(None, description="controlling parent (控股公司), if any")
    consolidated_subsidiaries: list[str] = Field(default_factory=list, description="subsidiaries whose figures "
                                                                                  "are consolidated")


class DecisionIn(BaseModel):
    certified: bool
    decided_on: date
    reasons: list[str] = Field(default_factory=list)
    fraud: bool = Field(False, description="弄虚作假: rejected and barred for 3 years")


class EvaluationIn(BaseModel):
    year: int = Field(ge=2000, le=2100)
    score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    materials_submitted_on: date | None = Field(None, description="due 30 April; none: not submitted")
    evaluated_on: date


class RevocationIn(BaseModel):
    cause: Cause
    revoked_on: date
    detail: str = Field("", max_length=2000)


class ChangeReportIn(BaseModel):
    kind: Literal["rename", "reorganisation"]
    effective_on: date = Field(description="the day the procedures were completed")
    reported_on: date
    new_name: str | None = Field(None, max_length=200)


def centre_out(centre: TechnologyCentre) -> dict:
    return centre.model_dump(mode="json")


@router.post("/applications", status_code=201)
async def apply(body: CentreApplicationIn, c: ContainerDep) -> dict:
    override = body.threshold_override
    application = CentreApplication(
        year=body.applied_on.year, applied_on=body.applied_on, centre_established_on=body.centre_established_on,
        figures=Figures(**body.figures.model_dump()), override_officer=override.officer if override else None,
        override_reason=override.reason if override else None, parent_employer_id=body.parent_employer_id,
        consolidated_subsidiaries=tuple(body.consolidated_subsidiaries), result_due=rules.result_due(
            body.applied_on.year))
    command = ApplyForCentre(body.employer_id, body.enterprise_name, application,
                             tuple((v.kind, v.occurred_on) for v in body.violations))
    return centre_out(await use_cases.apply_for_centre(command, c.technology_centres))


@router.get("/{employer_id}")
async def get_centre(employer_id: str, c: ContainerDep) -> dict:
    centre = await c.technology_centres.get(employer_id)
    if centre is None:
        raise NotFound(f"no technology centre for enterprise {employer_id}")
    return centre_out(centre)


@router.post("/{employer_id}/decision")
async def decide(employer_id: str, body: DecisionIn, c: ContainerDep) -> dict:
    command = DecideOnCentre(employer_id, body.certified, body.decided_on, tuple(body.reasons), body.fraud)
    return centre_out(await use_cases.decide(command, c.technology_centres))


@router.post("/{employer_id}/evaluations", status_code=201)
async def evaluate(employer_id: str, body: EvaluationIn, c: ContainerDep) -> dict:
    command = EvaluateCentre(employer_id, body.year, body.score, body.materials_submitted_on, body.evaluated_on)
    return centre_out(await use_cases.evaluate(command, c.technology_centres))


@router.get("/{employer_id}/evaluations")
async def list_evaluations(employer_id: str, c: ContainerDep) -> list[dict]:
    return (await get_centre(employer_id, c))["evaluations"]


@router.post("/{employer_id}/revocation")
async def revoke(employer_id: str, body: RevocationIn, c: ContainerDep) -> dict:
    command = RevokeCentre(employer_id, body.cause, body.revoked_on, body.detail)
    return centre_out(await use_cases.revoke(command, c.technology_centres))


@router.post("/{employer_id}/changes", status_code=201)
async def report_change(employer_id: str, body: ChangeReportIn, c: ContainerDep) -> dict:
    command = ReportCentreChange(employer_id, body.kind, body.effective_on, body.reported_on, body.new_name)
    return centre_out(await use_cases.report_change(command, c.technology_centres))
