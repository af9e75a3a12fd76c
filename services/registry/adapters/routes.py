from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.registry.adapters.schemas import EmployerIn, EmployerOut
from services.registry.application import handlers
from services.registry.application.commands import RegisterEmployer
from services.registry.bootstrap import Container
from shared.errors import NotFound
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/registry", tags=["registry"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.post("/employers", status_code=201, response_model=EmployerOut)
async def register_employer(body: EmployerIn, c: ContainerDep) -> EmployerOut:
    command = RegisterEmployer(name=body.name, uscc=body.uscc, district_code=body.district_code)
    return EmployerOut.of(await handlers.register_employer(command, c.employers, c.today))


@router.get("/employers/{employer_id}", response_model=EmployerOut)
async def get_employer(employer_id: str, c: ContainerDep) -> EmployerOut:
    employer = await c.employers.get(employer_id)
    if employer is None:
        raise NotFound(f"no employer {employer_id}")
    return EmployerOut.of(employer)
