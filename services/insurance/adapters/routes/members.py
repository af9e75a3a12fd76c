"""Insured persons of an account under /api/v1/insurance (additions and removals in the 5th–25th window)."""
from __future__ import annotations

from fastapi import APIRouter

from services.insurance.adapters.routes.dependencies import (
    FILED_BY_THE_UNIT, READ_OWN, ContainerDep, EmployerId, ResidentId)
from services.insurance.adapters.schemas import MemberIn, MemberOut, RemovalIn
from services.insurance.application import accounts as account_cases
from services.insurance.application import members as member_cases
from shared.paging import PageOut, Paging

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance"])


@router.post("/accounts/{employer_id}/members", response_model=MemberOut, status_code=201, **FILED_BY_THE_UNIT)
async def add_member(employer_id: EmployerId, body: MemberIn, c: ContainerDep) -> MemberOut:
    return MemberOut.of(await member_cases.add_member(c.accounts, c.members, employer_id, body.resident_id,
                                                      body.name, body.on or c.today()))


@router.post("/accounts/{employer_id}/members/{resident_id}/removal", response_model=MemberOut, **FILED_BY_THE_UNIT)
async def remove_member(employer_id: EmployerId, resident_id: ResidentId, body: RemovalIn,
                        c: ContainerDep) -> MemberOut:
    return MemberOut.of(await member_cases.remove_member(c.members, employer_id, resident_id, body.reason,
                                                         body.on or c.today()))


@router.get("/accounts/{employer_id}/members", response_model=PageOut[MemberOut], **READ_OWN)
async def list_members(employer_id: EmployerId, c: ContainerDep, paging: Paging) -> PageOut[MemberOut]:
    """The unit's insured persons, present and removed, by resident ID."""
    await account_cases.existing_account(c.accounts, employer_id)
    found = await c.members.of_employer_page(employer_id, paging.page, paging.size)
    return PageOut.of(found.items, found.total, paging, MemberOut.of)
