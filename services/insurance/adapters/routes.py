"""Accounts, insured persons, arrears and repayments under /api/v1/insurance."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends

from services.insurance.adapters.schemas import (
    AccountOut, ArrearsOut, IndustryClassIn, MemberIn, MemberOut, PaymentMethodIn, RemovalIn, RepaymentIn, RepaymentOut,
    RepaymentResultIn, StatementOut)
from services.insurance.application import arrears as arrears_cases
from services.insurance.application import members as member_cases
from services.insurance.application.cycle import change_account
from services.insurance.bootstrap import Container
from services.insurance.domain import account as account_rules
from services.insurance.domain.arrears import late_fee
from services.insurance.domain.calendar import Period
from services.insurance.domain.money import total
from shared.errors import NotFound
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.get("/accounts/{employer_id}", response_model=AccountOut)
async def get_account(employer_id: str, c: ContainerDep) -> AccountOut:
    account = await c.accounts.get(employer_id)
    if account is None:
        raise NotFound(f"no contribution account for employer {employer_id}")
    owed = total(a.outstanding for a in await arrears_cases.open_arrears(c.statements, employer_id))
    return AccountOut.of(account, owed)


@router.put("/accounts/{employer_id}/payment-method", response_model=AccountOut)
async def set_payment_method(employer_id: str, body: PaymentMethodIn, c: ContainerDep) -> AccountOut:
    await change_account(c.accounts, employer_id, account_rules.set_payment_method, body.payment_method)
    return await get_account(employer_id, c)


@router.post("/accounts/{employer_id}/declarations/{period}", status_code=204)
async def declare_month(employer_id: str, period: str, c: ContainerDep) -> None:
    await change_account(c.accounts, employer_id, account_rules.declare, str(Period.parse(period)))


@router.post("/accounts/{employer_id}/members", response_model=MemberOut, status_code=201)
async def add_member(employer_id: str, body: MemberIn, c: ContainerDep) -> MemberOut:
    member = await member_cases.add_member(c.accounts, c.members, employer_id, body.resident_id, body.name,
                                           body.on or c.today())
    return MemberOut.of(member)


@router.post("/accounts/{employer_id}/members/{resident_id}/removal", response_model=MemberOut)
async def remove_member(employer_id: str, resident_id: str, body: RemovalIn, c: ContainerDep) -> MemberOut:
    member = await member_cases.remove_member(c.members, employer_id, resident_id, body.reason, body.on or c.today())
    return MemberOut.of(member)


@router.get("/accounts/{employer_id}/members", response_model=list[MemberOut])
async def list_members(employer_id: str, c: ContainerDep) -> list[MemberOut]:
    return [MemberOut.of(m) for m in await c.members.of_employer(employer_id)]


@router.get("/accounts/{employer_id}/statements", response_model=list[StatementOut])
async def list_statements(employer_id: str, c: ContainerDep) -> list[StatementOut]:
    return [StatementOut.of(s) for s in await c.statements.of_employer(employer_id)]


@router.get("/accounts/{employer_id}/arrears", response_model=ArrearsOut)
async def get_arrears(employer_id: str, c: ContainerDep, as_of: date | None = None) -> ArrearsOut:
    """Open arrears with late fees computed for `as_of` (default today) — never a stored, drifting number — and
    the fines imposed and unpaid by then."""
    as_of = as_of or c.today()
    arrears = sorted(await arrears_cases.open_arrears(c.statements, employer_id), key=lambda a: a.period)
    fees = [late_fee(a, as_of, c.policy.late_fee_daily) for a in arrears]
    return ArrearsOut.of(employer_id, as_of, arrears, fees, await c.fines.of_employer(employer_id))


@router.post("/accounts/{employer_id}/repayments", response_model=RepaymentOut, status_code=201)
async def file_repayment(employer_id: str, body: RepaymentIn, c: ContainerDep) -> RepaymentOut:
    repayment = await arrears_cases.file_repayment(c.statements, c.repayments, c.policy, employer_id,
                                                   body.periods, body.amount, body.paid_on, body.channel)
    return RepaymentOut.of(repayment)


@router.post("/accounts/{employer_id}/repayments/{repayment_id}/result", response_model=RepaymentOut)
async def conclude_repayment(employer_id: str, repayment_id: str, body: RepaymentResultIn,
                             c: ContainerDep) -> RepaymentOut:
    repayment = await arrears_cases.conclude_repayment(c.accounts, c.statements, c.repayments, c.fines, c.policy,
                                                       employer_id, repayment_id, body.received)
    return RepaymentOut.of(repayment)


@router.put("/accounts/{employer_id}/industry-class", response_model=AccountOut)
async def set_industry_class(employer_id: str, body: IndustryClassIn, c: ContainerDep) -> AccountOut:
    await change_account(c.accounts, employer_id, account_rules.set_industry_class, body.industry_class)
    return await get_account(employer_id, c)
