"""Applications: apply, review (10 working days), the bank's receipt (→ registered, certificate issued)."""
from __future__ import annotations

from fastapi import APIRouter

from services.registry.adapters.access import OFFICER
from services.registry.adapters.routes.dependencies import ContainerDep, EmployerId, Paged
from services.registry.adapters.schemas import ApplicationIn, BankAccountIn, EmployerOut, ReviewIn
from services.registry.adapters.translators import employer_out
from services.registry.application import registration
from services.registry.application.commands import ApplyForRegistration, RecordBankReceipt, ReviewApplication
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut

router = APIRouter(prefix="/api/v1/registry/employers/applications", tags=["registry: applications"])


@router.post("", status_code=201, response_model=EmployerOut, **allow(*OFFICER))
async def apply(body: ApplicationIn, c: ContainerDep) -> EmployerOut:
    """Accepted on the spot (第六条): on `on`, the day the officer received it, else today in Beijing."""
    command = ApplyForRegistration(body.name, body.uscc, body.unit_type, body.district_code, body.licence_date,
                                   tuple(body.documents), body.address)
    return employer_out(await registration.apply_for_registration(command, c.employers, c.today, body.on), c)


@router.get("", response_model=PageOut[EmployerOut], **allow(*OFFICER, Role.OPS))
async def list_applications(c: ContainerDep, paging: Paged, overdue: bool = False) -> PageOut[EmployerOut]:
    """Applications under review; `overdue=true`: past their `decision_due` (10 working days)."""
    found = await registration.applications(c.employers, c.today, overdue=overdue, paging=paging)
    return PageOut[EmployerOut].of(found.items, found.total, paging, lambda e: employer_out(e, c))


@router.post("/{employer_id}/review", response_model=EmployerOut, **allow(*OFFICER))
async def review(employer_id: EmployerId, body: ReviewIn, c: ContainerDep) -> EmployerOut:
    command = ReviewApplication(employer_id, body.decision == "approve", tuple(body.reasons), body.on)
    return employer_out(await registration.review_application(command, c.employers, c.today), c)


@router.post("/{employer_id}/bank-account", response_model=EmployerOut, **allow(*OFFICER))
async def bank_account(employer_id: EmployerId, body: BankAccountIn, c: ContainerDep) -> EmployerOut:
    command = RecordBankReceipt(employer_id, body.bank_name, body.account_number, body.receipt_date, body.on)
    return employer_out(await registration.record_bank_receipt(command, c.employers, c.certificates, c.today), c)
