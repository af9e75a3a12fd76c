"""Insured persons of an account under /api/v1/insurance (additions and removals in the 5th–25th window), the
enrolment documents, and the documents that end an insured relationship (征缴管理办法 第七条)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId, ResidentId)
from services.insurance.adapters.member_schemas import (
    MemberDocumentsIn, MemberIn, MemberOut, RemovalIn, RemovalOut, TransferDocumentOut)
from services.insurance.application import accounts as account_cases
from services.insurance.application import members as member_cases
from services.insurance.domain.refusals import broken
from shared.access import allow
from shared.auth import Role
from shared.errors import NotFound
from shared.paging import PageOut, Paging

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])
DocumentId = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$",
                                 description="the document's id")]
Pending = Annotated[bool | None, Query(description="true: only those enrolled without their documents")]
Resident = Annotated[str | None, Query(min_length=15, max_length=18, description="居民身份证号码")]


@router.post("/accounts/{employer_id}/members", response_model=MemberOut, status_code=201, **FILED_BY_THE_UNIT)
async def add_member(employer_id: EmployerId, body: MemberIn, c: ContainerDep) -> MemberOut:
    """An addition (表十一) on its documents: the personal-information form 表二 (+ ID copy for someone never
    insured) or a transfer certificate 表二十二; refused for a deregistered unit or a lapsed certificate."""
    return MemberOut.of(await member_cases.add_member(c.accounts, c.members, c.transfer_documents, employer_id,
                                                      body.resident_id, body.name, body.on or c.today(),
                                                      body.filed()))


@router.post("/accounts/{employer_id}/members/{resident_id}/documents", response_model=MemberOut,
             **FILED_BY_THE_UNIT)
async def file_member_documents(employer_id: EmployerId, resident_id: ResidentId, body: MemberDocumentsIn,
                                c: ContainerDep) -> MemberOut:
    """The documents of a member enrolled without them (a community worker hired by event)."""
    return MemberOut.of(await member_cases.file_documents(c.members, c.transfer_documents, employer_id,
                                                          resident_id, body.filed()))


@router.post("/accounts/{employer_id}/members/{resident_id}/removal", response_model=RemovalOut,
             **FILED_BY_THE_UNIT)
async def remove_member(employer_id: EmployerId, resident_id: ResidentId, body: RemovalIn,
                        c: ContainerDep) -> RemovalOut:
    """A removal (表十二), answered with the document of its reason (表二十二, 表二十三-1 or 表二十三-2)."""
    return RemovalOut.of_removal(await member_cases.remove_member(c.members, c.transfer_documents, employer_id,
                                                                  resident_id, body.reason, body.on or c.today()))


@router.get("/accounts/{employer_id}/members", response_model=PageOut[MemberOut], **READ_OWN)
async def list_members(employer_id: EmployerId, c: ContainerDep, paging: Paging,
                       documents_pending: Pending = None) -> PageOut[MemberOut]:
    """The unit's insured persons, present and removed, by resident ID (`?documents_pending=true`: the present ones
    still owing their enrolment documents)."""
    await account_cases.existing_account(c.accounts, employer_id)
    if documents_pending:
        found = await c.members.pending_documents(paging.page, paging.size, employer_id)
    else:
        found = await c.members.of_employer_page(employer_id, paging.page, paging.size)
    return PageOut.of(found.items, found.total, paging, MemberOut.of)


@router.get("/members", response_model=PageOut[MemberOut], **OFFICER_ONLY)
async def list_all_members(c: ContainerDep, paging: Paging, documents_pending: Pending = None) -> PageOut[MemberOut]:
    """City-wide, by resident ID; `?documents_pending=true`: the insured enrolled without their documents (hires by
    event), for the officer to chase: officers only."""
    if documents_pending:
        found = await c.members.pending_documents(paging.page, paging.size)
    else:
        found = await c.members.page({}, paging.page, paging.size)
    return PageOut.of(found.items, found.total, paging, MemberOut.of)


@router.get("/accounts/{employer_id}/transfer-documents", response_model=PageOut[TransferDocumentOut], **READ_OWN)
async def list_transfer_documents(employer_id: EmployerId, c: ContainerDep,
                                  paging: Paging) -> PageOut[TransferDocumentOut]:
    """The documents the unit's removals issued (表二十二-1, the unit's list of persons transferred), by id."""
    await account_cases.existing_account(c.accounts, employer_id)
    found = await c.transfer_documents.listing(paging.page, paging.size, employer_id=employer_id)
    return PageOut.of(found.items, found.total, paging, TransferDocumentOut.of)


@router.get("/accounts/{employer_id}/transfer-documents/{document_id}", response_model=TransferDocumentOut,
            **READ_OWN)
async def get_transfer_document(employer_id: EmployerId, document_id: DocumentId,
                                c: ContainerDep) -> TransferDocumentOut:
    document = await c.transfer_documents.get(document_id)
    if document is None or document.employer_id != employer_id:
        message = f"no transfer document {document_id} for employer {employer_id}"
        raise NotFound(message, errors=broken("document_id", "unknown-transfer-document", message))
    return TransferDocumentOut.of(document)


@router.get("/transfer-documents", response_model=PageOut[TransferDocumentOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER))
async def list_all_transfer_documents(c: ContainerDep, paging: Paging,
                                      resident_id: Resident = None) -> PageOut[TransferDocumentOut]:
    """City-wide, e.g. a person's documents (`?resident_id=`) when the next unit enrols them: officers only."""
    found = await c.transfer_documents.listing(paging.page, paging.size, resident_id=resident_id)
    return PageOut.of(found.items, found.total, paging, TransferDocumentOut.of)
