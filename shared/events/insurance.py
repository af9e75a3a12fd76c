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
