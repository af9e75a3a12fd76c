"""Catalog events insurance handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.insurance.application.handlers import open_account
from shared.events import EmployerRegistered

SUBSCRIPTIONS = {
    EmployerRegistered: open_account,
}
