"""Recompute coverage around a change, record what it means for open plans, and propose a plan for new gaps.

Batch-shaped: areas are read by bounding box (reach + 2000 m) and the neighbour pairs come from cKDTree, so one
event costs the areas near it, never areas × markets.
"""
from __future__ import annotations

from services.markets.adapters.plans import PlanRepository
from services.markets.adapters.repository import MarketRepository, ReferenceRepository
from services.markets.application.coverage import area_points, market_points
from services.markets.domain import proposal as proposals
from services.markets.domain.coverage import SERVICE_RADIUS_M
from services.markets.domain.recompute import LOAD_MARGIN_M, Recomputed, recompute_around
from services.markets.domain.replan import plan_for
from shared.clock import Today

Centres = list[tuple[float, float]]


async def recompute(centres: Centres, reach: float, areas: ReferenceRepository, markets: MarketRepository,
                    plans: PlanRepository, today: Today, *, gone: tuple[str, ...] = ()) -> tuple[Recomputed, list]:
    """Coverage of the areas within `reach` of the centres; open plans learn which of their gaps are covered
    (`gone`: areas that no longer exist, which no plan needs to cover). Returns the result and the rows read."""
    rows = await areas.near(centres, reach + LOAD_MARGIN_M) if centres else []
    result = recompute_around(area_points(rows), market_points(await markets.in_service()), centres, reach)
    await note_coverage(plans, set(result.covered) | set(gone), {g.area_id for g in result.gaps}, today)
    return result, rows


async def note_coverage(plans: PlanRepository, covered: set[str], uncovered: set[str], today: Today) -> None:
    touched = [p for p in await plans.open_proposals() if proposals.note_coverage(p, covered, uncovered, today())]
    for candidate in touched:  # re-read under the lock: the listing may be stale
        async with plans.lock(candidate.id):
            current, loaded = await plans.load(candidate.id)
            changed = current and proposals.note_coverage(current, covered, uncovered, today())
            if changed:
                await plans.save(changed, loaded=loaded)


async def propose_for_new_gaps(result: Recomputed, rows: list[dict], centres: Centres, reach: float, *,
                               area_id: str, cause: str, event_id: str, sites: ReferenceRepository,
                               plans: PlanRepository, today: Today) -> None:
    """One proposal per event for the gaps no open plan names yet (a redelivery finds it and stops)."""
    open_gaps = set().union(*(p.open_gaps for p in await plans.open_proposals()))
    gaps = proposals.unproposed(result.gaps, open_gaps)
    if not gaps:
        return
    plan_id = proposals.plan_id_for_area(area_id, event_id)
    async with plans.lock(plan_id):
        if (await plans.load(plan_id))[0] is not None:
            return
        candidates = market_points(await sites.near(centres, reach + SERVICE_RADIUS_M))
        plan = plan_for(gaps, area_points(rows), candidates)
        proposal, events = proposals.propose_for_area(plan_id, area_id, cause, plan, today())
        await plans.save(proposal, events, loaded=None, caused_by=event_id)
