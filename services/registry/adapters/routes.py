"""Employers: direct registration, look-ups, certificate, timeline, changes, reissue."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.registry.adapters.schemas import (CertificateOut, ChangeIn, EmployerIn, EmployerOut, PageOut,
                                                ReissueIn)
from services.registry.application import handlers, maintenance
from services.registry.application.commands import ChangeRegisteredFacts, RegisterEmployer, ReissueCertificate
from services.registry.bootstrap import Container
from services.registry.domain.deregistration import is_awaiting_insurance
from services.registry.domain.model import Employer
from shared.errors import NotFound
from shared.params import PageNumber
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/registry", tags=["registry"])
ContainerDep = Annotated[Container, Depends(container_of)]


def employer_out(employer: Employer, c: Container) -> EmployerOut:
    return EmployerOut.of(employer, is_awaiting_insurance(employer, c.now(), c.rules.insurance_answer_time))


async def existing(employer_id: str, c: Container) -> Employer:
    employer = await c.employers.get(employer_id)
    if employer is None:
        raise NotFound(f"no employer {employer_id}")
    return employer


@router.post("/employers", status_code=201, response_model=EmployerOut)
async def register_employer(body: EmployerIn, c: ContainerDep) -> EmployerOut:
    """The officer's direct registration: registered and certified at once."""
    command = RegisterEmployer(name=body.name, uscc=body.uscc, district_code=body.district_code)
    return employer_out(await handlers.register_employer(command, c.employers, c.certificates, c.today), c)


@router.get("/employers", response_model=PageOut)
async def search_employers(c: ContainerDep, name: str | None = None, uscc: str | None = None,
                           district: str | None = None, status: str | None = None,
                           page: PageNumber = 1, size: Annotated[int, Query(ge=1, le=100)] = 20
                           ) -> PageOut:
    found = await c.employers.search(name=name, uscc=uscc, district=district, status=status, page=page, size=size)
    return PageOut(items=[employer_out(e, c) for e in found.items], total=found.total, page=page, size=size)


@router.get("/employers/{employer_id}", response_model=EmployerOut)
async def get_employer(employer_id: str, c: ContainerDep) -> EmployerOut:
    return employer_out(await existing(employer_id, c), c)


@router.get("/employers/{employer_id}/certificate", response_model=CertificateOut)
async def get_certificate(employer_id: str, c: ContainerDep) -> CertificateOut:
    certificate = (await existing(employer_id, c)).certificate
    if certificate is None:
        raise NotFound(f"employer {employer_id} has no certificate yet")
    current = certificate.current
    return CertificateOut(number=certificate.number, status=certificate.status.value, version=current.version,
                          issued_on=current.issued_on, current=current.model_dump(mode="json"),
                          history=[p.model_dump(mode="json") for p in certificate.printings[:-1]])


@router.get("/employers/{employer_id}/events")
async def get_timeline(employer_id: str, c: ContainerDep) -> list[dict]:
    return [entry.model_dump(mode="json") for entry in (await existing(employer_id, c)).timeline]


@router.post("/employers/{employer_id}/changes", response_model=EmployerOut)
async def change_registered_facts(employer_id: str, body: ChangeIn, c: ContainerDep) -> EmployerOut:
    command = ChangeRegisteredFacts(employer_id, body.changes, body.change_date, tuple(body.documents))
    return employer_out(await maintenance.change_registered_facts(command, c.employers, c.today), c)


@router.post("/employers/{employer_id}/certificate/reissue", response_model=CertificateOut)
async def reissue_certificate(employer_id: str, body: ReissueIn, c: ContainerDep) -> CertificateOut:
    await maintenance.reissue_certificate(ReissueCertificate(employer_id, body.statement), c.employers, c.today)
    return await get_certificate(employer_id, c)
