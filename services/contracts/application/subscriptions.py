"""Catalog events contracts handles, and with what (kept in step with shared.events.routing).

Its own events too: each is a notification to the tax authority (第十六条), kept in the outbox the tax authority's
system reads (`application/tax_notifications.py`).

Not `registry.certificate.lapsed`: no act of contract registration depends on a party's valid social-insurance
registration certificate. 第三条 asks only that a contract be registered once in the seller's locality, 第四条 and
第十三条 list what a registrar checks and why it refuses, and none names the certificate (a university, an institute
or an out-of-town buyer is a party registry never knows); a deregistered unit, which no longer exists as a party,
is what holds an application (`registry.employer.deregistered`)."""
from __future__ import annotations

from services.contracts.application.registration_events import party_deregistered, unit_known
from services.contracts.application.tax_notifications import notify_tax_authority
from shared.events.contracts import (ContractChanged, ContractRefused, ContractRegistered, ContractTerminated,
                                     IncomeVerified)
from shared.events.registry import EmployerChanged, EmployerDeregistered, EmployerRegistered

SUBSCRIPTIONS = {
    EmployerDeregistered: party_deregistered,
    EmployerRegistered: unit_known,
    EmployerChanged: unit_known,
    ContractRegistered: notify_tax_authority,
    ContractRefused: notify_tax_authority,
    ContractChanged: notify_tax_authority,
    ContractTerminated: notify_tax_authority,
    IncomeVerified: notify_tax_authority,
}
