"""Station use cases: load → decide (domain/stations.py) → save."""
from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from services.markets.adapters.repository import ReferenceRepository
from services.markets.adapters.stations import StationRepository
from services.markets.application.coverage import market_points
from services.markets.domain import stations as rules
from services.markets.domain.coverage import Points
from services.markets.domain.geo import project
from services.markets.domain.stations import Applicant, Station
from shared.clock import Today
from shared.errors import NotFound


def _nearest_m(points: Points, lon: float, lat: float) -> float | None:
    if len(points) == 0:
        return None
    return float(points.tree().query(project([lon], [lat])[0], k=1)[0])


async def open_station(name: str, lon: float, lat: float, operator: Applicant, start: date, deposit: Decimal,
                       stations: StationRepository, postal_outlets: ReferenceRepository, today: Today) -> Station:
    async with stations.siting_lock():
        postal = market_points(await postal_outlets.all(), weight=None)
        existing = market_points(await stations.active_locations(), weight=None)
        siting = (_nearest_m(postal, lon, lat), _nearest_m(existing, lon, lat))
        station = rules.open_station(str(uuid.uuid4()), name, lon, lat, operator, start, deposit, siting, today())
        await stations.save(station, loaded=None)
        return station


async def change_station(station_id: str, decide: Callable[[Station], Station], stations: StationRepository
                         ) -> Station:
    async with stations.lock(station_id):
        station, loaded = await stations.load(station_id)
        if station is None:
            raise NotFound(f"no station {station_id}")
        changed = decide(station)
        await stations.save(changed, loaded=loaded)
        return changed


async def review_exits(month: str, on: date, stations: StationRepository) -> list[str]:
    """Run the monthly exit rule over every active station; each exit is saved with its event."""
    exited = []
    for station_id in await stations.active_ids():
        async with stations.lock(station_id):
            station, loaded = await stations.load(station_id)
            changed, events = rules.review_exit(station, month, on)
            if events:
                await stations.save(changed, events, loaded=loaded)
                exited.append(station_id)
    return exited


async def get_station(station_id: str, stations: StationRepository) -> Station:
    station, _ = await stations.load(station_id)
    if station is None:
        raise NotFound(f"no station {station_id}")
    return station
