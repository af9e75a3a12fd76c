"""Changes to an operating market that need prior approval: suspension, sub-letting, merger and closure,
demolition, relocation and rebuilding (with the replacement market built first)."""
from __future__ import annotations

from fastapi import APIRouter

from shared.access import allow
from shared.auth import Role

from services.markets.adapters.routes.dependencies import MarketId, ContainerDep
from services.markets.adapters.schemas.markets import ApprovedIn, MarketOut, On, ReplacementIn, SubletIn
from services.markets.application import operating

router = APIRouter(prefix="/api/v1/markets", tags=["markets"])


@router.post("/{market_id}/suspension", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def suspend(market_id: MarketId, body: ApprovedIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.suspend(market_id, body.day(c.today), body.approval_list(), c.markets))


@router.post("/{market_id}/resumption", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def resume(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.resume(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/sublet", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def sublet(market_id: MarketId, body: SubletIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.sublet(market_id, body.day(c.today), body.approval_list(), body.operator,
                                               c.markets))


@router.post("/{market_id}/merger", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def merge(market_id: MarketId, body: ApprovedIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.merge(market_id, body.day(c.today), body.approval_list(), c.markets))


@router.post("/{market_id}/closure", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def close(market_id: MarketId, body: ApprovedIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.close(market_id, body.day(c.today), body.approval_list(), c.markets))


@router.post("/{market_id}/demolition", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def demolish(market_id: MarketId, body: ReplacementIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.demolish(market_id, body.day(c.today), body.approval_list(),
                                                 body.replacement_market_id, c.markets))


@router.post("/{market_id}/relocation", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def relocate(market_id: MarketId, body: ReplacementIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.relocate(market_id, body.day(c.today), body.approval_list(),
                                                 body.replacement_market_id, c.markets))


@router.post("/{market_id}/rebuilding", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def rebuild(market_id: MarketId, body: ReplacementIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await operating.rebuild(market_id, body.day(c.today), body.approval_list(),
                                                body.replacement_market_id, c.markets))
