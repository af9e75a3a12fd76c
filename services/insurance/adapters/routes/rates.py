"""The dated rate table under /api/v1/insurance: read by anyone, changed by an officer."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from services.insurance.adapters.cycle_schemas import RateTableOut
from services.insurance.adapters.routes.dependencies import OFFICER_ONLY, ContainerDep, Officer
from services.insurance.adapters.schemas import RateTableIn
from services.insurance.application import rates as rate_cases
from shared.access import OWN_UNIT, allow
from shared.auth import Role

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance rates"])


@router.put("/rates/{effective_from}", status_code=204, response_model=None, **OFFICER_ONLY)
async def set_rates(effective_from: date, body: RateTableIn, c: ContainerDep, officer: Officer) -> None:
    """An officer records the rate table in force from a date (the first month charged is the one starting on
    or after it)."""
    await rate_cases.record_rates(c.rates, effective_from, body.plain_shares(), body.work_injury_by_class)


@router.get("/rates", response_model=list[RateTableOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER, employer=OWN_UNIT))
async def list_rates(c: ContainerDep) -> list[RateTableOut]:
    return [RateTableOut.of(t) for t in await rate_cases.rate_tables(c.rates)]
