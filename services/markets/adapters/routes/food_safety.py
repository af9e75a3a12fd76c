"""Food-safety inspections (第二十四、二十五条): the commerce officer records one per visit to a market; the records
are read by id and listed by market, district, outcome and the duty found wanting. Registered before the market
routes so `/food-safety-inspections` is never read as a market id. (The sampling results themselves are shown
publicly at `/{market_id}/food-safety`, 抽检结果公示.)"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import READERS, ContainerDep, MarketId, Officer
from services.markets.adapters.schemas.food_safety import FoodSafetyInspectionIn, FoodSafetyInspectionOut
from services.markets.application import food_safety
from services.markets.domain.food_safety import DUTIES

router = APIRouter(prefix="/api/v1/markets", tags=["markets food safety"])
InspectionId = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._:-]+$",
                                   description="the inspection record's id")]
Duty = Literal[tuple(DUTIES)]  # type: ignore[valid-type]


@router.post("/{market_id}/food-safety-inspections", status_code=201, summary="An inspection of the market's "
             "food-safety duties: each duty not met is a finding naming its rule and article",
             **allow(Role.COMMERCE_OFFICER))
async def inspect(market_id: MarketId, body: FoodSafetyInspectionIn, c: ContainerDep,
                  officer: Officer) -> FoodSafetyInspectionOut:
    record = await food_safety.inspect(market_id, body.day(c.today), officer.user, body.duties.model_dump(),
                                       body.testing.to_domain(), body.notes, c.markets, c.inspections, c.today)
    return FoodSafetyInspectionOut.of(record)


@router.get("/food-safety-inspections", summary="Food-safety inspection records (by inspection date), filtered by "
            "market, district, outcome and the duty found wanting", **allow(*READERS))
async def list_inspections(c: ContainerDep, paging: Paging,
                           market_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                           district_code: Annotated[str | None, Query(pattern=r"^\d{6}$")] = None,
                           outcome: Literal["compliant", "deficient"] | None = None,
                           duty: Duty | None = None) -> PageOut[FoodSafetyInspectionOut]:
    found = await food_safety.list_inspections(c.inspections, market_id=market_id, district_code=district_code,
                                               outcome=outcome, duty=duty, page=paging.page, size=paging.size)
    return PageOut[FoodSafetyInspectionOut].of(found.items, found.total, paging, FoodSafetyInspectionOut.of)


@router.get("/food-safety-inspections/{inspection_id}", summary="One food-safety inspection record",
            **allow(*READERS))
async def get_inspection(inspection_id: InspectionId, c: ContainerDep) -> FoodSafetyInspectionOut:
    return FoodSafetyInspectionOut.of(await food_safety.get_inspection(inspection_id, c.inspections))
