"""Registry's residential-area events → the reference rows the import endpoint also writes (same fields: id, name,
district_code, lon, lat, x, y, population, kind, floor areas), plus what only registry knows: the decision date,
the community, construction progress, and the planning-condition flags."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.markets.domain import areas as rules
from services.markets.domain.geo import project
from shared.events.registry_places import ResidentialAreaRegistered, ResidentialAreaRemoved, ResidentialAreaUpdated


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def stored_effective_on(row: dict | None) -> date | None:
    return None if row is None or row.get("effective_on") is None else date.fromisoformat(row["effective_on"])


def area_row(event: ResidentialAreaRegistered | ResidentialAreaUpdated, stored: dict | None) -> dict:
    """The row for the event's record, x, y projected once here."""
    x, y = project([event.lon], [event.lat])[0]
    floor, planned = _decimal(event.residential_floor_area), _decimal(event.planned_market_area)
    completed = _decimal(event.housing_completed_percent)
    breaches = rules.planning_breaches(event.lon, event.lat, event.kind == "new", floor, planned)
    previous_half = None if stored is None or not stored.get("half_done_on") else \
        date.fromisoformat(stored["half_done_on"])
    half_done = rules.half_done_since(previous_half, event.phased, completed, event.effective_on)
    return {"id": event.area_id, "name": event.name, "district_code": event.district_code,
            "community_id": event.community_id, "lon": event.lon, "lat": event.lat, "x": float(x), "y": float(y),
            "population": event.residents, "kind": event.kind,
            "residential_floor_area": event.residential_floor_area, "planned_market_area": event.planned_market_area,
            "phased": event.phased, "housing_completed_percent": event.housing_completed_percent,
            "half_done_on": half_done and half_done.isoformat(), "effective_on": event.effective_on.isoformat(),
            "planning_flagged": bool(breaches), "planning_breaches": breaches, "source": "registry"}


def tombstone(event: ResidentialAreaRemoved) -> dict:
    """A removed area: out of coverage, kept only to refuse older records arriving late."""
    return {"id": event.area_id, "district_code": event.district_code, "removed": True,
            "effective_on": event.effective_on.isoformat(), "source": "registry"}


def location_of(row: dict | None) -> list[tuple[float, float]]:
    """The row's projected location, if it had one (a tombstone or nothing has none)."""
    return [] if row is None or "x" not in row else [(row["x"], row["y"])]
