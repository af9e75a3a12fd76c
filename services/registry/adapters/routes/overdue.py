"""Overdue cases for the registrar: deadlines run without their act (review, centre result, rectification plan)."""
from __future__ import annotations

from datetime import date
from fastapi import APIRouter
from pydantic import BaseModel, Field

from services.registry.adapters.access import OFFICER
from services.registry.adapters.routes.dependencies import ContainerDep, Paged
from services.registry.application import overdue
from services.registry.domain.overdue import OverdueCase, OverdueKind
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut
from shared.params import AsOf

router = APIRouter(prefix="/api/v1/registry", tags=["registry: overdue cases"])


class OverdueCaseOut(BaseModel):
    """One deadline run without its act, naming the rule and the article that set it."""

    kind: OverdueKind
    subject_id: str = Field(description="the employer's id (the applicant, or the enterprise holding the centre)")
    subject_name: str
    due: date
    overdue_days: int = Field(description="calendar days since the due date")
    waiting_for: str = Field(description="who must act: registry or the enterprise")
    rule: str
    article: str
    year: int | None = Field(None, description="the technology centre's round or evaluation year")

    @classmethod
    def of(cls, case: OverdueCase) -> "OverdueCaseOut":
        return cls.model_validate(case, from_attributes=True)


@router.get("/overdue-cases", response_model=PageOut[OverdueCaseOut], **allow(*OFFICER, Role.OPS))
async def list_overdue_cases(c: ContainerDep, paging: Paged, kind: OverdueKind | None = None,
                             on: AsOf = None) -> PageOut[OverdueCaseOut]:
    """第七条 review (10 working days), 第十条 centre result (90 working days), 第十八条 rectification plan, and the
    smart communities' yearly spot check (第十九条, for the last year ended): every case past its due date on
    `on`, the longest overdue first."""
    found = await overdue.overdue_cases(c.employers, c.technology_centres, c.star_communities, c.today, on=on,
                                        kind=kind, paging=paging)
    return PageOut[OverdueCaseOut].of(found.items, found.total, paging, OverdueCaseOut.of)
