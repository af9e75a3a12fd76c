"""The deregistration saga (注销登记): the unit (or an officer) requests it, ops or an officer re-send it to insurance,
only an officer forces it (licence revoked, 吊销) — never the unit itself."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.access import OFFICER
from services.registry.adapters.routes.dependencies import ContainerDep, EmployerId
from services.registry.adapters.schemas import DeregistrationIn, EmployerOut, ForcedDeregistrationIn
from services.registry.adapters.translators import employer_out
from services.registry.application import deregistration
from services.registry.application.commands import ForceDeregistration, RequestDeregistration, RetryDeregistration
from shared.access import allow
from shared.auth import Role

router = APIRouter(prefix="/api/v1/registry/employers/{employer_id}/deregistration",
                   tags=["registry: inspection and deregistration"])


@router.post("", status_code=202, response_model=EmployerOut, **allow(*OFFICER, employer="employer_id"))
async def request_deregistration(employer_id: EmployerId, body: DeregistrationIn, c: ContainerDep) -> EmployerOut:
    command = RequestDeregistration(employer_id, body.reason, body.event_date, body.on)
    return employer_out(await deregistration.request_deregistration(command, c.employers, c.today, c.now), c)


@router.post("/retry", status_code=202, response_model=EmployerOut, **allow(Role.OPS, *OFFICER))
async def retry_deregistration(employer_id: EmployerId, c: ContainerDep) -> EmployerOut:
    command = RetryDeregistration(employer_id)
    return employer_out(await deregistration.retry_deregistration(command, c.employers, c.today, c.now), c)


@router.post("/forced", response_model=EmployerOut, **allow(*OFFICER))
async def force_deregistration(employer_id: EmployerId, body: ForcedDeregistrationIn, c: ContainerDep) -> EmployerOut:
    command = ForceDeregistration(employer_id, body.event_date, on=body.on)
    return employer_out(await deregistration.force_deregistration(command, c.employers, c.today), c)
