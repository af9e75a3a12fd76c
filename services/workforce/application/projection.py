"""Registry's community events → workforce's community projection, then a staffing review in the same write.

Idempotent: the inbox skips a redelivered event, and the community records the ids it applied (a redelivery the
inbox missed); an older decision arriving late is ignored (domain.projection)."""
from __future__ import annotations

from collections.abc import Callable

from services.workforce.adapters.records import CommunityRepository
from services.workforce.adapters.registry_events import community_of
from services.workforce.adapters.workers import WorkerRepository
from services.workforce.application.staffing import StaffingDeps, save_reviewed
from services.workforce.domain import projection as rules
from services.workforce.domain.staffing import Community
from shared.clock import Today
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated

Decide = Callable[[Community | None], Community | None]


async def project_community(event: CommunityRegistered | CommunityUpdated, envelope: Envelope,
                            communities: CommunityRepository, workers: WorkerRepository, today: Today) -> None:
    """社区设立 / 调整: the record as registry states it now (households, urban/rural, migrants)."""
    incoming = community_of(event)
    await _apply(event.community_id, envelope.id, lambda current: rules.apply_record(current, incoming),
                 StaffingDeps(workers, communities, today))


async def abolish_community(event: CommunityAbolished, envelope: Envelope, communities: CommunityRepository,
                            workers: WorkerRepository, today: Today) -> None:
    """社区撤销: flagged and out of the overview; its active workers are listed for reassignment."""
    def decide(current):
        return rules.abolish(current, event.community_id, event.effective_on, event.merged_into)

    await _apply(event.community_id, envelope.id, decide, StaffingDeps(workers, communities, today))


async def _apply(community_id: str, event_id: str, decide: Decide, deps: StaffingDeps) -> None:
    async with deps.communities.lock(community_id):
        current, verdict, loaded = await deps.communities.load(community_id)
        if loaded is not None and loaded.has_applied(event_id):
            return
        changed = decide(current)
        if changed is not None:
            await save_reviewed(changed, verdict, loaded, deps, caused_by=event_id, changed=True)
