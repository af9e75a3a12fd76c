"""Registry's community events → workforce's community projection, then a staffing review in the same write.

Idempotent: the inbox skips a redelivered event, and the community records the ids it applied (a redelivery the
inbox missed); an older decision arriving late is ignored (domain.projection)."""
from __future__ import annotations

from services.workforce.application.ports import Communities, Today, Workers
from services.workforce.application.staffing import StaffingDeps, project
from services.workforce.domain import projection as rules
from services.workforce.domain.staffing import Community
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated


def community_of(event: CommunityRegistered | CommunityUpdated) -> Community:
    """Households are 实有户数; migrants the 流动人口 (新居民) the Wenzhou norm adds staff for."""
    return Community(event.community_id, event.name, event.rural, event.households, event.migrant_population,
                     rules.profile_for(event.district_code), event.district_code, event.effective_on)


async def project_community(event: CommunityRegistered | CommunityUpdated, envelope: Envelope,
                            communities: Communities, workers: Workers, today: Today) -> None:
    """社区设立 / 调整: the record as registry states it now (households, urban/rural, migrants)."""
    incoming = community_of(event)
    await project(event.community_id, lambda current: rules.apply_record(current, incoming),
                  StaffingDeps(workers, communities, today), event_id=envelope.id)


async def abolish_community(event: CommunityAbolished, envelope: Envelope, communities: Communities,
                            workers: Workers, today: Today) -> None:
    """社区撤销: flagged and out of the overview; its active workers are listed for reassignment."""
    def record(current: Community | None) -> Community | None:
        return rules.abolish(current, event.community_id, event.effective_on, event.merged_into)

    await project(event.community_id, record, StaffingDeps(workers, communities, today), event_id=envelope.id)
