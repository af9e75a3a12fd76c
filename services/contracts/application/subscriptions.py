"""Catalog events contracts handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.contracts.application.registration_events import party_deregistered, unit_known
from shared.events.registry import EmployerChanged, EmployerDeregistered, EmployerRegistered

SUBSCRIPTIONS = {
    EmployerDeregistered: party_deregistered,
    EmployerRegistered: unit_known,
    EmployerChanged: unit_known,
}
