"""The annual inspection (年检) of a unit, and ops' lapse run for a year."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.access import OFFICER
from services.registry.adapters.routes.dependencies import ContainerDep, EmployerId
from services.registry.adapters.schemas import EmployerOut, InspectionIn, LapseIn, LapseOut
from services.registry.adapters.translators import employer_out
from services.registry.application import maintenance
from services.registry.application.commands import InspectEmployer, LapseUninspected
from shared.access import allow
from shared.auth import Role
from shared.params import Year

router = APIRouter(prefix="/api/v1/registry", tags=["registry: inspection and deregistration"])


@router.post("/employers/{employer_id}/inspections/{year}", response_model=EmployerOut,
             **allow(*OFFICER, employer="employer_id"))
async def inspect(employer_id: EmployerId, year: Year, body: InspectionIn, c: ContainerDep) -> EmployerOut:
    command = InspectEmployer(employer_id, year, tuple(body.insurance_types), body.insured_headcount,
                              str(body.wage_base_total), tuple(body.documents), body.on)
    return employer_out(await maintenance.inspect_employer(command, c.employers, c.today), c)


@router.post("/inspections/{year}/lapse", response_model=LapseOut, **allow(Role.OPS, *OFFICER))
async def lapse(year: Year, body: LapseIn, c: ContainerDep) -> LapseOut:
    lapsed = await maintenance.lapse_uninspected(LapseUninspected(year, body.as_of), c.employers, c.today,
                                                 c.inspection_deadline)
    return LapseOut(year=year, as_of=body.as_of, lapsed=lapsed)
