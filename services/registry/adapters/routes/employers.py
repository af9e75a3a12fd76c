"""Employers: direct registration, look-ups, certificate, timeline, changes, reissue."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.routes.dependencies import ContainerDep, DistrictCode, EmployerId, Paged
from services.registry.adapters.place_imports import rows_of
from services.registry.adapters.place_schemas import ImportOut
from services.registry.adapters.schemas import (CertificateOut, ChangeIn, EmployerImportRow, EmployerIn, EmployerOut,
                                                ReissueIn, TimelineEntryOut)
from services.registry.adapters.translators import employer_out
from services.registry.application import maintenance, registration
from services.registry.application.commands import ChangeRegisteredFacts, RegisterEmployer, ReissueCertificate
from services.registry.domain.employer import ImportedRegistration
from services.registry.domain.model import EmployerStatus
from shared.access import allow
from shared.paging import PageOut

router = APIRouter(prefix="/api/v1/registry", tags=["registry"])


@router.post("/employers", status_code=201, response_model=EmployerOut, **allow(*OFFICER))
async def register_employer(body: EmployerIn, c: ContainerDep) -> EmployerOut:
    """The officer's direct registration: registered and certified at once (on `on`, else today in Beijing)."""
    command = RegisterEmployer(name=body.name, uscc=body.uscc, district_code=body.district_code, on=body.on)
    return employer_out(await registration.register_employer(command, c.employers, c.certificates, c.today), c)


@router.post("/employers/import", response_model=ImportOut,
             summary="Bulk import of registered units with their certificates (CSV with a header, or a JSON array); "
                     "per-line errors, valid rows kept", **allow(*OFFICER))
async def import_employers(request: Request, c: ContainerDep) -> ImportOut:
    """The earlier register's units, registered with the certificate they hold: same number (第十五条), old
    110103 崇文 / 110104 宣武 certificates accepted (never issued again); each announced as registered."""
    valid, errors, received = await rows_of(request, EmployerImportRow)
    rows = [(n, ImportedRegistration(**r.model_dump())) for n, r in valid]
    return ImportOut.of(await registration.import_registered(rows, received, errors, c.employers, c.certificates,
                                                             c.today))


@router.get("/employers", response_model=PageOut[EmployerOut], **allow(*READERS))
async def search_employers(c: ContainerDep, paging: Paged,
                           name: Annotated[str | None, Query(min_length=1, max_length=200,
                                                             description="part of the registered name")] = None,
                           uscc: Annotated[str | None, Query(min_length=18, max_length=18)] = None,
                           district_code: DistrictCode = None, status: EmployerStatus | None = None
                           ) -> PageOut[EmployerOut]:
    """Every filter is served by an index (bench/registry_search.py)."""
    found = await c.employers.search(paging=paging, name=name, uscc=uscc, district=district_code, status=status)
    return PageOut[EmployerOut].of(found.items, found.total, paging, lambda e: employer_out(e, c))


@router.get("/employers/{employer_id}", response_model=EmployerOut, **allow(*READERS, employer="employer_id"))
async def get_employer(employer_id: EmployerId, c: ContainerDep) -> EmployerOut:
    return employer_out(await registration.employer(employer_id, c.employers), c)


@router.get("/employers/{employer_id}/certificate", response_model=CertificateOut,
            **allow(*READERS, employer="employer_id"))
async def get_certificate(employer_id: EmployerId, c: ContainerDep) -> CertificateOut:
    return CertificateOut.of(await registration.employer(employer_id, c.employers))


@router.get("/employers/{employer_id}/events", response_model=PageOut[TimelineEntryOut],
            **allow(*READERS, employer="employer_id"))
async def get_timeline(employer_id: EmployerId, c: ContainerDep, paging: Paged) -> PageOut[TimelineEntryOut]:
    """The unit's timeline, oldest first."""
    timeline = (await registration.employer(employer_id, c.employers)).timeline
    return PageOut[TimelineEntryOut].of(timeline[paging.skip:paging.skip + paging.size], len(timeline), paging,
                                        TimelineEntryOut.of)


@router.post("/employers/{employer_id}/changes", response_model=EmployerOut, **allow(*OFFICER, employer="employer_id"))
async def change_registered_facts(employer_id: EmployerId, body: ChangeIn, c: ContainerDep) -> EmployerOut:
    command = ChangeRegisteredFacts(employer_id, body.new_values, body.change_date, tuple(body.documents), body.on)
    return employer_out(await maintenance.change_registered_facts(command, c.employers, c.today), c)


@router.post("/employers/{employer_id}/certificate/reissue", response_model=CertificateOut,
             **allow(*OFFICER, employer="employer_id"))
async def reissue_certificate(employer_id: EmployerId, body: ReissueIn, c: ContainerDep) -> CertificateOut:
    command = ReissueCertificate(employer_id, body.statement, body.on)
    return CertificateOut.of(await maintenance.reissue_certificate(command, c.employers, c.today))
