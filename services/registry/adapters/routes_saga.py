"""Annual inspection, the lapse run, and the deregistration saga's officer / ops steps."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.routes import ContainerDep, employer_out
from services.registry.adapters.schemas import DeregistrationIn, EmployerOut, ForcedDeregistrationIn, InspectionIn, LapseIn
from services.registry.application import deregistration, maintenance
from services.registry.application.commands import (ForceDeregistration, InspectEmployer, LapseUninspected,
                                                     RequestDeregistration, RetryDeregistration)
from shared.params import Year

router = APIRouter(prefix="/api/v1/registry", tags=["registry: inspection and deregistration"])


@router.post("/employers/{employer_id}/inspections/{year}", response_model=EmployerOut)
async def inspect(employer_id: str, year: Year, body: InspectionIn, c: ContainerDep) -> EmployerOut:
    command = InspectEmployer(employer_id, year, tuple(body.insurance_types), body.insured_headcount,
                              body.wage_base_total, tuple(body.documents))
    return employer_out(await maintenance.inspect_employer(command, c.employers, c.today), c)


@router.post("/inspections/{year}/lapse")
async def lapse(year: Year, body: LapseIn, c: ContainerDep) -> dict:
    lapsed = await maintenance.lapse_uninspected(LapseUninspected(year, body.as_of), c.employers, c.today,
                                                 c.inspection_deadline)
    return {"year": year, "as_of": body.as_of.isoformat(), "lapsed": lapsed}


@router.post("/employers/{employer_id}/deregistration", status_code=202, response_model=EmployerOut)
async def request_deregistration(employer_id: str, body: DeregistrationIn, c: ContainerDep) -> EmployerOut:
    command = RequestDeregistration(employer_id, body.reason, body.event_date)
    return employer_out(await deregistration.request_deregistration(command, c.employers, c.today, c.now), c)


@router.post("/employers/{employer_id}/deregistration/retry", status_code=202, response_model=EmployerOut)
async def retry_deregistration(employer_id: str, c: ContainerDep) -> EmployerOut:
    command = RetryDeregistration(employer_id)
    return employer_out(await deregistration.retry_deregistration(command, c.employers, c.today, c.now), c)


@router.post("/employers/{employer_id}/deregistration/forced", response_model=EmployerOut)
async def force_deregistration(employer_id: str, body: ForcedDeregistrationIn, c: ContainerDep) -> EmployerOut:
    command = ForceDeregistration(employer_id, body.event_date)
    return employer_out(await deregistration.force_deregistration(command, c.employers, c.today), c)
