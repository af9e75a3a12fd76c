"""Catalog events contracts handles, and with what (kept in step with shared.events.routing)."""
from __future__ import annotations

SUBSCRIPTIONS: dict = {}
