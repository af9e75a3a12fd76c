"""Food-safety inspections (第二十四、二十五条): the officer's record per market, read back and listed by finding."""
from __future__ import annotations

import uuid
from datetime import date

from services.markets.application import found
from services.markets.application.ports import Inspections, Markets, Today
from services.markets.domain import food_safety as rules
from services.markets.domain.food_safety import FoodSafetyInspection, SampleTesting
from shared.repository import Page


async def inspect(market_id: str, inspected_on: date, inspector: str, observed: dict[str, bool],
                  testing: SampleTesting, notes: str, markets: Markets, inspections: Inspections,
                  today: Today) -> FoodSafetyInspection:
    """Every duty checked against the market as it stands (its status, its recorded samples); a new record."""
    market = await found.get(markets, market_id, what="market")
    record = rules.inspect(f"fsi-{uuid.uuid4()}", market, inspected_on, inspector, observed, testing, notes, today())
    await inspections.add(record)
    return record


async def get_inspection(inspection_id: str, inspections: Inspections) -> FoodSafetyInspection:
    return await found.get(inspections, inspection_id, what="inspection")


async def list_inspections(inspections: Inspections, *, market_id: str | None, district_code: str | None,
                           outcome: str | None, duty: str | None, page: int, size: int
                           ) -> Page[FoodSafetyInspection]:
    return await inspections.listing(market_id=market_id, district_code=district_code, outcome=outcome, duty=duty,
                                     page=page, size=size)
