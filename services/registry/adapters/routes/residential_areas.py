"""Residential areas (居住区): the facts markets' coverage engine projects from registry's events."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.place_imports import rows_of
from services.registry.adapters.place_schemas import AreaIn, AreaOut, AreaPageOut, ImportOut, RemoveIn
from services.registry.adapters.routes.dependencies import ContainerDep
from services.registry.application import place_imports, places
from shared.access import allow
from shared.params import PageNumber

router = APIRouter(prefix="/api/v1/registry", tags=["residential areas"])


@router.post("/residential-areas", status_code=201, response_model=AreaOut,
             summary="Register a residential area (WGS84 location inside Beijing)", **allow(*OFFICER))
async def register_area(body: AreaIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.register_area(body.facts(), body.effective_on, c.residential_areas))


@router.post("/residential-areas/import", response_model=ImportOut,
             summary="Bulk import of residential areas (CSV with a header, or a JSON array); per-line errors",
             **allow(*OFFICER))
async def import_areas(request: Request, c: ContainerDep) -> ImportOut:
    valid, errors, received = await rows_of(request, AreaIn)
    result = await place_imports.import_areas([(n, r.facts(), r.effective_on) for n, r in valid], received, errors,
                                              c.residential_areas)
    return ImportOut.of(result)


@router.get("/residential-areas", response_model=AreaPageOut,
            summary="Residential areas, optionally of one district; removed ones only with include_removed",
            **allow(*READERS))
async def list_areas(c: ContainerDep, district: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
                     include_removed: bool = False, page: PageNumber = 1,
                     size: Annotated[int, Query(ge=1, le=500)] = 50) -> AreaPageOut:
    found = await c.residential_areas.search(district=district, include_retired=include_removed, page=page,
                                             size=size)
    return AreaPageOut(items=[AreaOut.of(a) for a in found.items], total=found.total, page=page, size=size)


@router.get("/residential-areas/{area_id}", response_model=AreaOut, summary="One residential area", **allow(*READERS))
async def get_area(area_id: str, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.residential_area(area_id, c.residential_areas))


@router.post("/residential-areas/{area_id}/changes", response_model=AreaOut,
             summary="Update residents, floor areas, location or construction progress (the whole record)",
             **allow(*OFFICER))
async def update_area(area_id: str, body: AreaIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.update_area(area_id, body.facts(), body.effective_on, c.residential_areas))


@router.post("/residential-areas/{area_id}/remove", response_model=AreaOut,
             summary="Remove it (demolished, or merged into another record)", **allow(*OFFICER))
async def remove_area(area_id: str, body: RemoveIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.remove_area(area_id, body.effective_on, c.residential_areas))
