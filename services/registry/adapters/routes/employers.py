"""Employers: direct registration, look-ups, certificate, timeline, changes, reissue."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.routes.dependencies import ContainerDep, PageSize
from services.registry.adapters.schemas import (CertificateOut, ChangeIn, EmployerIn, EmployerOut, PageOut,
                                                ReissueIn, TimelineEntryOut)
from services.registry.adapters.translators import employer_out
from services.registry.application import maintenance, registration
from services.registry.application.commands import ChangeRegisteredFacts, RegisterEmployer, ReissueCertificate
from shared.access import allow
from shared.params import PageNumber

router = APIRouter(prefix="/api/v1/registry", tags=["registry"])


@router.post("/employers", status_code=201, response_model=EmployerOut, **allow(*OFFICER))
async def register_employer(body: EmployerIn, c: ContainerDep) -> EmployerOut:
    """The officer's direct registration: registered and certified at once."""
    command = RegisterEmployer(name=body.name, uscc=body.uscc, district_code=body.district_code)
    return employer_out(await registration.register_employer(command, c.employers, c.certificates, c.today), c)


@router.get("/employers", response_model=PageOut, **allow(*READERS))
async def search_employers(c: ContainerDep, name: str | None = None, uscc: str | None = None,
                           district: str | None = None, status: str | None = None,
                           page: PageNumber = 1, size: PageSize = 20) -> PageOut:
    found = await c.employers.search(name=name, uscc=uscc, district=district, status=status, page=page, size=size)
    return PageOut(items=[employer_out(e, c) for e in found.items], total=found.total, page=page, size=size)


@router.get("/employers/{employer_id}", response_model=EmployerOut, **allow(*READERS, employer="employer_id"))
async def get_employer(employer_id: str, c: ContainerDep) -> EmployerOut:
    return employer_out(await registration.employer(employer_id, c.employers), c)


@router.get("/employers/{employer_id}/certificate", response_model=CertificateOut,
            **allow(*READERS, employer="employer_id"))
async def get_certificate(employer_id: str, c: ContainerDep) -> CertificateOut:
    return CertificateOut.of(await registration.employer(employer_id, c.employers))


@router.get("/employers/{employer_id}/events", response_model=list[TimelineEntryOut],
            **allow(*READERS, employer="employer_id"))
async def get_timeline(employer_id: str, c: ContainerDep) -> list[TimelineEntryOut]:
    return [TimelineEntryOut.of(entry) for entry in (await registration.employer(employer_id, c.employers)).timeline]


@router.post("/employers/{employer_id}/changes", response_model=EmployerOut, **allow(*OFFICER, employer="employer_id"))
async def change_registered_facts(employer_id: str, body: ChangeIn, c: ContainerDep) -> EmployerOut:
    command = ChangeRegisteredFacts(employer_id, body.changes, body.change_date, tuple(body.documents))
    return employer_out(await maintenance.change_registered_facts(command, c.employers, c.today), c)


@router.post("/employers/{employer_id}/certificate/reissue", response_model=CertificateOut,
             **allow(*OFFICER, employer="employer_id"))
async def reissue_certificate(employer_id: str, body: ReissueIn, c: ContainerDep) -> CertificateOut:
    command = ReissueCertificate(employer_id, body.statement)
    return CertificateOut.of(await maintenance.reissue_certificate(command, c.employers, c.today))
