"""The deadline watcher over every market, with the progress of the residential project a planned market is
built with (the phased-housing rule needs registry's construction progress)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.markets.application.ports import Markets, References
from services.markets.domain.deadlines import Breach, HousingProgress, breaches


def housing_progress(row: dict) -> HousingProgress:
    completed = row.get("housing_completed_percent")
    half = row.get("half_done_on")
    return HousingProgress(row["id"], bool(row.get("phased")), None if completed is None else Decimal(completed),
                           None if half is None else date.fromisoformat(half))


async def deadline_breaches(on: date, markets: Markets, areas: References) -> list[Breach]:
    every = await markets.all()
    linked = sorted({m.residential_area_id for m in every if m.residential_area_id})
    progress = {row["id"]: housing_progress(row) for row in await areas.ids(linked)} if linked else {}
    return [b for m in every for b in breaches(m, on, progress.get(m.residential_area_id))]
