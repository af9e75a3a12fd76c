"""Station use cases (邮政便民服务站): load → decide (domain/stations.py) → save."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from services.markets.application.coverage import market_points
from services.markets.application import references
from services.markets.application.ports import References, Stations, Today
from services.markets.domain import stations as rules
from services.markets.domain.coverage import Points
from services.markets.domain.geo import project
from services.markets.domain.stations import Applicant, Station
from services.markets.application import found
from services.markets.application.found import change
from shared.jobs.progress import NO_PROGRESS, Progress
from shared.repository import Page
from shared.usecase import without_events


def _nearest_m(points: Points, lon: float, lat: float) -> float | None:
    if len(points) == 0:
        return None
    return float(points.tree().query(project([lon], [lat])[0], k=1)[0])


async def open_station(name: str, lon: float, lat: float, operator: Applicant, start: date, deposit: Decimal,
                       stations: Stations, postal_outlets: References, today: Today, *,
                       areas: References, communities: References, community_id: str | None = None) -> Station:
    """Sited ≥ 500 m from every postal outlet and every active station, under the siting lock; the community it
    names must be one markets knows."""
    await references.known_places(areas, None, community_id, communities)
    async with stations.siting_lock():
        postal = market_points(await postal_outlets.all(), weight=None)
        existing = market_points(await stations.active_locations(), weight=None)
        siting = (_nearest_m(postal, lon, lat), _nearest_m(existing, lon, lat))
        station = rules.open_station(str(uuid.uuid4()), name, lon, lat, operator, start, deposit, siting, today(),
                                     community_id)
        await stations.add(station)
        return station


async def deposit_funds(station_id: str, amount: Decimal, on: date, stations: Stations) -> Station:
    """预存款."""
    return await change(stations, station_id, without_events(lambda s: rules.deposit_funds(s, amount, on)),
                        what="station")


async def transact(station_id: str, amount: Decimal, on: date, stations: Stations) -> Station:
    """A transaction paid from the prepaid balance (信誉额度为零)."""
    return await change(stations, station_id, without_events(lambda s: rules.transact(s, amount, on)),
                        what="station")


async def reconcile(station_id: str, on: date, reported_balance: Decimal, stations: Stations) -> Station:
    """日终轧帐."""
    return await change(stations, station_id, without_events(lambda s: rules.reconcile(s, on, reported_balance)),
                        what="station")


async def review_exits(month: str, on: date, stations: Stations, progress: Progress = NO_PROGRESS) -> list[str]:
    """The monthly exit rule (退出机制) over every active station; each exit is saved with its event; `progress`
    counts the stations reviewed. Returns the ids of the stations that exited, in order.

    Safe to re-run (a job resumed after an interruption): only active stations are reviewed, and a station that
    exited has left them, so none exits twice; those the interrupted run exited are read back from `progress`."""
    exited: list[str] = list(progress.remembered())

    def review(station: Station):
        changed, events = rules.review_exit(station, month, on)
        exited.extend(e.station_id for e in events)
        return changed, events

    active = await stations.active_ids()
    await progress.begin(len(active))
    for station_id in active:
        before = len(exited)
        await change(stations, station_id, review, what="station")
        if len(exited) > before:
            await progress.remember(station_id, True)
        await progress.advance()
    return sorted(set(exited))


async def list_stations(stations: Stations, *, status: str | None, community_id: str | None, page: int,
                        size: int) -> Page[Station]:
    return await stations.listing(status=status, community_id=community_id, page=page, size=size)


async def get_station(station_id: str, stations: Stations) -> Station:
    return await found.get(stations, station_id, what="station")
