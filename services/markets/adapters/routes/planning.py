"""Planning oversight: coverage per area and per district (2SFCA), the statutory deadlines passed, and the
residential areas registry recorded against the planning condition. Registered before the market routes so
`/coverage` is never read as a market id."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from shared.access import allow

from services.markets.adapters.routes.dependencies import READERS, ContainerDep
from services.markets.adapters.schemas.planning import (AreaCoverageOut, BreachOut, DistrictCoverageOut,
                                                        PlanningBreachOut)
from services.markets.application import coverage, deadlines, references

router = APIRouter(prefix="/api/v1/markets", tags=["markets planning"])


@router.get("/areas/planning-breaches", summary="Residential areas registry recorded against the planning "
            "condition (new area: market floor area ≥ 2 % of the residential floor area)", **allow(*READERS))
async def area_planning_breaches(c: ContainerDep) -> list[PlanningBreachOut]:
    return [PlanningBreachOut.of(row) for row in await references.planning_breaches(c.areas)]


@router.get("/coverage", summary="Per residential area: 2SFCA supply ratio (m²/resident), nearest market, deficit",
            **allow(*READERS))
async def area_coverage(c: ContainerDep) -> list[AreaCoverageOut]:
    return [AreaCoverageOut(**row) for row in await coverage.per_area(c.areas, c.markets)]


@router.get("/coverage/summary", summary="Per district: areas and residents covered, total deficit in m²",
            **allow(*READERS))
async def district_coverage(c: ContainerDep) -> list[DistrictCoverageOut]:
    return [DistrictCoverageOut(**row) for row in await coverage.per_district(c.areas, c.markets)]


@router.get("/deadlines/breaches", summary="Statutory deadlines passed before `on` without the step taken",
            **allow(*READERS))
async def deadline_breaches(on: Annotated[date, Query()], c: ContainerDep) -> list[BreachOut]:
    return [BreachOut.of(b) for b in await deadlines.deadline_breaches(on, c.markets, c.areas)]
