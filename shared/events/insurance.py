"""Events insurance publishes: contribution accounts and collection (社会保险费征缴)."""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from shared.events.base import Event


class _AccountEvent(Event):
    producer: ClassVar[str] = "insurance"

    employer_id: str

    def subject(self) -> str:
        return self.employer_id


class AccountOpened(_AccountEvent):
    """A contribution account was opened for a newly registered employer."""

    type: ClassVar[str] = "insurance.account.opened"
    informational: ClassVar[str] = (
        "Registry learns nothing from it (the unit's registration already happened there, and its payment-account "
        "opening notice is registry's own step); the account is read through insurance's API "
        "(GET /api/v1/insurance/accounts/{employer_id}) by the unit, the officers and department systems.")

    opened_on: date


class ArrearsAssessed(_AccountEvent):
    """Insurance's answer to a deregistration request: what the unit still owes (all amounts in yuan, 2 decimals,
    as strings). `total` "0.00" lets registry deregister; anything above blocks it until `arrears.settled`."""

    type: ClassVar[str] = "insurance.arrears.assessed"
    consumers: ClassVar[tuple[str, ...]] = ("registry",)

    request_id: str
    contributions: str
    late_fees: str
    fines: str
    total: str
    as_of: date


class ArrearsSettled(_AccountEvent):
    """Everything the unit owed is paid; a blocked deregistration may complete."""

    type: ClassVar[str] = "insurance.arrears.settled"
    consumers: ClassVar[tuple[str, ...]] = ("registry",)

    settled_on: date


class CollectionEscalated(_AccountEvent):
    """Open arrears were handed on: `dunning` (催缴 by the agency), `audit` (稽核) or `labour_administration`
    (劳动和社会保障行政部门). `recovery` is true for a case opened after a forced deregistration."""

    type: ClassVar[str] = "insurance.collection.escalated"
    # insurance's escalation case records each hand-over (GET /api/v1/insurance/escalation-cases)
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)

    stage: str
    contributions: str  # open arrears in yuan, 2 decimals, as a string
    as_of: date
    recovery: bool = False


class MonthClosed(_AccountEvent):
    """One account's contribution month is closed (月末结账): what was due, paid and left as arrears."""

    type: ClassVar[str] = "insurance.month.closed"
    consumers: ClassVar[tuple[str, ...]] = ("registry",)  # its projection for the annual inspection

    period: str  # yyyy-mm
    headcount: int
    due: str
    paid: str
    arrears: str
    closed_on: date
    # what the annual inspection (年检, 第十九条第2、3项) compares the unit's declaration with; optional (additive)
    wage_base_total: str | None = None  # the month's contribution wage bases of the insured, summed (yuan, 2 dp)
    insurance_types: list[str] | None = None  # pension, unemployment, work_injury, maternity (as registry names them)


class MemberRemoved(_AccountEvent):
    """An insured person left the unit's account, and the agency issued the document of the removal's reason
    (征缴管理办法 第七条): `document` is `transfer_certificate` (表二十二), `retirement_settlement` (表二十三-1) or
    `one_off_settlement` (表二十三-2), read with its personal data through insurance's API by `document_id`. Also
    when a deregistered unit's insured people are separated (`reason` `transfer_out`)."""

    type: ClassVar[str] = "insurance.member.removed"
    informational: ClassVar[str] = (
        "No service of the platform acts on a person leaving a contribution account: workforce keeps its own "
        "workers, registry counts the insured from insurance.month.closed. The document is for the person and the "
        "next unit or agency, who read it through GET /api/v1/insurance/accounts/{employer_id}/transfer-documents/"
        "{document_id} (the officer through GET /api/v1/insurance/transfer-documents?resident_id=).")

    document_id: str
    document: str
    form: str  # 表二十二, 表二十三-1, 表二十三-2
    reason: str
    removed_on: date
    issued_on: date
