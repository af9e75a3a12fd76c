"""Arrears, repayments (归还欠款) under /api/v1/insurance."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep)
from services.insurance.adapters.schemas import ArrearsOut, RepaymentIn, RepaymentOut, RepaymentResultIn
from services.insurance.application import arrears as arrears_cases

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])


@router.get("/accounts/{employer_id}/arrears", response_model=ArrearsOut, **READ_OWN)
async def get_arrears(employer_id: str, c: ContainerDep, as_of: date | None = None) -> ArrearsOut:
    """Open arrears with late fees computed for `as_of` (default today) — never a stored, drifting number — and
    the fines imposed and unpaid by then."""
    return ArrearsOut.of(await arrears_cases.arrears_as_of(c.statements, c.fines, c.policy, employer_id,
                                                           as_of or c.today()))


@router.post("/accounts/{employer_id}/repayments", response_model=RepaymentOut, status_code=201, **FILED_BY_THE_UNIT)
async def file_repayment(employer_id: str, body: RepaymentIn, c: ContainerDep) -> RepaymentOut:
    repayment = await arrears_cases.file_repayment(c.statements, c.repayments, c.policy, employer_id,
                                                   body.periods, body.amount, body.paid_on, body.channel)
    return RepaymentOut.of(repayment)


@router.post("/accounts/{employer_id}/repayments/{repayment_id}/result", response_model=RepaymentOut, **OFFICER_ONLY)
async def conclude_repayment(employer_id: str, repayment_id: str, body: RepaymentResultIn,
                             c: ContainerDep) -> RepaymentOut:
    repayment = await arrears_cases.conclude_repayment(c.accounts, c.statements, c.repayments, c.fines, c.policy,
                                                       employer_id, repayment_id, body.received)
    return RepaymentOut.of(repayment)
