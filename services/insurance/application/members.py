"""Insured persons: additions and removals (direct in the 5th–25th window, or queued when they come as events)."""
from __future__ import annotations

from datetime import date

from services.insurance.adapters.members_repository import MemberRepository
from services.insurance.adapters.repository import AccountRepository
from services.insurance.domain import members as rules
from services.insurance.domain.members import Member, RemovalReason
from shared.errors import NotFound


async def add_member(accounts: AccountRepository, members: MemberRepository, employer_id: str, resident_id: str,
                     name: str, on: date, *, queued: bool = False) -> Member:
    await _require_account(accounts, employer_id)
    resident_id = rules.valid_resident_id(resident_id)
    async with members.lock(resident_id):
        member = rules.add_member(await members.get(resident_id), employer_id, resident_id, name, on, queued=queued)
        await members.save(member)
    return member


async def remove_member(members: MemberRepository, employer_id: str, resident_id: str, reason: RemovalReason,
                        on: date, *, queued: bool = False) -> Member:
    async with members.lock(resident_id):
        member = rules.remove_member(await members.get(resident_id), employer_id, resident_id, reason, on,
                                     queued=queued)
        await members.save(member)
    return member


async def _require_account(accounts: AccountRepository, employer_id: str) -> None:
    if await accounts.get(employer_id) is None:
        raise NotFound(f"no contribution account for employer {employer_id}")
