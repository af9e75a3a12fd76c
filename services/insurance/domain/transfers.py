"""The documents that end an insured relationship (参保人员减少), issued by the agency by the removal's reason.

征缴管理办法 第七条: 社保经(代)办机构根据减少原因打印《北京市社会保险关系转移证明》(表二十二)、《人员转移情况表》
(表二十二-1)、《养老保险个人账户退休清算单》(表二十三-1)、《社会保险一次性领取清算单》(表二十三-2)、《退休人员
养老保险个人账户清算单》(表二十三-3). One document per membership that ends, by reason:

- transfer out (and a deregistered unit's insured, and "other"): the transfer certificate 表二十二 — the person takes
  the insured record to the next unit, which enrols them on it;
- retirement: the retirement settlement of the pension individual account 表二十三-1;
- one-off withdrawal: the one-off settlement 表二十三-2;
- death: the one-off settlement 表二十三-2 as well (where the regulation is silent: the individual account's balance
  is paid out once to the heirs, Social Insurance Law art. 14).

表二十二-1 (the unit's list of persons transferred) is the listing of a unit's documents; 表二十三-3 settles the
account of a person already retired, whom no unit removes, so no removal issues it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.insurance.domain.members import Member, RemovalReason

_NAMESPACE = uuid.UUID("6f1c1f3e-3b5e-4f57-9a0e-6b7b1d1a2c22")


class DocumentKind(StrEnum):
    TRANSFER_CERTIFICATE = "transfer_certificate"      # 表二十二 北京市社会保险关系转移证明
    RETIREMENT_SETTLEMENT = "retirement_settlement"    # 表二十三-1 北京市养老保险个人账户退休清算单
    ONE_OFF_SETTLEMENT = "one_off_settlement"          # 表二十三-2 北京市社会保险一次性领取清算单


FORMS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.TRANSFER_CERTIFICATE: ("表二十二", "北京市社会保险关系转移证明"),
    DocumentKind.RETIREMENT_SETTLEMENT: ("表二十三-1", "北京市养老保险个人账户退休清算单"),
    DocumentKind.ONE_OFF_SETTLEMENT: ("表二十三-2", "北京市社会保险一次性领取清算单"),
}

BY_REASON: dict[RemovalReason, DocumentKind] = {
    RemovalReason.TRANSFER_OUT: DocumentKind.TRANSFER_CERTIFICATE,
    RemovalReason.RETIREMENT: DocumentKind.RETIREMENT_SETTLEMENT,
    RemovalReason.ONE_OFF_WITHDRAWAL: DocumentKind.ONE_OFF_SETTLEMENT,
    RemovalReason.DEATH: DocumentKind.ONE_OFF_SETTLEMENT,
    RemovalReason.OTHER: DocumentKind.TRANSFER_CERTIFICATE,
}


@dataclass(frozen=True)
class TransferDocument:
    """One issued document: who, which unit, the insured period that ends, and the form."""

    id: str
    kind: DocumentKind
    employer_id: str
    resident_id: str
    name: str
    reason: RemovalReason
    insured_from: date
    insured_until: date
    issued_on: date

    @property
    def form(self) -> str:
        return FORMS[self.kind][0]

    @property
    def title(self) -> str:
        return FORMS[self.kind][1]


def document_id(employer_id: str, resident_id: str, joined_on: date) -> str:
    """The same membership always ends with the same document id: issuing it twice writes it once."""
    return str(uuid.uuid5(_NAMESPACE, f"{employer_id}:{resident_id}:{joined_on.isoformat()}"))


def issue_document(member: Member, issued_on: date) -> TransferDocument:
    """The document of a removed member's reason (第七条), for the membership that ended."""
    if member.removed_on is None or member.removal_reason is None:
        raise ValueError(f"{member.resident_id} is still insured: no document ends the membership")
    return TransferDocument(document_id(member.employer_id, member.resident_id, member.joined_on),
                            BY_REASON[member.removal_reason], member.employer_id, member.resident_id, member.name,
                            member.removal_reason, member.joined_on, member.removed_on, issued_on)
