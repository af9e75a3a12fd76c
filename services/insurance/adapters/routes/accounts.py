"""Contribution accounts and their statements under /api/v1/insurance."""
from __future__ import annotations

from fastapi import APIRouter

from services.insurance.adapters.routes.dependencies import FILED_BY_THE_UNIT, OFFICER_ONLY, READ_OWN, ContainerDep
from services.insurance.adapters.schemas import AccountOut, IndustryClassIn, PaymentMethodIn, StatementOut
from services.insurance.application import accounts as account_cases

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])


@router.get("/accounts/{employer_id}", response_model=AccountOut, **READ_OWN)
async def get_account(employer_id: str, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.account_view(c.accounts, c.statements, employer_id))


@router.put("/accounts/{employer_id}/payment-method", response_model=AccountOut, **OFFICER_ONLY)
async def set_payment_method(employer_id: str, body: PaymentMethodIn, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.set_payment_method(c.accounts, c.statements, employer_id,
                                                                body.payment_method))


@router.put("/accounts/{employer_id}/industry-class", response_model=AccountOut, **OFFICER_ONLY)
async def set_industry_class(employer_id: str, body: IndustryClassIn, c: ContainerDep) -> AccountOut:
    return AccountOut.of(await account_cases.set_industry_class(c.accounts, c.statements, employer_id,
                                                                body.industry_class))


@router.post("/accounts/{employer_id}/declarations/{period}", status_code=204, response_model=None, **FILED_BY_THE_UNIT)
async def declare_month(employer_id: str, period: str, c: ContainerDep) -> None:
    await account_cases.declare_month(c.accounts, employer_id, period)


@router.get("/accounts/{employer_id}/statements", response_model=list[StatementOut], **READ_OWN)
async def list_statements(employer_id: str, c: ContainerDep) -> list[StatementOut]:
    return [StatementOut.of(s) for s in await c.statements.of_employer(employer_id)]
