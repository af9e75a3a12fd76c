"""Insured persons: additions and removals (direct in the 5th–25th window, or queued when they come as events)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from services.insurance.application.accounts import existing_account
from services.insurance.application.ports import Accounts, Members
from services.insurance.domain import members as rules
from services.insurance.domain.members import Member, RemovalReason


async def add_member(accounts: Accounts, members: Members, employer_id: str, resident_id: str, name: str,
                     on: date, *, queued: bool = False) -> Member:
    await existing_account(accounts, employer_id)
    resident_id = rules.valid_resident_id(resident_id)
    return await _record(members, resident_id,
                         lambda existing: rules.add_member(existing, employer_id, resident_id, name, on, queued=queued))


async def remove_member(members: Members, employer_id: str, resident_id: str, reason: RemovalReason, on: date, *,
                        queued: bool = False) -> Member:
    return await _record(members, resident_id,
                         lambda member: rules.remove_member(member, employer_id, resident_id, reason, on,
                                                            queued=queued))


async def _record(members: Members, resident_id: str, rule: Callable[[Member | None], Member]) -> Member:
    """A person's record is the key of one insured relationship: the rule sees the record there is (or none —
    a first addition, or a removal the rule refuses with its own 404) and its outcome is written at its
    revision. `shared.usecase.change` needs an existing aggregate, so it cannot be used here."""
    async with members.lock(resident_id):
        existing, loaded = await members.load(resident_id)
        member = rule(existing)
        await members.save(member, loaded=loaded)
    return member
