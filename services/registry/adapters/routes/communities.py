"""Communities (社区), their service stations (社区服务站), compliance reports and the public service catalogue."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request

from services.registry.adapters.access import OFFICER, READERS
from services.registry.adapters.place_imports import rows_of
from services.registry.adapters.place_schemas import (AbolishIn, CatalogueSectionOut, CommunityChangeIn,
                                                      CommunityIn, CommunityOut, ComplianceOut, ImportOut, MergeIn,
                                                      StationIn)
from services.registry.adapters.routes.dependencies import CommunityId, ContainerDep, DistrictCode, Paged
from services.registry.application import place_imports, places
from services.registry.domain.service_catalogue import CATALOGUE
from services.registry.domain.station import Station
from shared.access import allow
from shared.paging import PageOut

router = APIRouter(prefix="/api/v1/registry", tags=["communities"])


@router.get("/service-catalogue", response_model=PageOut[CatalogueSectionOut],
            summary="The service stations' catalogue (public): public, public-welfare and convenience services",
            **allow(public=True))
async def service_catalogue(paging: Paged) -> PageOut[CatalogueSectionOut]:
    """The catalogue's sections (three today), each with its services, as a page like every listing."""
    sections = CATALOGUE[paging.skip:paging.skip + paging.size]
    return PageOut[CatalogueSectionOut].of(sections, len(CATALOGUE), paging, CatalogueSectionOut.of)


@router.post("/communities", status_code=201, response_model=CommunityOut,
             summary="Register a community created by the district government (社区设立)", **allow(*OFFICER))
async def register_community(body: CommunityIn, c: ContainerDep) -> CommunityOut:
    return CommunityOut.of(await places.register_community(body.figures(), body.effective_on, c.communities, c.today))


@router.post("/communities/import", response_model=ImportOut,
             summary="Bulk import of communities (CSV with a header, or a JSON array); per-line errors, valid "
                     "rows kept", **allow(*OFFICER))
async def import_communities(request: Request, c: ContainerDep) -> ImportOut:
    valid, errors, received = await rows_of(request, CommunityIn)
    result = await place_imports.import_communities([(n, r.figures(), r.effective_on) for n, r in valid], received,
                                                    errors, c.communities, c.today)
    return ImportOut.of(result)


@router.get("/communities", response_model=PageOut[CommunityOut],
            summary="Communities, optionally of one district; abolished ones only with include_abolished",
            **allow(*READERS))
async def list_communities(c: ContainerDep, paging: Paged, district_code: DistrictCode = None,
                           include_abolished: bool = False) -> PageOut[CommunityOut]:
    found = await c.communities.search(paging, district=district_code, include_retired=include_abolished)
    return PageOut[CommunityOut].of(found.items, found.total, paging, CommunityOut.of)


@router.get("/communities/{community_id}", response_model=CommunityOut, summary="One community with its history",
            **allow(*READERS))
async def get_community(community_id: CommunityId, c: ContainerDep) -> CommunityOut:
    return CommunityOut.of(await places.community(community_id, c.communities))


@router.post("/communities/{community_id}/changes", response_model=CommunityOut,
             summary="Resize it or record new figures (the whole record as decided, with its effective date)",
             **allow(*OFFICER))
async def change_community(community_id: CommunityId, body: CommunityChangeIn, c: ContainerDep) -> CommunityOut:
    command = places.ChangeCommunity(community_id, body.figures(), body.change, body.effective_on)
    return CommunityOut.of(await places.change_community(command, c.communities, c.today))


@router.post("/communities/{community_id}/merge", response_model=CommunityOut,
             summary="Merge other communities into this one (合并): they are abolished, this one carries them",
             **allow(*OFFICER))
async def merge_communities(community_id: CommunityId, body: MergeIn, c: ContainerDep) -> CommunityOut:
    command = places.MergeCommunities(community_id, tuple(body.merged), body.effective_on,
                                      body.figures.figures() if body.figures else None)
    return CommunityOut.of(await places.merge_communities(command, c.communities, c.today))


@router.post("/communities/{community_id}/abolish", response_model=CommunityOut,
             summary="Abolish the community (撤销) from the decision's effective date", **allow(*OFFICER))
async def abolish_community(community_id: CommunityId, body: AbolishIn, c: ContainerDep) -> CommunityOut:
    return CommunityOut.of(await places.abolish_community(community_id, body.effective_on, c.communities, c.today))


@router.put("/communities/{community_id}/station", response_model=Station,
            summary="Record the community's service station (一居一站); every norm broken → 422 naming it",
            **allow(*OFFICER))
async def put_station(community_id: CommunityId, body: StationIn, c: ContainerDep) -> Station:
    return (await places.set_station(community_id, body.station(), c.communities)).station


@router.get("/communities/{community_id}/station", response_model=Station, summary="The community's service station",
            **allow(*READERS))
async def get_station(community_id: CommunityId, c: ContainerDep) -> Station:
    return await places.station(community_id, c.communities)


@router.get("/communities/{community_id}/compliance", response_model=ComplianceOut,
            summary="Each norm of the profile with pass/fail and its numbers (station, space, staffing, funds)",
            **allow(*READERS))
async def compliance(community_id: CommunityId, c: ContainerDep,
                     profile: Literal["beijing", "wenzhou"] = "beijing") -> ComplianceOut:
    norms = await places.compliance_report(community_id, profile, c.communities, c.staffing)
    return ComplianceOut.of(community_id, profile, norms)
