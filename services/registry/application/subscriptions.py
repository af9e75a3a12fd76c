"""Catalog events registry handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.registry.application.deregistration import arrears_assessed, arrears_settled, licence_revoked
from services.registry.application.maintenance import month_closed
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, MonthClosed
from shared.events.market_regulator import LicenceRevoked

SUBSCRIPTIONS = {
    ArrearsAssessed: arrears_assessed,
    ArrearsSettled: arrears_settled,
    MonthClosed: month_closed,
    LicenceRevoked: licence_revoked,
}
