"""Catalog events contracts handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.contracts.application.handlers import party_deregistered
from shared.events.registry import EmployerDeregistered

SUBSCRIPTIONS = {
    EmployerDeregistered: party_deregistered,
}
