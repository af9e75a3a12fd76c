"""Events registry publishes: employers' social-insurance registration (社会保险登记) and its certificates.

What a consumer in another department needs (USCC, certificate number, district, unit type, dates) — no personal
data beyond that.
"""
from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from shared.events.base import Event

DeregistrationReason = Literal["dissolution", "bankruptcy", "revocation", "merger", "licence_revoked", "other"]


class _EmployerEvent(Event):
    producer: ClassVar[str] = "registry"

    employer_id: str

    def subject(self) -> str:
        return self.employer_id


class EmployerRegistered(_EmployerEvent):
    """A unit is registered for social insurance (社会保险登记) and may now have a contribution account."""

    type: ClassVar[str] = "registry.employer.registered"
    consumers: ClassVar[tuple[str, ...]] = ("insurance", "contracts", "workforce")

    name: str
    uscc: str
    district_code: str
    registered_on: date
    certificate_number: str | None = None
    unit_type: str | None = None


class EmployerChanged(_EmployerEvent):
    """Registered facts changed (变更登记); `changes` maps each changed field to its new value."""

    type: ClassVar[str] = "registry.employer.changed"
    consumers: ClassVar[tuple[str, ...]] = ("contracts", "insurance")

    uscc: str
    certificate_number: str | None = None
    changes: dict[str, str]
    changed_on: date
    district_code: str | None = None
    unit_type: str | None = None


class DeregistrationRequested(_EmployerEvent):
    """The unit asked to deregister (注销登记); insurance answers with `insurance.arrears.assessed`."""

    type: ClassVar[str] = "registry.employer.deregistration_requested"
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)

    request_id: str
    uscc: str
    reason: DeregistrationReason
    event_date: date
    requested_on: date
    certificate_number: str | None = None
    district_code: str | None = None
    unit_type: str | None = None


class DeregistrationBlocked(_EmployerEvent):
    """Deregistration waits until contributions, late fees and fines are settled."""

    type: ClassVar[str] = "registry.employer.deregistration_blocked"
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)  # the blocked unit is dunned: its escalation case opens

    request_id: str
    uscc: str
    total_due: str  # yuan, 2 decimals, as a string (money is never float)
    as_of: date
    certificate_number: str | None = None
    district_code: str | None = None


class EmployerDeregistered(_EmployerEvent):
    """The unit is deregistered and its certificate recalled. `forced` when the licence was revoked regardless
    of arrears: insurance then opens a recovery case."""

    type: ClassVar[str] = "registry.employer.deregistered"
    # insurance closes the account (recovery case when forced); contracts holds the unit's open applications;
    # registry itself revokes the unit's enterprise technology centre
    consumers: ClassVar[tuple[str, ...]] = ("insurance", "contracts", "registry", "workforce")

    uscc: str
    certificate_number: str | None = None
    district_code: str
    reason: DeregistrationReason
    forced: bool = False
    deregistered_on: date
    unit_type: str | None = None


class CertificateLapsed(_EmployerEvent):
    """The annual inspection (年检) was not done by the deadline: the certificate lapses."""

    type: ClassVar[str] = "registry.certificate.lapsed"
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)  # the account is marked lapsed (its additions blocked)

    uscc: str
    certificate_number: str
    year: int
    lapsed_on: date
    district_code: str | None = None
    unit_type: str | None = None


class CertificateRestored(_EmployerEvent):
    """A lapsed certificate is valid again: the unit passed the annual inspection (年检) of the year it lapsed for,
    late (第十八、二十条)."""

    type: ClassVar[str] = "registry.certificate.restored"
    consumers: ClassVar[tuple[str, ...]] = ("insurance",)  # the account's certificate is valid again

    uscc: str
    certificate_number: str
    year: int
    restored_on: date
    district_code: str | None = None
    unit_type: str | None = None
