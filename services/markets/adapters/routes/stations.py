"""Convenience service station routes (邮政便民服务站). Registered before the market routes."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.translators import PostalOutletRow, located_rows
from services.markets.adapters.routes.dependencies import READERS, ContainerDep, StationId
from services.markets.adapters.schemas.planning import ImportOut, PostalOutletOut
from services.markets.adapters.schemas.stations import AmountIn, ReconcileIn, StationIn, StationOut
from services.markets.application import references, stations

router = APIRouter(prefix="/api/v1/markets/stations", tags=["convenience service stations"])


@router.post("/postal-outlets/import", summary="Postal outlets (CSV or JSON array); per-line errors",
             **allow(Role.COMMERCE_OFFICER))
async def import_postal_outlets(request: Request, c: ContainerDep) -> ImportOut:
    received, rows, errors = await located_rows(request, PostalOutletRow)
    return ImportOut(received=received, imported=await references.import_rows(rows, c.postal_outlets), errors=errors)


@router.get("/postal-outlets", summary="Postal outlets (stations keep 500 m from them), by id", **allow(*READERS))
async def list_postal_outlets(c: ContainerDep, paging: Paging) -> PageOut[PostalOutletOut]:
    rows, total_count = await references.listing(c.postal_outlets, {}, paging.skip, paging.size)
    return PageOut[PostalOutletOut].of(rows, total_count, paging, PostalOutletOut.of)


@router.post("", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def open_station(body: StationIn, c: ContainerDep) -> StationOut:
    station = await stations.open_station(body.name, body.lon, body.lat, body.applicant.to_domain(),
                                          body.agreement_start, body.deposit, c.stations, c.postal_outlets, c.today,
                                          areas=c.areas, communities=c.communities,
                                          community_id=body.community_id)
    return StationOut.of(station)


@router.get("", summary="The convenience service stations (by id), filtered by status and community",
            **allow(*READERS))
async def list_stations(c: ContainerDep, paging: Paging,
                        status: Annotated[Literal["active", "exited"] | None, Query()] = None,
                        community_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                        ) -> PageOut[StationOut]:
    found = await stations.list_stations(c.stations, status=status, community_id=community_id, page=paging.page,
                                         size=paging.size)
    return PageOut[StationOut].of(found.items, found.total, paging, StationOut.of)


@router.get("/{station_id}", **allow(*READERS))
async def get_station(station_id: StationId, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.get_station(station_id, c.stations))


@router.post("/{station_id}/deposits", **allow(Role.COMMERCE_OFFICER))
async def deposit(station_id: StationId, body: AmountIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.deposit_funds(station_id, body.amount, body.day(c.today), c.stations))


@router.post("/{station_id}/transactions", **allow(Role.COMMERCE_OFFICER))
async def transact(station_id: StationId, body: AmountIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.transact(station_id, body.amount, body.day(c.today), c.stations))


@router.post("/{station_id}/reconciliation", **allow(Role.COMMERCE_OFFICER))
async def reconcile(station_id: StationId, body: ReconcileIn, c: ContainerDep) -> StationOut:
    return StationOut.of(await stations.reconcile(station_id, body.day(c.today), body.reported_balance,
                                                   c.stations))
