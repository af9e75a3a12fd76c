"""Catalog events registry handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.registry.application.deregistration import arrears_assessed, arrears_settled, licence_revoked
from services.registry.application.maintenance import month_closed
from services.registry.application.places import staffing_counted
from services.registry.application.stars import community_abolished
from services.registry.application.technology_centres import employer_deregistered
from shared.events.insurance import ArrearsAssessed, ArrearsSettled, MonthClosed
from shared.events.market_regulator import LicenceRevoked
from shared.events.registry import EmployerDeregistered
from shared.events.registry_places import CommunityAbolished
from shared.events.workforce import StaffingCounted

SUBSCRIPTIONS = {
    ArrearsAssessed: arrears_assessed,
    ArrearsSettled: arrears_settled,
    MonthClosed: month_closed,
    LicenceRevoked: licence_revoked,
    EmployerDeregistered: employer_deregistered,  # revokes the enterprise's technology centre
    StaffingCounted: staffing_counted,  # actual staffing for the compliance report
    CommunityAbolished: community_abolished,  # withdraws the community's smart-community title
}
