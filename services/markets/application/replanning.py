"""Replanning when a market leaves service, and the officer's decision on the proposal."""
from __future__ import annotations

from datetime import date

from services.markets.application.coverage import area_points, market_points
from services.markets.application.ports import Markets, Plans, References, Today
from services.markets.application.recompute import note_coverage, propose_once
from services.markets.domain import proposal as proposals
from services.markets.domain.geo import project
from services.markets.domain.proposal import Proposal
from services.markets.domain.replan import gaps_after_closure, plan_for
from shared.events import Envelope
from shared.repository import Page
from shared.events.markets import MarketClosed
from services.markets.application import found
from services.markets.application.found import change
from shared.usecase import without_events


async def replan_after_closure(event: MarketClosed, envelope: Envelope, markets: Markets, areas: References,
                               sites: References, plans: Plans, today: Today) -> None:
    """One proposal per closure (a redelivery changes nothing); the gaps it names are no longer covered for any
    other open plan that had seen them covered."""

    async def propose():
        area_pts = area_points(await areas.all())
        remaining = [m for m in await markets.in_service() if m["id"] != event.market_id]
        closed_xy = tuple(project([event.lon], [event.lat])[0])
        gaps = gaps_after_closure(area_pts, market_points(remaining), closed_xy)
        plan = plan_for(gaps, area_pts, market_points(await sites.all()) if gaps else market_points([]))
        return proposals.propose(event.market_id, plan, today())

    proposal = await propose_once(plans, proposals.plan_id_for(event.market_id), propose, caused_by=envelope.id)
    if proposal is not None:
        await note_coverage(plans, set(), {g.area_id for g in proposal.plan.gaps}, today)


async def decide_plan(plan_id: str, approve: bool, officer: str, on: date, plans: Plans) -> Proposal:
    decide = without_events(lambda p: proposals.decide(p, approve, officer, on))
    return await change(plans, plan_id, decide, what="plan")


async def list_plans(plans: Plans, *, status: str | None, page: int, size: int) -> Page[Proposal]:
    return await plans.listing(status=status, page=page, size=size)


async def get_plan(plan_id: str, plans: Plans) -> Proposal:
    return await found.get(plans, plan_id, what="plan")
