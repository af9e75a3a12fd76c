"""Catalog events markets handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

from services.markets.application.replanning import replan_after_closure
from shared.events.markets import MarketClosed

SUBSCRIPTIONS = {
    MarketClosed: replan_after_closure,
}
