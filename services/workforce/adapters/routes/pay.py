"""Monthly payroll (run as a job: `routes/jobs.py`) and the yearly bonus, each run once."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from services.workforce.adapters.routes.dependencies import PREFIX, ContainerDep, EmployerQuery
from services.workforce.adapters.schemas.pay import BonusIn, BonusOut, PayrollOut
from services.workforce.adapters.translators import period_of
from services.workforce.application import pay as cases
from services.workforce.domain.pay import Period
from shared.access import allow
from shared.auth import Role
from shared.params import Month, Year

router = APIRouter(prefix=PREFIX, tags=["workforce"])
PeriodPath = Annotated[Period, Depends(period_of)]


@router.get("/payroll/{period}", response_model=PayrollOut,
            **allow(Role.STREET_OFFICER, Role.OPS, Role.INSURANCE_OFFICER))
async def get_payroll(period: Month, c: ContainerDep) -> dict:
    return await cases.payroll_run(period_of(period), c.payroll)


@router.post("/bonus/{year}", status_code=201, response_model=BonusOut, **allow(Role.STREET_OFFICER, Role.OPS))
async def run_bonus(year: Year, body: BonusIn, c: ContainerDep) -> dict:
    return await cases.run_bonus(body.employer_id, year, c.workers, c.bonuses, c.policy, c.references)


@router.get("/bonus/{year}", response_model=BonusOut, **allow(Role.STREET_OFFICER, Role.OPS, Role.INSURANCE_OFFICER))
async def get_bonus(year: Year, employer_id: EmployerQuery, c: ContainerDep) -> dict:
    return await cases.bonus_run(employer_id, year, c.bonuses)
