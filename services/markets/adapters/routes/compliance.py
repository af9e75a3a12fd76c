"""An officer's inspection and the cases it opens: refusal to correct, and the fine inside the case's range."""
from __future__ import annotations

from fastapi import APIRouter

from shared.access import allow
from shared.auth import Role

from services.markets.adapters.routes.dependencies import CaseNumber, MarketId, ContainerDep, Officer
from services.markets.adapters.schemas.markets import FineIn, InspectionIn, MarketOut
from services.markets.application import compliance

router = APIRouter(prefix="/api/v1/markets", tags=["markets"])


@router.post("/{market_id}/inspections", **allow(Role.COMMERCE_OFFICER))
async def inspect(market_id: MarketId, body: InspectionIn, c: ContainerDep, _officer: Officer) -> MarketOut:
    return MarketOut.of(await compliance.inspect(market_id, body.areas.to_domain(), body.use, body.day(c.today),
                                                 c.markets))


@router.post("/{market_id}/cases/{case_number}/refusal", **allow(Role.COMMERCE_OFFICER))
async def refuse_correction(market_id: MarketId, case_number: CaseNumber, c: ContainerDep, _officer: Officer
                            ) -> MarketOut:
    return MarketOut.of(await compliance.refuse_correction(market_id, case_number, c.markets))


@router.post("/{market_id}/cases/{case_number}/fine", **allow(Role.COMMERCE_OFFICER))
async def impose_fine(market_id: MarketId, case_number: CaseNumber, body: FineIn, c: ContainerDep,
                      officer: Officer) -> MarketOut:
    return MarketOut.of(await compliance.impose_fine(market_id, case_number, body.amount, officer.user, c.markets))
