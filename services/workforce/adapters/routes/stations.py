"""A station's approved posts and its check; the staffing profile a community follows."""
from __future__ import annotations

from fastapi import APIRouter

from services.workforce.adapters.routes.dependencies import PREFIX, CommunityId, ContainerDep
from services.workforce.adapters.schemas.staffing import ProfileIn, StaffingRow
from services.workforce.adapters.schemas.stations import StationCheckOut, StationPostsIn
from services.workforce.application import stations as cases
from services.workforce.application.staffing import staffing_row
from shared.access import allow
from shared.auth import Role

router = APIRouter(prefix=PREFIX, tags=["workforce"])


@router.put("/stations/{community_id}/posts", response_model=StationCheckOut, **allow(Role.STREET_OFFICER))
async def record_posts(community_id: CommunityId, body: StationPostsIn, c: ContainerDep) -> StationCheckOut:
    """The posts the street office approved (第十一条), in place of those recorded; answers with the check."""
    return StationCheckOut.of(await cases.record_posts(community_id, body.standing, body.special, body.approved_on,
                                                       c.station_posts, c.communities, c.workers))


@router.get("/stations/{community_id}/check", response_model=StationCheckOut,
            **allow(Role.STREET_OFFICER, Role.REGISTRY_OFFICER))
async def check_station(community_id: CommunityId, c: ContainerDep) -> StationCheckOut:
    """What the station lacks: a head or deputy head (第十九条), approved posts, the six standing posts and 1–2
    special posts (第十一条), each with its rule and article."""
    return StationCheckOut.of(await cases.check_station(community_id, c.station_posts, c.communities, c.workers))


@router.put("/communities/{community_id}/profile", response_model=StaffingRow,
            **allow(Role.STREET_OFFICER, Role.OPS))
async def choose_profile(community_id: CommunityId, body: ProfileIn, c: ContainerDep) -> StaffingRow:
    """The staffing norm a community registered through registry follows (Wenzhou's is the second compliance
    profile); kept through registry's later records, the community recounted under it."""
    return StaffingRow.of(staffing_row(await cases.choose_profile(community_id, body.profile, c.staffing)))
