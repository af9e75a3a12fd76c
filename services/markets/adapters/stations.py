"""Convenience service stations: one document each (balance, monthly counts, the open day, reconciliations)."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import asdict
from datetime import date
from decimal import Decimal

from services.markets.domain.stations import Applicant, Station
from shared.events import Event
from shared.store import AggregateStore, Loaded

SITING_LOCK = "__siting__"  # one station opened at a time per process, so two cannot be sited 100 m apart


class StationRepository:
    def __init__(self, store: AggregateStore) -> None:
        self._store = store

    def lock(self, station_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(station_id)

    def siting_lock(self) -> AbstractAsyncContextManager[None]:
        return self._store.lock(SITING_LOCK)

    async def load(self, station_id: str) -> tuple[Station | None, Loaded | None]:
        loaded = await self._store.load(station_id)
        return (None, None) if loaded is None else (_of(loaded.id, loaded.state), loaded)

    async def save(self, station: Station, events: Sequence[Event] = (), *, loaded: Loaded | None) -> None:
        await self._store.save(station.id, _doc(station), events, loaded=loaded)

    async def active_locations(self) -> list[dict]:
        cursor = self._store.collection.find({"status": "active"}, {"lon": 1, "lat": 1})
        return [{"id": d["_id"], "lon": d["lon"], "lat": d["lat"]} async for d in cursor]

    async def active_ids(self) -> list[str]:
        return [d["_id"] async for d in self._store.collection.find({"status": "active"}, {"_id": 1})]


def _doc(s: Station) -> dict:
    return {"name": s.name, "lon": s.lon, "lat": s.lat, "operator": asdict(s.operator),
            "agreement_start": s.agreement_start.isoformat(), "agreement_end": s.agreement_end.isoformat(),
            "deposit": str(s.deposit), "balance": str(s.balance), "status": s.status,
            "monthly_counts": s.monthly_counts, "day": s.day, "reconciliations": list(s.reconciliations),
            "exited_on": s.exited_on and s.exited_on.isoformat()}


def _of(station_id: str, d: dict) -> Station:
    return Station(station_id, d["name"], d["lon"], d["lat"], Applicant(**d["operator"]),
                   date.fromisoformat(d["agreement_start"]), date.fromisoformat(d["agreement_end"]),
                   Decimal(d["deposit"]), Decimal(d["balance"]), d["status"], dict(d["monthly_counts"]),
                   dict(d["day"]), tuple(d["reconciliations"]), d["exited_on"] and date.fromisoformat(d["exited_on"]))
