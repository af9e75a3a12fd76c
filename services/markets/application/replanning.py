"""Replanning when a market leaves service, and the officer's decision on the proposal."""
from __future__ import annotations

from services.markets.adapters.plans import PlanRepository
from services.markets.adapters.repository import MarketRepository, ReferenceRepository
from services.markets.application.coverage import area_points, market_points
from services.markets.application.recompute import note_coverage
from services.markets.domain import proposal as proposals
from services.markets.domain.geo import project
from services.markets.domain.proposal import Proposal
from services.markets.domain.replan import gaps_after_closure, plan_for
from shared.clock import Today
from shared.errors import NotFound
from shared.events import Envelope
from shared.events.markets import MarketClosed


async def replan_after_closure(event: MarketClosed, envelope: Envelope, markets: MarketRepository,
                               areas: ReferenceRepository, sites: ReferenceRepository, plans: PlanRepository,
                               today: Today) -> None:
    plan_id = proposals.plan_id_for(event.market_id)
    async with plans.lock(plan_id):
        existing, loaded = await plans.load(plan_id)
        if existing is not None:
            return  # one proposal per closure: a redelivery changes nothing
        area_pts = area_points(await areas.all())
        remaining = [m for m in await markets.in_service() if m["id"] != event.market_id]
        closed_xy = tuple(project([event.lon], [event.lat])[0])
        gaps = gaps_after_closure(area_pts, market_points(remaining), closed_xy)
        plan = plan_for(gaps, area_pts, market_points(await sites.all()) if gaps else market_points([]))
        proposal, events = proposals.propose(event.market_id, plan, today())
        await plans.save(proposal, events, loaded=None, caused_by=envelope.id)
    await note_coverage(plans, set(), {g.area_id for g in gaps}, today)  # gaps other open plans had seen covered


async def decide_plan(plan_id: str, approve: bool, officer: str, plans: PlanRepository, today: Today) -> Proposal:
    async with plans.lock(plan_id):
        proposal, loaded = await plans.load(plan_id)
        if proposal is None:
            raise NotFound(f"no plan {plan_id}")
        decided = proposals.decide(proposal, approve, officer, today())
        await plans.save(decided, loaded=loaded)
        return decided


async def get_plan(plan_id: str, plans: PlanRepository) -> Proposal:
    proposal, _ = await plans.load(plan_id)
    if proposal is None:
        raise NotFound(f"no plan {plan_id}")
    return proposal
