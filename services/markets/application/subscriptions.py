"""Catalog events markets handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.markets.application.area_events import record_area, remove_area
from services.markets.application.communities import follow_community
from services.markets.application.layout_plans import open_plan_revision_cases
from services.markets.application.replanning import replan_after_closure
from shared.events.markets import MarketClosed, ReplanProposed
from shared.events.registry_places import (CommunityAbolished, ResidentialAreaRegistered, ResidentialAreaRemoved,
                                           ResidentialAreaUpdated)

SUBSCRIPTIONS = {
    MarketClosed: replan_after_closure,
    ReplanProposed: open_plan_revision_cases,
    ResidentialAreaRegistered: record_area,
    ResidentialAreaUpdated: record_area,
    ResidentialAreaRemoved: remove_area,
    CommunityAbolished: follow_community,
}
