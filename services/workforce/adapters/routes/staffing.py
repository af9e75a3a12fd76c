"""The community projection loaded by hand, the staffing overview, reassignments and station rosters."""
from __future__ import annotations

from fastapi import APIRouter

from services.workforce.adapters.routes.dependencies import PREFIX, ContainerDep
from services.workforce.adapters.schemas.staffing import CommunitiesIn, Reassignment, RosterIn, RosterOut, StaffingRow
from services.workforce.application import staffing as cases
from shared.access import allow
from shared.auth import Role

router = APIRouter(prefix=PREFIX, tags=["workforce"])


@router.post("/communities/import", status_code=204, response_model=None, **allow(Role.STREET_OFFICER, Role.OPS))
async def import_communities(body: CommunitiesIn, c: ContainerDep) -> None:
    await cases.import_communities([community.domain() for community in body.communities], c.staffing)


@router.get("/staffing", response_model=list[StaffingRow], **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def staffing_overview(c: ContainerDep) -> list[StaffingRow]:
    return [StaffingRow.of(row) for row in await cases.staffing_overview(c.staffing)]


@router.get("/staffing/reassignments", response_model=list[Reassignment],
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def reassignments(c: ContainerDep) -> list[Reassignment]:
    """Abolished communities (撤销, or merged into another) whose active workers still await reassignment."""
    return [Reassignment.of(row) for row in await cases.needing_reassignment(c.staffing)]


@router.put("/stations/{community_id}/roster", response_model=RosterOut, **allow(Role.STREET_OFFICER))
async def put_roster(community_id: str, body: RosterIn, c: ContainerDep) -> RosterOut:
    openings = [o.domain() for o in body.openings]
    return RosterOut.of(await cases.set_roster(community_id, openings, c.rosters, c.communities, c.policy))


@router.get("/stations/{community_id}/roster", response_model=RosterOut,
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def get_roster(community_id: str, c: ContainerDep) -> RosterOut:
    return RosterOut.of(await cases.station_roster(community_id, c.rosters))
