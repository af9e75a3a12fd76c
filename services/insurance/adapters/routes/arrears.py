"""Arrears, repayments (归还欠款) under /api/v1/insurance."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId, RecordId)
from services.insurance.adapters.schemas import ArrearsOut, RepaymentIn, RepaymentOut, ResultIn
from services.insurance.application import accounts as account_cases
from services.insurance.application import arrears as arrears_cases
from shared.schemas import EARLIEST, LATEST

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])
AsOf = Annotated[date | None, Query(ge=EARLIEST, le=LATEST, description="the day the arrears are computed for; "
                                                                        "today in Beijing when left out")]


@router.get("/accounts/{employer_id}/arrears", response_model=ArrearsOut, **READ_OWN)
async def get_arrears(employer_id: EmployerId, c: ContainerDep, on: AsOf = None) -> ArrearsOut:
    """Open arrears with late fees computed for `on` (default today in Beijing) — never a stored, drifting
    number — and the fines imposed and unpaid by then."""
    await account_cases.existing_account(c.accounts, employer_id)
    return ArrearsOut.of(await arrears_cases.arrears_as_of(c.statements, c.fines, c.policy, employer_id,
                                                           on or c.today()))


@router.post("/accounts/{employer_id}/repayments", response_model=RepaymentOut, status_code=201, **FILED_BY_THE_UNIT)
async def file_repayment(employer_id: EmployerId, body: RepaymentIn, c: ContainerDep) -> RepaymentOut:
    await account_cases.existing_account(c.accounts, employer_id)
    repayment = await arrears_cases.file_repayment(c.statements, c.repayments, c.policy, employer_id,
                                                   body.periods, body.amount, body.paid_on or c.today(), body.channel)
    return RepaymentOut.of(repayment)


@router.post("/accounts/{employer_id}/repayments/{repayment_id}/result", response_model=RepaymentOut, **OFFICER_ONLY)
async def conclude_repayment(employer_id: EmployerId, repayment_id: RecordId, body: ResultIn,
                             c: ContainerDep) -> RepaymentOut:
    repayment = await arrears_cases.conclude_repayment(c.accounts, c.statements, c.repayments, c.fines, c.policy,
                                                       employer_id, repayment_id, body.arrived, c.escalation_cases)
    return RepaymentOut.of(repayment)
