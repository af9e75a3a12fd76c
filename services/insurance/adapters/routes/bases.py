"""Wage bases under /api/v1/insurance: a unit's yearly declaration, corrections, average wages (the generation is a
job: `routes/jobs.py`)."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from services.insurance.adapters.cycle_schemas import BaseCorrected, DeclarationOut
from services.insurance.adapters.routes.dependencies import FILED_BY_THE_UNIT, OFFICER_ONLY, ContainerDep
from services.insurance.adapters.schemas import BaseCorrectionIn, WageIn
from services.insurance.adapters.translators import csv_rows, is_csv, json_rows
from services.insurance.application import bases as base_cases
from shared.params import Year

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance cycle"])


@router.post("/accounts/{employer_id}/bases/{year}", response_model=DeclarationOut, **FILED_BY_THE_UNIT)
async def declare_wages(employer_id: str, year: Year, request: Request, c: ContainerDep,
                        on: Annotated[date, Query()]) -> DeclarationOut:
    """Yearly wage declaration: JSON `{"rows": [{resident_id, wage}]}` or CSV; bad rows reported by line."""
    rows, first_line = (await csv_rows(request), 2) if is_csv(request) else (await json_rows(request), 1)
    check = await base_cases.declare_wages(c.members, c.bases, employer_id, year, rows, on, first_line=first_line)
    return DeclarationOut(accepted=len(check.valid), errors=[p.as_dict() for p in check.problems])


@router.put("/accounts/{employer_id}/bases/{year}/{resident_id}", response_model=BaseCorrected, **FILED_BY_THE_UNIT)
async def correct_base(employer_id: str, year: Year, resident_id: str, body: BaseCorrectionIn,
                       c: ContainerDep) -> BaseCorrected:
    """核对: a unit corrects a person's generated base from 1 April until 20 April inclusive (409 after)."""
    base = await base_cases.correct_base(c.members, c.bases, c.steps, c.policy, employer_id, year, resident_id,
                                         body.wage, body.on)
    return BaseCorrected(year=year, resident_id=resident_id, wage=str(body.wage), base=str(base))


@router.put("/average-wages/{year}", status_code=204, response_model=None, **OFFICER_ONLY)
async def set_average_wage(year: Year, body: WageIn, c: ContainerDep) -> None:
    """The city's average monthly wage of `year`: floor and ceiling of the next year's bases derive from it."""
    await base_cases.record_average_wage(c.bases, year, body.wage)
