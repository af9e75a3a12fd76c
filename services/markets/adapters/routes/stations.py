"""Convenience service station routes (邮政便民服务站). Registered before the market routes."""
from __future__ import annotations

from fastapi import APIRouter, Request

from shared.access import allow
from shared.auth import Role

from services.markets.adapters.translators import PostalOutletRow, located_rows
from services.markets.adapters.routes.dependencies import READERS, ContainerDep
from services.markets.adapters.schemas.planning import ImportOut
from services.markets.adapters.schemas.stations import AmountIn, ReconcileIn, StationIn, StationOut
from services.markets.application import references, stations

router = APIRouter(prefix="/api/v1/markets/stations", tags=["convenience service stations"])


@router.post("/postal-outlets/import", summary="Postal outlets (CSV or JSON array); per-line errors",
             **allow(Role.COMMERCE_OFFICER))
async def import_postal_outlets(request: Request, c: ContainerDep) -> ImportOut:
    received, rows, errors = await located_rows(request, PostalOutletRow)
    return ImportOut(received=received, imported=await references.import_rows(rows, c.postal_outlets), errors=errors)


@router.post("", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def open_station(body: StationIn, c: ContainerDep) -> StationOut:
    station = await stations.open_station(body.name, body.lon, body.lat, body.operator.to_domain(),
                                          body.agreement_start, body.deposit, c.stations, c.postal_outlets, c.today)
    return StationOut.of(station)


@router.get("/{station_id}", **allow(*READERS))
async def get_station(station_id: str, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.get_station(station_id, c.stations))


@router.post("/{station_id}/deposits", **allow(Role.COMMERCE_OFFICER))
async def deposit(station_id: str, body: AmountIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.deposit_funds(station_id, body.amount, body.on, c.stations))


@router.post("/{station_id}/transactions", **allow(Role.COMMERCE_OFFICER))
async def transact(station_id: str, body: AmountIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.transact(station_id, body.amount, body.on, c.stations))


@router.post("/{station_id}/reconciliation", **allow(Role.COMMERCE_OFFICER))
async def reconcile(station_id: str, body: ReconcileIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.reconcile(station_id, body.on, body.reported_balance, c.stations))
