"""Recompute coverage around a change, record what it means for open plans, and propose a plan for new gaps.

Batch-shaped: areas are read by bounding box (reach + 2000 m) and the neighbour pairs come from cKDTree, so one
event costs the areas near it, never areas × markets.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from services.markets.application.coverage import area_points, market_points
from services.markets.application.ports import Markets, Plans, References, Today
from services.markets.domain import proposal as proposals
from services.markets.domain.coverage import SERVICE_RADIUS_M
from services.markets.domain.proposal import Proposal
from services.markets.domain.recompute import LOAD_MARGIN_M, Recomputed, recompute_around
from services.markets.domain.replan import plan_for
from shared.events import Event
from services.markets.application.found import change

Centres = list[tuple[float, float]]
Proposing = Callable[[], Awaitable[tuple[Proposal, Sequence[Event]]]]


async def recompute(centres: Centres, reach: float, areas: References, markets: Markets, plans: Plans,
                    today: Today, *, gone: tuple[str, ...] = ()) -> tuple[Recomputed, list]:
    """Coverage of the areas within `reach` of the centres; open plans learn which of their gaps are covered
    (`gone`: areas that no longer exist, which no plan needs to cover). Returns the result and the rows read."""
    rows = await areas.near(centres, reach + LOAD_MARGIN_M) if centres else []
    result = recompute_around(area_points(rows), market_points(await markets.in_service()), centres, reach)
    await note_coverage(plans, set(result.covered) | set(gone), {g.area_id for g in result.gaps}, today)
    return result, rows


async def note_coverage(plans: Plans, covered: set[str], uncovered: set[str], today: Today) -> None:
    touched = [p for p in await plans.open_proposals() if proposals.note_coverage(p, covered, uncovered, today())]
    for candidate in touched:  # decided again on the stored plan, under its lock: the listing may be stale
        await change(plans, candidate.id,
                     lambda p: (proposals.note_coverage(p, covered, uncovered, today()) or p, []), what="plan")


async def propose_once(plans: Plans, plan_id: str, propose: Proposing, *, caused_by: str) -> Proposal | None:
    """One proposal per cause, its id naming the cause: `propose` (which reads what it needs) runs only if no plan
    has that id yet, so a redelivery finds it and stops. Returns the new proposal, or None."""
    async with plans.lock(plan_id):
        if await plans.get(plan_id) is not None:
            return None
        proposal, events = await propose()
        await plans.save(proposal, events, loaded=None, caused_by=caused_by)
        return proposal


async def propose_for_new_gaps(result: Recomputed, rows: list[dict], centres: Centres, reach: float, *,
                               area_id: str, cause: str, event_id: str, sites: References, plans: Plans,
                               today: Today) -> None:
    """One proposal per event for the gaps no open plan names yet."""
    open_gaps = set().union(*(p.open_gaps for p in await plans.open_proposals()))
    gaps = proposals.unproposed(result.gaps, open_gaps)
    if not gaps:
        return
    plan_id = proposals.plan_id_for_area(area_id, event_id)

    async def propose():
        candidates = market_points(await sites.near(centres, reach + SERVICE_RADIUS_M))
        plan = plan_for(gaps, area_points(rows), candidates)
        return proposals.propose_for_area(plan_id, area_id, cause, plan, today())

    await propose_once(plans, plan_id, propose, caused_by=event_id)
