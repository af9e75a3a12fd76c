"""The market register and its lifecycle (第九至二十二条): each transition an endpoint with its date, HTTP → one
use case; food-safety sampling results recorded and shown publicly."""
from __future__ import annotations

from fastapi import APIRouter

from shared.access import allow
from shared.auth import Role

from services.markets.adapters.routes.dependencies import READERS, ContainerDep, Officer
from services.markets.adapters.schemas.markets import (AgreementIn, FilingIn, FoodSafetyOut, MarketOut, On, PlanIn,
                                                       SampleIn, TenderIn)
from services.markets.application import lifecycle, markets

router = APIRouter(prefix="/api/v1/markets", tags=["markets"])


@router.post("", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def plan_market(body: PlanIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.plan_market(body.to_site(), body.permit_on, c.markets, body.residential_area_id))


@router.get("/{market_id}", **allow(*READERS))
async def get_market(market_id: str, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.get_market(market_id, c.markets))


@router.post("/{market_id}/completion", **allow(Role.COMMERCE_OFFICER))
async def build(market_id: str, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.build(market_id, body.on, c.markets))


@router.post("/{market_id}/acceptance", **allow(Role.COMMERCE_OFFICER))
async def accept(market_id: str, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.accept(market_id, body.on, c.markets))


@router.post("/{market_id}/regulator-notification", **allow(Role.COMMERCE_OFFICER))
async def notify_regulator(market_id: str, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.notify_regulator(market_id, body.on, c.markets))


@router.post("/{market_id}/purchase-agreement", **allow(Role.COMMERCE_OFFICER))
async def sign_agreement(market_id: str, body: AgreementIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.sign_agreement(market_id, body.on, body.presale_permit_on, c.markets))


@router.post("/{market_id}/ownership-transfer", **allow(Role.COMMERCE_OFFICER))
async def transfer_ownership(market_id: str, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.transfer_ownership(market_id, body.on, c.markets))


@router.post("/{market_id}/operator-tender", **allow(Role.COMMERCE_OFFICER))
async def tender_operator(market_id: str, body: TenderIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.tender_operator(market_id, body.on, body.operator, c.markets))


@router.post("/{market_id}/operator-filing", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def file_operator(market_id: str, body: FilingIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.file_operator(market_id, body.licence_on, body.on, c.markets))


@router.post("/{market_id}/opening", **allow(Role.COMMERCE_OFFICER))
async def open_market(market_id: str, body: On, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await lifecycle.open_market(market_id, body.on, c.markets, c.areas, c.plans, c.today))


@router.post("/{market_id}/operating-right-withdrawal", **allow(Role.COMMERCE_OFFICER, Role.DISTRICT_APPROVER))
async def withdraw(market_id: str, body: On, c: ContainerDep, _officer: Officer) -> MarketOut:
    return MarketOut.of(await lifecycle.withdraw_operating_right(market_id, body.on, c.markets))


@router.post("/{market_id}/samples", status_code=201, **allow(Role.COMMERCE_OFFICER))
async def record_sample(market_id: str, body: SampleIn, c: ContainerDep) -> MarketOut:
    return MarketOut.of(await markets.record_sample(market_id, body.to_domain(), c.markets, c.today))


@router.get("/{market_id}/food-safety", **allow(public=True))
async def food_safety(market_id: str, c: ContainerDep) -> FoodSafetyOut:
    """Public and unauthenticated by design (抽检结果公示): the market's sampling results, newest first."""
    return FoodSafetyOut.of(await markets.get_market(market_id, c.markets))
