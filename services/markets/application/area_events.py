"""Registry's residential areas (居住区): keep the newest record, then recompute coverage around it.

A registration or change can lower the neighbours' A_i (more residents share the same markets), so it recomputes
the areas within 2000 m and proposes a plan for gaps no open plan names yet. A removal only raises A_i: it may
resolve open plans, never create a gap. Idempotent: a redelivered or older record changes nothing.
"""
from __future__ import annotations

from services.markets.application import area_rows as rows
from services.markets.application.communities import placed
from services.markets.application.ports import Markets, Plans, References, Today
from services.markets.application.recompute import propose_for_new_gaps, recompute
from services.markets.domain.areas import supersedes
from services.markets.domain.recompute import AREA_CHANGE_REACH_M
from shared.events import Envelope
from shared.events.registry_places import ResidentialAreaRegistered, ResidentialAreaRemoved, ResidentialAreaUpdated

CAUSES = {ResidentialAreaRegistered: "area_registered", ResidentialAreaUpdated: "area_updated"}


async def record_area(event: ResidentialAreaRegistered | ResidentialAreaUpdated, envelope: Envelope,
                      areas: References, markets: Markets, sites: References,
                      plans: Plans, communities: References, today: Today) -> None:
    """The area's newest record is kept (under the community standing for the one it names), and coverage
    recomputed around it."""
    async with areas.lock(event.area_id):
        stored = await areas.get(event.area_id)
        if not supersedes(rows.stored_effective_on(stored), event.effective_on):
            return  # an older record arriving late: the newer one stays
        row = await placed(rows.area_row(event, stored), communities)
        await areas.put(row)
    centres = rows.location_of(row) + rows.location_of(stored)
    result, nearby = await recompute(centres, AREA_CHANGE_REACH_M, areas, markets, plans, today)
    await propose_for_new_gaps(result, nearby, centres, AREA_CHANGE_REACH_M, area_id=event.area_id,
                               cause=CAUSES[type(event)], event_id=envelope.id, sites=sites, plans=plans,
                               today=today)


async def remove_area(event: ResidentialAreaRemoved, envelope: Envelope, areas: References,
                      markets: Markets, plans: Plans, today: Today) -> None:
    """The area leaves coverage (kept as a tombstone against older records), and the open plans whose gaps it was
    no longer need to cover it."""
    async with areas.lock(event.area_id):
        stored = await areas.get(event.area_id)
        if not supersedes(rows.stored_effective_on(stored), event.effective_on):
            return
        await areas.put(rows.tombstone(event))
    await recompute(rows.location_of(stored), AREA_CHANGE_REACH_M, areas, markets, plans, today,
                    gone=(event.area_id,))
