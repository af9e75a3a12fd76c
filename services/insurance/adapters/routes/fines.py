"""Fines (罚款) of an account under /api/v1/insurance: recorded by an officer, paid whole."""
from __future__ import annotations

from fastapi import APIRouter

from services.insurance.adapters.routes.dependencies import (
    OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId, Officer, RecordId)
from services.insurance.adapters.schemas import FineIn, FineOut, FinePaymentIn
from services.insurance.application import accounts as account_cases
from services.insurance.application import fines as fine_cases
from services.insurance.domain.fines import FineStatus
from shared.paging import PageOut, Paging

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance back-payments and fines"])


@router.post("/accounts/{employer_id}/fines", response_model=FineOut, status_code=201, **OFFICER_ONLY)
async def impose_fine(employer_id: EmployerId, body: FineIn, c: ContainerDep, officer: Officer) -> FineOut:
    """An officer records a fine inside the range of its severity (422 naming the range otherwise)."""
    fine = await fine_cases.impose_fine(c.accounts, c.fines, c.policy, employer_id, body.offence, body.severity,
                                        body.amount, body.imposed_on or c.today(), body.reason)
    return FineOut.of(fine)


@router.get("/accounts/{employer_id}/fines", response_model=PageOut[FineOut], **READ_OWN)
async def list_fines(employer_id: EmployerId, c: ContainerDep, paging: Paging,
                     status: FineStatus | None = None) -> PageOut[FineOut]:
    """The unit's fines by the day they were imposed, optionally only `imposed` (unpaid) or `paid` ones."""
    await account_cases.existing_account(c.accounts, employer_id)
    found = await c.fines.listing(employer_id, paging.page, paging.size, status=status and status.value)
    return PageOut.of(found.items, found.total, paging, FineOut.of)


@router.post("/accounts/{employer_id}/fines/{fine_id}/payment", response_model=FineOut, **OFFICER_ONLY)
async def pay_fine(employer_id: EmployerId, fine_id: RecordId, body: FinePaymentIn, c: ContainerDep) -> FineOut:
    fine = await fine_cases.pay_fine(c.accounts, c.statements, c.fines, employer_id, fine_id, body.amount,
                                     body.paid_on or c.today())
    return FineOut.of(fine)
