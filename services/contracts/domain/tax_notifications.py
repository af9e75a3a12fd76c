"""The tax authority's notifications (通报税务机关, 第十六条): one record per published contract event, kept in
an outbox the tax authority's system reads through the gateway and acknowledges.

What a notification says is exactly what the event said (`domain/publication.py`): for a classified contract
(有密级, 第十二条 特别保密措施) only the contract's id and type and the act's family (`changed`, `terminated`, …),
never its registration number, parties, amounts or which change it was — the tax office asks the registrar for
those through the confidential channel. The act is named as 第十六条 names it: a change (变更), a payment extension
(延期付款), an assignment (转让), a termination (解除), a revocation (被有关机关撤销), an invalidation (被宣布无效);
besides those, registration / filing (认定登记 / 备案, the basis of the relief), refusal and income verification
(技术性收入核定, 第十七条, the figures relief is computed from)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from shared.errors import Conflict, refusal

EVENT_ACTS = {"contracts.contract.registered": "registration", "contracts.contract.refused": "refusal",
              "contracts.contract.changed": "change", "contracts.contract.terminated": "termination",
              "contracts.contract.income_verified": "income_verification"}
"""The act of an event whose data names no finer one (and of every event of a classified contract)."""

FINER_ACT = ("change_kind", "termination_kind", "kind")
"""The event field that names the act more precisely, when the contract is not classified: a change's kind
(change / payment_extension / assignment), a termination's (termination / revocation / invalidation), and a
registration's (registration / filing)."""

OCCURRED_ON = ("effective_on", "registered_on", "refused_on", "verified_on")
"""The event field that dates the act."""

IDENTITY = ("contract_id", "contract_type", "registration_number")


@dataclass(frozen=True)
class Acknowledgement:
    by: str  # the department system's client id
    at: datetime


@dataclass(frozen=True)
class TaxNotification:
    id: str  # the event's id: a redelivered event never makes a second notification
    event_type: str
    act: str
    contract_id: str
    contract_type: str
    classified: bool
    recorded_at: datetime  # when the act was published (the event's time)
    registration_number: str | None = None
    occurred_on: date | None = None
    data: dict[str, Any] | None = None  # the event's other facts (amounts, parties, reasons); none when classified
    acknowledgement: Acknowledgement | None = None

    @property
    def acknowledged(self) -> bool:
        return self.acknowledgement is not None


def notification_of(event_id: str, event_type: str, data: dict[str, Any], published_at: datetime
                    ) -> TaxNotification:
    """The notification of one published event (`data` as published, JSON values). A classified contract's event
    carries no registration number and no details (the producer leaves them out, 第十二条): that is how it is told
    apart, and the notification then names the act's family only."""
    classified = data.get("registration_number") is None and not any(
        data.get(name) is not None for name in data if name not in IDENTITY)
    finer = next((data[name] for name in FINER_ACT if data.get(name)), None)
    act = EVENT_ACTS[event_type] if classified or finer is None else finer
    occurred = next((data[name] for name in OCCURRED_ON if data.get(name)), None)
    facts = {k: v for k, v in data.items() if k not in IDENTITY and k not in FINER_ACT and k not in OCCURRED_ON
             and v is not None}
    return TaxNotification(
        id=event_id, event_type=event_type, act=act, contract_id=data["contract_id"],
        contract_type=data["contract_type"], classified=classified, recorded_at=published_at,
        registration_number=data.get("registration_number"),
        occurred_on=date.fromisoformat(occurred) if isinstance(occurred, str) else occurred,
        data=None if classified else facts)


def acknowledge(notification: TaxNotification, client_id: str, at: datetime) -> TaxNotification:
    """The tax authority marks the notification read. Once: acknowledging it again by the same system changes
    nothing (a retried call); another system's acknowledgement of one already read is a 409 naming who read it."""
    if notification.acknowledgement is not None:
        if notification.acknowledgement.by == client_id:
            return notification
        message = f"notification {notification.id} was acknowledged by {notification.acknowledgement.by}"
        raise Conflict(message, errors=[refusal("notification_id", "acknowledged-once", message,
                                                acknowledged_by=notification.acknowledgement.by)])
    return replace(notification, acknowledgement=Acknowledgement(client_id, at))
