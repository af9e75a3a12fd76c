"""Compliance cases (第三十二至三十五条): the commerce officer opens one for an act done without the approval it
needs; every case, city-wide or one market's, as a page. (Inspections, refusals to correct and fines: compliance.py;
the cases of missed deadlines: the `overdue-cases` job.) Registered before `/{market_id}`."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import (READERS, CaseNumber, ContainerDep, MarketId, Officer,
                                                           page_of)
from services.markets.adapters.schemas.cases import ActCaseIn, CaseKind, CaseStatus, MarketCaseOut
from services.markets.application import cases, markets

router = APIRouter(prefix="/api/v1/markets", tags=["markets compliance cases"])
DistrictCode = Annotated[str | None, Query(pattern=r"^\d{6}$", description="6-digit district code")]


@router.get("/cases", summary="Every compliance case (by market id, then case number), filtered by kind, status "
            "and district", **allow(*READERS))
async def list_cases(c: ContainerDep, paging: Paging, kind: CaseKind | None = None, status: CaseStatus | None = None,
                     district_code: DistrictCode = None) -> PageOut[MarketCaseOut]:
    rows = await cases.city_cases(c.markets, kind=kind, status=status, district_code=district_code)
    return page_of(rows, paging, lambda row: MarketCaseOut.of_market(*row))


@router.post("/{market_id}/cases", status_code=201, summary="Open a case for an unapproved sub-letting, "
             "suspension, merger, closure, demolition, relocation or rebuilding", **allow(Role.COMMERCE_OFFICER))
async def open_act_case(market_id: MarketId, body: ActCaseIn, c: ContainerDep, _officer: Officer,
                        response: Response) -> MarketCaseOut:
    market = await cases.open_act_case(market_id, body.finding(), body.day(c.today), c.today(), c.markets)
    case = market.cases[-1]
    response.headers["Location"] = f"/api/v1/markets/{market.id}/cases/{case.number}"
    return MarketCaseOut.of_market(market, case)


@router.get("/{market_id}/cases", summary="One market's cases (by number), filtered by kind and status",
            **allow(*READERS))
async def list_market_cases(market_id: MarketId, c: ContainerDep, paging: Paging, kind: CaseKind | None = None,
                            status: CaseStatus | None = None) -> PageOut[MarketCaseOut]:
    market = await markets.get_market(market_id, c.markets)
    rows = [(market, case) for case in cases.market_cases(market, kind=kind, status=status)]
    return page_of(rows, paging, lambda row: MarketCaseOut.of_market(*row))


@router.get("/{market_id}/cases/{case_number}", **allow(*READERS))
async def get_case(market_id: MarketId, case_number: CaseNumber, c: ContainerDep) -> MarketCaseOut:
    return MarketCaseOut.of_market(*await cases.get_case(market_id, case_number, c.markets))
