"""Back-payments (补缴) and fines (罚款) under /api/v1/insurance."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header

from services.insurance.adapters.rates_routes import OFFICER, Forbidden
from services.insurance.adapters.schemas import (
    BackPaymentIn, BackPaymentOut, FineIn, FineOut, FinePaymentIn, RepaymentResultIn)
from services.insurance.application import back_payments as back_payment_cases
from services.insurance.application import fines as fine_cases
from services.insurance.bootstrap import Container
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance back-payments and fines"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.post("/accounts/{employer_id}/back-payments", response_model=BackPaymentOut, status_code=201)
async def file_back_payment(employer_id: str, body: BackPaymentIn, c: ContainerDep) -> BackPaymentOut:
    """补缴: past months of named persons, for exactly their contributions plus late fees to the payment day."""
    wanted = [(i.period, i.resident_id) for i in body.items]
    back_payment = await back_payment_cases.file_back_payment(
        c.accounts, c.members, c.bases, c.rates, c.back_payments, c.policy, employer_id, wanted, body.amount,
        body.paid_on, body.channel)
    return BackPaymentOut.of(back_payment)


@router.post("/accounts/{employer_id}/back-payments/{back_payment_id}/result", response_model=BackPaymentOut)
async def conclude_back_payment(employer_id: str, back_payment_id: str, body: RepaymentResultIn,
                                c: ContainerDep) -> BackPaymentOut:
    """`received: false` (failed debit, bounced cheque) cancels the record: it must be filed again."""
    back_payment = await back_payment_cases.conclude_back_payment(c.accounts, c.back_payments, employer_id,
                                                                  back_payment_id, body.received)
    return BackPaymentOut.of(back_payment)


@router.get("/accounts/{employer_id}/back-payments", response_model=list[BackPaymentOut])
async def list_back_payments(employer_id: str, c: ContainerDep) -> list[BackPaymentOut]:
    return [BackPaymentOut.of(b) for b in await c.back_payments.of_employer(employer_id)]


@router.post("/accounts/{employer_id}/fines", response_model=FineOut, status_code=201)
async def impose_fine(employer_id: str, body: FineIn, c: ContainerDep,
                      x_civic_role: Annotated[str | None, Header()] = None) -> FineOut:
    """An officer records a fine inside the range of its severity (422 naming the range otherwise)."""
    if x_civic_role != OFFICER:
        raise Forbidden("only an officer (X-Civic-Role: officer) may record a fine")
    fine = await fine_cases.impose_fine(c.accounts, c.fines, c.policy, employer_id, body.offence, body.severity,
                                        body.amount, body.imposed_on, body.reason)
    return FineOut.of(fine)


@router.get("/accounts/{employer_id}/fines", response_model=list[FineOut])
async def list_fines(employer_id: str, c: ContainerDep) -> list[FineOut]:
    return [FineOut.of(f) for f in await c.fines.of_employer(employer_id)]


@router.post("/accounts/{employer_id}/fines/{fine_id}/payment", response_model=FineOut)
async def pay_fine(employer_id: str, fine_id: str, body: FinePaymentIn, c: ContainerDep) -> FineOut:
    fine = await fine_cases.pay_fine(c.accounts, c.statements, c.fines, employer_id, fine_id, body.amount,
                                     body.paid_on)
    return FineOut.of(fine)
