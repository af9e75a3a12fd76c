"""API shapes of insured persons: additions on their documents, removals and the documents they issue
(征缴管理办法 第七条)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.insurance.application.members import Removal
from services.insurance.domain.enrolment import EnrolmentDocument, Filed
from services.insurance.domain.members import Member, RemovalReason
from services.insurance.domain.transfers import TransferDocument
from shared.schemas import RequestBody


class MemberDocumentsIn(RequestBody):
    """The documents an addition is filed with (征缴管理办法 第七条): the personal-information form 表二 (and an ID
    copy when the person was never insured), or the transfer certificate 表二十二 named by its id."""

    documents: list[EnrolmentDocument] = Field(min_length=1, max_length=3)
    transfer_certificate_id: str | None = Field(None, min_length=1, max_length=100)

    def filed(self) -> Filed:
        return Filed(tuple(d.value for d in self.documents), self.transfer_certificate_id)


class MemberIn(MemberDocumentsIn):
    resident_id: str = Field(min_length=15, max_length=18)
    name: str = Field(min_length=1, max_length=100)
    on: date | None = None


class RemovalIn(RequestBody):
    reason: RemovalReason
    on: date | None = None


class MemberOut(BaseModel):
    resident_id: str
    employer_id: str
    name: str
    joined_on: date
    removed_on: date | None
    removal_reason: str | None
    documents: list[str] = Field(default_factory=list, description="the enrolment documents filed")
    transfer_certificate_id: str | None = None
    documents_pending: bool = Field(False, description="enrolled by event: the documents are still to be filed")

    @classmethod
    def of(cls, m: Member) -> "MemberOut":
        return cls(resident_id=m.resident_id, employer_id=m.employer_id, name=m.name, joined_on=m.joined_on,
                   removed_on=m.removed_on, removal_reason=m.removal_reason and m.removal_reason.value,
                   documents=list(m.documents), transfer_certificate_id=m.transfer_certificate_id,
                   documents_pending=m.documents_pending)


class TransferDocumentOut(BaseModel):
    """A document that ended an insured relationship: 表二十二 transfer certificate, 表二十三-1 retirement
    settlement or 表二十三-2 one-off settlement (征缴管理办法 第七条)."""

    document_id: str
    kind: str
    form: str
    title: str
    employer_id: str
    resident_id: str
    name: str
    reason: str
    insured_from: date
    insured_until: date
    issued_on: date

    @classmethod
    def of(cls, d: TransferDocument) -> "TransferDocumentOut":
        return cls(document_id=d.id, kind=d.kind.value, form=d.form, title=d.title, employer_id=d.employer_id,
                   resident_id=d.resident_id, name=d.name, reason=d.reason.value, insured_from=d.insured_from,
                   insured_until=d.insured_until, issued_on=d.issued_on)


class RemovalOut(MemberOut):
    """A removal: the member as removed, and the document issued for its reason."""

    transfer_document: TransferDocumentOut

    @classmethod
    def of_removal(cls, removal: Removal) -> "RemovalOut":
        return cls(**MemberOut.of(removal.member).model_dump(),
                   transfer_document=TransferDocumentOut.of(removal.document))
