"""Catalog events registry handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.registry.application.deregistration import arrears_assessed, arrears_settled
from shared.events.insurance import ArrearsAssessed, ArrearsSettled

SUBSCRIPTIONS = {
    ArrearsAssessed: arrears_assessed,
    ArrearsSettled: arrears_settled,
}
