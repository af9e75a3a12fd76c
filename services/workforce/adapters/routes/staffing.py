"""The community projection loaded by hand, the staffing overview, reassignments and station rosters."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from services.workforce.adapters.routes.dependencies import PREFIX, CommunityId, ContainerDep, DistrictFilter
from services.workforce.adapters.schemas.staffing import CommunitiesIn, Reassignment, RosterIn, RosterOut, StaffingRow
from services.workforce.application import staffing as cases
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

router = APIRouter(prefix=PREFIX, tags=["workforce"])


@router.post("/communities/import", status_code=204, response_model=None, **allow(Role.STREET_OFFICER, Role.OPS))
async def import_communities(body: CommunitiesIn, c: ContainerDep) -> None:
    await cases.import_communities([community.domain() for community in body.communities], c.staffing)


@router.get("/staffing", response_model=PageOut[StaffingRow], **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def staffing_overview(c: ContainerDep, paging: Paging, district_code: DistrictFilter = None,
                            short: Annotated[bool | None, Query(description="only communities short of staff "
                                                                            "(true) or fully staffed (false)")]
                            = None) -> PageOut[StaffingRow]:
    """Required vs actual per community in force, by community id: the counts kept with each record."""
    rows, total = await cases.staffing_overview(c.staffing, paging, district_code=district_code, short=short)
    return PageOut.of(rows, total, paging, StaffingRow.of)


@router.get("/staffing/reassignments", response_model=PageOut[Reassignment],
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def reassignments(c: ContainerDep, paging: Paging) -> PageOut[Reassignment]:
    """Abolished communities (撤销, or merged into another) whose active workers still await reassignment."""
    rows, total = await cases.needing_reassignment(c.staffing, paging)
    return PageOut.of(rows, total, paging, Reassignment.of)


@router.put("/stations/{community_id}/roster", response_model=RosterOut, **allow(Role.STREET_OFFICER))
async def put_roster(community_id: CommunityId, body: RosterIn, c: ContainerDep) -> RosterOut:
    openings = [o.domain() for o in body.openings]
    return RosterOut.of(await cases.set_roster(community_id, openings, c.rosters, c.communities, c.policy))


@router.get("/stations/{community_id}/roster", response_model=RosterOut,
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def get_roster(community_id: CommunityId, c: ContainerDep) -> RosterOut:
    return RosterOut.of(await cases.station_roster(community_id, c.rosters))
