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
    consumers: ClassVar[tuple[str, ...]] = ()  # the consuming service adds itself with its handler

    request_id: str
    contributions: str
    late_fees: str
    fines: str
    total: str
    as_of: date


class ArrearsSettled(_AccountEvent):
    """Everything the unit owed is paid; a blocked deregistration may complete."""

    type: ClassVar[str] = "insurance.arrears.settled"
    consumers: ClassVar[tuple[str, ...]] = ()  # the consuming service adds itself with its handler

    settled_on: date
