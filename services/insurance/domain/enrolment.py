"""The documents a new insured person is enrolled on (参保人员增加, 征缴管理办法 第七条).

参保单位新增参保人员时,应填写《参保人员增加表》(表十一),并附《个人信息登记表》(表二)(新参保人员还须身份证复印件)
或《社会保险关系转移证明》(表二十二)…: either the personal-information form — with a copy of the ID card when the
person was never insured before — or the transfer certificate the agency issued when the person left the last unit.

Recorded on the member: the documents named, and the transfer certificate's id. A transfer certificate must be one
this agency issued (表二十二 is the city's own form; `transfers`), to this person, and be a transfer certificate
(a settlement closes an account, it transfers nothing). Where the regulation is silent: someone with an earlier
insured record here is not a 新参保人员, so the form alone suffices for them.

An enrolment that arrives as `workforce.worker.hired` carries no documents (workforce's hire has none of these
forms): the worker is enrolled at once, marked `documents_pending`, listed for the officer
(`GET /members?documents_pending=true`) and completed by the unit (`POST …/members/{resident_id}/documents`); the
event is never parked for paperwork the street office files afterwards.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from services.insurance.domain.members import Member
from services.insurance.domain.refusals import MEMBERSHIP_WINDOW
from services.insurance.domain.transfers import DocumentKind, TransferDocument
from shared.errors import Conflict, InvalidInput, refusal

MEMBER_DOCUMENTS = MEMBERSHIP_WINDOW  # 第七条 names the documents as well as the window


class EnrolmentDocument(StrEnum):
    PERSONAL_INFORMATION_FORM = "personal_information_form"  # 表二 北京市社会保险个人信息登记表
    ID_COPY = "id_copy"                                      # 身份证复印件 (新参保人员)
    TRANSFER_CERTIFICATE = "transfer_certificate"            # 表二十二 北京市社会保险关系转移证明


@dataclass(frozen=True)
class Filed:
    """What an addition is filed with: the documents named and, with a transfer certificate, its id."""

    documents: tuple[str, ...]
    transfer_certificate_id: str | None = None


def _refuse(field: str, rule: str, message: str) -> InvalidInput:
    return InvalidInput(message, errors=[refusal(field, rule, message, article=MEMBER_DOCUMENTS)])


def check_documents(filed: Filed, resident_id: str, insured_before: bool,
                    certificate: TransferDocument | None) -> Filed:
    """The documents suffice (第七条), or a 422 naming the rule and the article. `certificate` is the document
    `filed.transfer_certificate_id` names, looked up (None: no such document)."""
    named = set(filed.documents)
    if EnrolmentDocument.TRANSFER_CERTIFICATE in named:
        _check_certificate(filed.transfer_certificate_id, resident_id, certificate)
    elif EnrolmentDocument.PERSONAL_INFORMATION_FORM in named:
        if not insured_before and EnrolmentDocument.ID_COPY not in named:
            raise _refuse("documents", "id-copy-required", f"{resident_id} was never insured: the personal-"
                          "information form (表二) needs a copy of the ID card (新参保人员还须身份证复印件)")
    else:
        raise _refuse("documents", "enrolment-documents", "a new insured person is added with the personal-"
                      "information form (表二, and an ID copy when never insured) or a transfer certificate (表二十二)")
    return Filed(tuple(sorted(named)), filed.transfer_certificate_id if certificate is not None else None)


def _check_certificate(certificate_id: str | None, resident_id: str, certificate: TransferDocument | None) -> None:
    if not certificate_id:
        raise _refuse("transfer_certificate_id", "required", "a transfer certificate is named by its id")
    if certificate is None:
        raise _refuse("transfer_certificate_id", "unknown-transfer-certificate",
                      f"no transfer certificate {certificate_id} was issued")
    if certificate.resident_id != resident_id or certificate.kind is not DocumentKind.TRANSFER_CERTIFICATE:
        raise _refuse("transfer_certificate_id", "transfer-certificate-of-person",
                      f"document {certificate_id} is not a transfer certificate of {resident_id}")


class DocumentsFiled(Conflict):
    code = "documents-filed"
    title = "The member's enrolment documents are already filed"


def file_documents(member: Member, filed: Filed) -> Member:
    """Completes an enrolment made without documents (a hire by event); once complete they are not re-filed."""
    if not member.documents_pending:
        message = f"{member.resident_id} was enrolled with its documents"
        raise DocumentsFiled(message, errors=[refusal("documents", "filed-once", message,
                                                      article=MEMBER_DOCUMENTS)])
    return replace(member, documents=filed.documents, transfer_certificate_id=filed.transfer_certificate_id,
                   documents_pending=False)
