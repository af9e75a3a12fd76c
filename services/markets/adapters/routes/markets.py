"""The market register and its lifecycle (第九至二十二条): each transition an endpoint with its date, HTTP → one
use case; food-safety sampling results recorded and shown publicly."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import MarketId, READERS, ContainerDep, Officer
from services.markets.adapters.schemas.markets import (AgreementIn, FilingIn, FoodSafetyOut, MarketOut, On, PlanIn,
                                                       SampleIn, TenderIn)
from services.markets.application import lifecycle, markets
from services.markets.domain.market import Status

router = APIRouter(prefix="/api/v1/markets", tags=["markets"])


@router.post("", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def plan_market(body: PlanIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.plan_market(body.to_site(), body.permit_on, c.markets, c.areas,
                                                  body.residential_area_id, body.community_id))


@router.get("", summary="The market register (by id), filtered by district, status and community",
            **allow(*READERS))
async def list_markets(c: ContainerDep, paging: Paging,
                       district_code: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
                       status: Status | None = None,
                       community_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                       ) -> PageOut[MarketOut]:
    found = await markets.list_markets(c.markets, district_code=district_code, status=status and status.value,
                                       community_id=community_id, page=paging.page, size=paging.size)
    return PageOut[MarketOut].of(found.items, found.total, paging, MarketOut.of)


@router.get("/{market_id}", **allow(*READERS))
async def get_market(market_id: MarketId, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.get_market(market_id, c.markets))


@router.post("/{market_id}/completion", **allow(Role.COMMERCE_OFFICER))
async def build(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.build(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/acceptance", **allow(Role.COMMERCE_OFFICER))
async def accept(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.accept(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/regulator-notification", **allow(Role.COMMERCE_OFFICER))
async def notify_regulator(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.notify_regulator(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/purchase-agreement", **allow(Role.COMMERCE_OFFICER))
async def sign_agreement(market_id: MarketId, body: AgreementIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.sign_agreement(market_id, body.day(c.today), body.presale_permit_on,
                                                       c.markets))


@router.post("/{market_id}/ownership-transfer", **allow(Role.COMMERCE_OFFICER))
async def transfer_ownership(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.transfer_ownership(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/operator-tender", **allow(Role.COMMERCE_OFFICER))
async def tender_operator(market_id: MarketId, body: TenderIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.tender_operator(market_id, body.day(c.today), body.operator,
                                                        c.markets))


@router.post("/{market_id}/operator-licence", summary="The tendered operator's business licence, dated `on`: the "
             "10 days to file run from it", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def record_licence(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.record_licence(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/operator-filing", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def file_operator(market_id: MarketId, body: FilingIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.file_operator(market_id, body.licence_on, body.day(c.today),
                                                      c.markets))


@router.post("/{market_id}/opening", **allow(Role.COMMERCE_OFFICER))
async def open_market(market_id: MarketId, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.open_market(market_id, body.day(c.today), c.markets, c.areas, c.plans,
                                                    c.today))


@router.post("/{market_id}/operating-right-withdrawal", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def withdraw(market_id: MarketId, body: On, c: ContainerDep, _officer: Officer) -> MarketOut:
    return MarketOut.of(await lifecycle.withdraw_operating_right(market_id, body.day(c.today), c.markets))


@router.post("/{market_id}/samples", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def record_sample(market_id: MarketId, body: SampleIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.record_sample(market_id, body.to_domain(), c.markets, c.today))


@router.get("/{market_id}/food-safety", **allow(public=True))
async def food_safety(market_id: MarketId, c: ContainerDep) -> FoodSafetyOut:
    """Public and unauthenticated by design (抽检结果公示): the market's sampling results, newest first."""
    return FoodSafetyOut.of(await markets.get_market(market_id, c.markets))
