"""The dated rate table under /api/v1/insurance: read by anyone, changed by an officer."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path

from services.insurance.adapters.cycle_schemas import RateTableOut
from services.insurance.adapters.routes.dependencies import OFFICER_ONLY, ContainerDep, Officer
from services.insurance.adapters.schemas import RateTableIn
from services.insurance.application import rates as rate_cases
from shared.access import OWN_UNIT, allow
from shared.auth import Role
from shared.paging import PageOut, Paging
from shared.schemas import EARLIEST, LATEST

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance rates"])
EffectiveFrom = Annotated[date, Path(ge=EARLIEST, le=LATEST, description="the first day the table is in force")]


@router.put("/rates/{effective_from}", status_code=204, response_model=None, **OFFICER_ONLY)
async def set_rates(effective_from: EffectiveFrom, body: RateTableIn, c: ContainerDep, officer: Officer) -> None:
    """An officer records the rate table in force from a date (the first month charged is the one starting on
    or after it)."""
    await rate_cases.record_rates(c.rates, effective_from, body.plain_shares(), body.work_injury_by_class)


@router.get("/rates", response_model=PageOut[RateTableOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER, employer=OWN_UNIT))
async def list_rates(c: ContainerDep, paging: Paging) -> PageOut[RateTableOut]:
    """Every table by effective date, the defaults first (a handful a decade: paged in memory)."""
    tables = await rate_cases.rate_tables(c.rates)
    return PageOut.of(tables[paging.skip:paging.skip + paging.size], len(tables), paging, RateTableOut.of)
