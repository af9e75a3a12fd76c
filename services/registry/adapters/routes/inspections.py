"""The annual inspection (年检) of a unit (ops' lapse run for a year is a job: `routes/jobs.py`)."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.access import OFFICER
from services.registry.adapters.routes.dependencies import ContainerDep, EmployerId
from services.registry.adapters.schemas import EmployerOut, InspectionIn
from services.registry.adapters.translators import employer_out
from services.registry.application import maintenance
from services.registry.application.commands import InspectEmployer
from shared.access import allow
from shared.params import Year

router = APIRouter(prefix="/api/v1/registry", tags=["registry: inspection and deregistration"])


@router.post("/employers/{employer_id}/inspections/{year}", response_model=EmployerOut,
             **allow(*OFFICER, employer="employer_id"))
async def inspect(employer_id: EmployerId, year: Year, body: InspectionIn, c: ContainerDep) -> EmployerOut:
    command = InspectEmployer(employer_id, year, tuple(body.insurance_types), body.insured_headcount,
                              str(body.wage_base_total), tuple(body.documents), body.on,
                              None if body.contributions_paid is None else str(body.contributions_paid))
    return employer_out(await maintenance.inspect_employer(command, c.employers, c.today), c)

