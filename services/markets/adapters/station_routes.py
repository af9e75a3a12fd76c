"""Convenience service station routes (邮政便民服务站). Registered before the market routes."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from services.markets.adapters.imports import PostalOutletRow, located, parse_rows, validate_rows
from services.markets.adapters.officer import Officer
from services.markets.adapters.station_schemas import AmountIn, ExitReviewIn, ReconcileIn, StationIn, station_out
from services.markets.application import stations as handlers
from services.markets.bootstrap import Container
from services.markets.domain import stations as rules
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/markets/stations", tags=["convenience service stations"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.post("/postal-outlets/import", summary="Postal outlets (CSV or JSON array); per-line errors")
async def import_postal_outlets(request: Request, c: ContainerDep) -> dict:
    rows = parse_rows(await request.body(), request.headers.get("content-type", "application/json"))
    valid, errors = validate_rows(rows, PostalOutletRow)
    return {"received": len(rows), "imported": await c.postal_outlets.upsert([located(r) for r in valid]),
            "errors": errors}


@router.post("", status_code=201)
async def open_station(body: StationIn, c: ContainerDep) -> dict:
    station = await handlers.open_station(body.name, body.lon, body.lat, body.operator.to_domain(),
                                          body.agreement_start, body.deposit, c.stations, c.postal_outlets, c.today)
    return station_out(station)


@router.post("/exit-review", summary="Monthly exit rule over all active stations; one event per exit")
async def review_exits(body: ExitReviewIn, c: ContainerDep, _officer: Officer) -> dict:
    return {"month": body.month, "exited": await handlers.review_exits(body.month, body.on, c.stations)}


@router.get("/{station_id}")
async def get_station(station_id: str, c: ContainerDep) -> dict:
    return station_out(await handlers.get_station(station_id, c.stations))


@router.post("/{station_id}/deposits")
async def deposit(station_id: str, body: AmountIn, c: ContainerDep) -> dict:
    changed = await handlers.change_station(station_id, lambda s: rules.deposit_funds(s, body.amount, body.on),
                                            c.stations)
    return station_out(changed)


@router.post("/{station_id}/transactions")
async def transact(station_id: str, body: AmountIn, c: ContainerDep) -> dict:
    changed = await handlers.change_station(station_id, lambda s: rules.transact(s, body.amount, body.on), c.stations)
    return station_out(changed)


@router.post("/{station_id}/reconciliation")
async def reconcile(station_id: str, body: ReconcileIn, c: ContainerDep) -> dict:
    changed = await handlers.change_station(
        station_id, lambda s: rules.reconcile(s, body.on, body.reported_balance), c.stations)
    return station_out(changed)
