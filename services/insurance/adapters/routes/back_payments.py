"""Back-payments (补缴) of an account under /api/v1/insurance."""
from __future__ import annotations

from fastapi import APIRouter

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId, RecordId)
from services.insurance.adapters.back_payment_schemas import BackPaymentIn, BackPaymentOut
from services.insurance.adapters.schemas import ResultIn
from services.insurance.application import accounts as account_cases
from services.insurance.application import back_payments as back_payment_cases
from services.insurance.domain.back_payment import BackPaymentStatus
from shared.paging import PageOut, Paging

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance back-payments and fines"])


@router.post("/accounts/{employer_id}/back-payments", response_model=BackPaymentOut, status_code=201,
             **FILED_BY_THE_UNIT)
async def file_back_payment(employer_id: EmployerId, body: BackPaymentIn, c: ContainerDep) -> BackPaymentOut:
    """补缴: past months of named persons, for exactly their contributions plus late fees to the payment day."""
    back_payment = await back_payment_cases.file_back_payment(
        c.accounts, c.members, c.bases, c.rates, c.back_payments, c.policy, employer_id, body.wanted(), body.amount,
        body.paid_on or c.today(), body.channel)
    return BackPaymentOut.of(back_payment)


@router.post("/accounts/{employer_id}/back-payments/{back_payment_id}/result", response_model=BackPaymentOut,
             **OFFICER_ONLY)
async def conclude_back_payment(employer_id: EmployerId, back_payment_id: RecordId, body: ResultIn,
                                c: ContainerDep) -> BackPaymentOut:
    """`arrived: false` (failed debit, bounced cheque) cancels the record: it must be filed again."""
    back_payment = await back_payment_cases.conclude_back_payment(c.back_payments, employer_id, back_payment_id,
                                                                  body.arrived)
    return BackPaymentOut.of(back_payment)


@router.get("/accounts/{employer_id}/back-payments", response_model=PageOut[BackPaymentOut], **READ_OWN)
async def list_back_payments(employer_id: EmployerId, c: ContainerDep, paging: Paging,
                             status: BackPaymentStatus | None = None) -> PageOut[BackPaymentOut]:
    """The unit's back-payments by payment day, optionally of one status."""
    await account_cases.existing_account(c.accounts, employer_id)
    found = await c.back_payments.listing(employer_id, paging.page, paging.size, status=status and status.value)
    return PageOut.of(found.items, found.total, paging, BackPaymentOut.of)
