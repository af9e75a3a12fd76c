"""Residential areas (居住区): the facts markets' coverage engine projects from registry's events."""
from __future__ import annotations

from fastapi import APIRouter, Request

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.place_imports import rows_of
from services.registry.adapters.place_schemas import AreaIn, AreaOut, ImportOut, RemoveIn
from services.registry.adapters.routes.dependencies import AreaId, ContainerDep, DistrictCode, Paged
from services.registry.application import place_imports, places
from shared.access import allow
from shared.paging import PageOut

router = APIRouter(prefix="/api/v1/registry", tags=["residential areas"])


@router.post("/residential-areas", status_code=201, response_model=AreaOut,
             summary="Register a residential area (WGS84 location inside Beijing)", **allow(*OFFICER))
async def register_area(body: AreaIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.register_area(body.facts(), body.effective_on, c.residential_areas,
                                                   c.communities))


@router.post("/residential-areas/import", response_model=ImportOut,
             summary="Bulk import of residential areas (CSV with a header, or a JSON array); per-line errors",
             **allow(*OFFICER))
async def import_areas(request: Request, c: ContainerDep) -> ImportOut:
    valid, errors, received = await rows_of(request, AreaIn)
    result = await place_imports.import_areas([(n, r.facts(), r.effective_on) for n, r in valid], received, errors,
                                              c.residential_areas, c.communities)
    return ImportOut.of(result)


@router.get("/residential-areas", response_model=PageOut[AreaOut],
            summary="Residential areas, optionally of one district; removed ones only with include_removed",
            **allow(*READERS))
async def list_areas(c: ContainerDep, paging: Paged, district_code: DistrictCode = None,
                     include_removed: bool = False) -> PageOut[AreaOut]:
    found = await c.residential_areas.search(paging, district=district_code, include_retired=include_removed)
    return PageOut[AreaOut].of(found.items, found.total, paging, AreaOut.of)


@router.get("/residential-areas/{area_id}", response_model=AreaOut, summary="One residential area", **allow(*READERS))
async def get_area(area_id: AreaId, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.residential_area(area_id, c.residential_areas))


@router.post("/residential-areas/{area_id}/changes", response_model=AreaOut,
             summary="Update residents, floor areas, location or construction progress (the whole record)",
             **allow(*OFFICER))
async def update_area(area_id: AreaId, body: AreaIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.update_area(area_id, body.facts(), body.effective_on, c.residential_areas,
                                                 c.communities))


@router.post("/residential-areas/{area_id}/remove", response_model=AreaOut,
             summary="Remove it (demolished, or merged into another record)", **allow(*OFFICER))
async def remove_area(area_id: AreaId, body: RemoveIn, c: ContainerDep) -> AreaOut:
    return AreaOut.of(await places.remove_area(area_id, body.effective_on, c.residential_areas))
