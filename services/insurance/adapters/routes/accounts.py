"""Contribution accounts and their statements under /api/v1/insurance."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep, EmployerId)
from services.insurance.adapters.schemas import (
    AccountOut, AccountSummaryOut, ArrearsOut, IndustryClassIn, PaymentMethodIn, StatementOut)
from services.insurance.application import accounts as account_cases
from services.insurance.application import deregistration, listings
from services.insurance.domain.account import AccountStatus, CertificateStatus, PaymentMethod
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging
from shared.params import Month
from shared.schemas import EARLIEST, LATEST

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])
AsOf = Annotated[date | None, Query(ge=EARLIEST, le=LATEST, description="the day the assessment is made for; "
                                                                        "today in Beijing when left out")]
District = Annotated[str | None, Query(pattern=r"^\d{6}$", description="the account's district code")]


@router.get("/accounts", response_model=PageOut[AccountSummaryOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER))
async def list_accounts(c: ContainerDep, paging: Paging, payment_method: PaymentMethod | None = None,
                        status: AccountStatus | None = None, district_code: District = None,
                        certificate_status: CertificateStatus | None = None) -> PageOut[AccountSummaryOut]:
    """Accounts by employer id, e.g. a district's cash-paying units (`?payment_method=cash_cheque`) or the units
    whose registration certificate lapsed (`?certificate_status=lapsed`): officers only."""
    found = await c.accounts.listing(paging.page, paging.size, payment_method=payment_method and payment_method.value,
                                     status=status and status.value, district_code=district_code,
                                     certificate_status=certificate_status and certificate_status.value)
    return PageOut.of(found.items, found.total, paging, AccountSummaryOut.of)


@router.get("/accounts/{employer_id}", response_model=AccountOut, **READ_OWN)
async def get_account(employer_id: EmployerId, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.account_view(c.accounts, c.statements, employer_id))


@router.put("/accounts/{employer_id}/payment-method", response_model=AccountOut, **OFFICER_ONLY)
async def set_payment_method(employer_id: EmployerId, body: PaymentMethodIn, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.set_payment_method(c.accounts, c.statements, employer_id,
                                                                body.payment_method))


@router.put("/accounts/{employer_id}/industry-class", response_model=AccountOut, **OFFICER_ONLY)
async def set_industry_class(employer_id: EmployerId, body: IndustryClassIn, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.set_industry_class(c.accounts, c.statements, employer_id,
                                                                body.industry_class))


@router.post("/accounts/{employer_id}/declarations/{period}", status_code=204, response_model=None, **FILED_BY_THE_UNIT)
async def declare_month(employer_id: EmployerId, period: Month, c: ContainerDep) -> None:
    await account_cases.declare_month(c.accounts, employer_id, period)


@router.get("/accounts/{employer_id}/statements", response_model=PageOut[StatementOut], **READ_OWN)
async def list_statements(employer_id: EmployerId, c: ContainerDep, paging: Paging) -> PageOut[StatementOut]:
    """The unit's monthly statements, oldest month first."""
    found = await listings.account_statements(c.accounts, c.statements, employer_id, paging.page, paging.size)
    return PageOut.of(found.items, found.total_count, paging, StatementOut.of)


@router.get("/accounts/{employer_id}/deregistration-assessment", response_model=ArrearsOut, **READ_OWN)
async def get_deregistration_assessment(employer_id: EmployerId, c: ContainerDep, on: AsOf = None) -> ArrearsOut:
    """What the unit must settle before deregistering (登记管理办法 第十三条), as of `on`: every unpaid month, closed
    or still in its collection, with its late fee to that day, and the unpaid fines — the answer registry gets."""
    return ArrearsOut.of(await deregistration.assessment_as_of(c.accounts, c.statements, c.fines, c.policy,
                                                               employer_id, on or c.today()))
