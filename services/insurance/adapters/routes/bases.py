"""Wage bases under /api/v1/insurance: a unit's yearly declaration, the bases of an account, corrections, average
wages (the generation is a job: `routes/jobs.py`)."""
from __future__ import annotations

from fastapi import APIRouter, Request

from services.insurance.adapters.cycle_schemas import (
    BaseCorrected, BaseCorrectionIn, BaseOut, DeclarationIn, DeclarationOut, WageIn)
from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId, ResidentId)
from services.insurance.adapters.translators import csv_rows, is_csv, json_body, json_or_csv
from services.insurance.application import bases as base_cases
from services.insurance.application import listings
from shared.paging import PageOut, Paging
from shared.params import Year

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance cycle"])


@router.post("/accounts/{employer_id}/bases/{year}", response_model=DeclarationOut,
             **json_or_csv(DeclarationIn, FILED_BY_THE_UNIT))
async def declare_wages(employer_id: EmployerId, year: Year, request: Request, c: ContainerDep) -> DeclarationOut:
    """Yearly wage declaration: JSON `{"on", "rows": [{resident_id, wage}]}`, or the rows as CSV (filed today in
    Beijing); bad rows reported by line."""
    if is_csv(request):
        rows, on, first_line = await csv_rows(request), c.today(), 2
    else:
        body = await json_body(request, DeclarationIn)
        rows, on, first_line = body.rows, body.on or c.today(), 1
    check = await base_cases.declare_wages(c.members, c.bases, employer_id, year, rows, on, first_line=first_line)
    return DeclarationOut(accepted=len(check.valid), errors=[p.as_dict() for p in check.problems])


@router.get("/accounts/{employer_id}/bases/{year}", response_model=PageOut[BaseOut], **READ_OWN)
async def list_bases(employer_id: EmployerId, year: Year, c: ContainerDep, paging: Paging) -> PageOut[BaseOut]:
    """The contribution bases of `year` (generated on 1 April, with the check's corrections) of the unit's insured
    persons, by resident ID."""
    found = await listings.account_bases(c.accounts, c.members, c.bases, employer_id, year, paging.page, paging.size)
    return PageOut.of(found.items, found.total_count, paging,
                      lambda b: BaseOut(resident_id=b.member.resident_id, name=b.member.name, year=year, base=b.base,
                                        corrected=b.corrected))


@router.put("/accounts/{employer_id}/bases/{year}/{resident_id}", response_model=BaseCorrected, **FILED_BY_THE_UNIT)
async def correct_base(employer_id: EmployerId, year: Year, resident_id: ResidentId, body: BaseCorrectionIn,
                       c: ContainerDep) -> BaseCorrected:
    """核对: a unit corrects a person's generated base from 1 April until 20 April inclusive (409 after)."""
    base = await base_cases.correct_base(c.members, c.bases, c.steps, c.policy, employer_id, year, resident_id,
                                         body.wage, body.on or c.today())
    return BaseCorrected(year=year, resident_id=resident_id, wage=body.wage, base=base)


@router.put("/average-wages/{year}", status_code=204, response_model=None, **OFFICER_ONLY)
async def set_average_wage(year: Year, body: WageIn, c: ContainerDep) -> None:
    """The city's average monthly wage of `year`: floor and ceiling of the next year's bases derive from it."""
    await base_cases.record_average_wage(c.bases, year, body.wage)
