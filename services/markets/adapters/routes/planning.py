"""Planning oversight: coverage per area and per district (2SFCA), the statutory deadlines passed, and the
residential areas registry recorded against the planning condition, each a page (`shared.paging`). Registered
before the market routes so `/coverage` is never read as a market id."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from shared.access import allow
from shared.paging import PageOut, Paging

from services.markets.adapters.routes.dependencies import READERS, ContainerDep, page_of
from services.markets.adapters.schemas.planning import (AreaCoverageOut, BreachOut, DistrictCoverageOut,
                                                        PlanningBreachOut)
from services.markets.application import coverage, deadlines, references

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])


@router.get("/areas/planning-breaches", summary="Residential areas registry recorded against the planning "
            "condition (new area: market floor area ≥ 2 % of the residential floor area)", **allow(*READERS))
async def area_planning_breaches(c: ContainerDep, paging: Paging) -> PageOut[PlanningBreachOut]:
    rows, total_count = await references.planning_breaches(c.areas, paging.skip, paging.size)
    return PageOut[PlanningBreachOut].of(rows, total_count, paging, PlanningBreachOut.of)


@router.get("/coverage", summary="Per residential area (by id): 2SFCA supply ratio (m²/resident), nearest market, "
            "deficit", **allow(*READERS))
async def area_coverage(c: ContainerDep, paging: Paging) -> PageOut[AreaCoverageOut]:
    rows = sorted(await coverage.per_area(c.areas, c.markets), key=lambda row: row["area_id"])
    return page_of(rows, paging, AreaCoverageOut.of)


@router.get("/coverage/summary", summary="Per district (by code): areas and residents covered, total deficit in m²",
            **allow(*READERS))
async def district_coverage(c: ContainerDep, paging: Paging) -> PageOut[DistrictCoverageOut]:
    return page_of(await coverage.per_district(c.areas, c.markets), paging, DistrictCoverageOut.of)


@router.get("/deadlines/breaches", summary="Statutory deadlines passed before `on` without the step taken",
            **allow(*READERS))
async def deadline_breaches(on: Annotated[date, Query(ge=date(1900, 1, 1), le=date(2100, 12, 31))],
                            c: ContainerDep, paging: Paging) -> PageOut[BreachOut]:
    return page_of(await deadlines.deadline_breaches(on, c.markets, c.areas), paging, BreachOut.of)
