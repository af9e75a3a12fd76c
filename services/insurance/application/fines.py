"""Fines (罚款): recorded by an officer inside the regulation's range, paid whole, counted in the settlement."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from services.insurance.adapters.cycle_repository import StatementRepository
from services.insurance.adapters.fines_repository import FineRepository
from services.insurance.adapters.repository import AccountRepository
from services.insurance.application.arrears import after_payment
from services.insurance.domain import fines as rules
from services.insurance.domain.fines import Fine, Offence, Severity
from services.insurance.domain.rates import CollectionPolicy
from shared.errors import NotFound


async def impose_fine(accounts: AccountRepository, fines: FineRepository, policy: CollectionPolicy,
                      employer_id: str, offence: Offence, severity: Severity, amount: Decimal, imposed_on: date,
                      reason: str) -> Fine:
    if await accounts.get(employer_id) is None:
        raise NotFound(f"no contribution account for employer {employer_id}")
    fine = rules.impose_fine(str(uuid.uuid4()), employer_id, offence, severity, amount, imposed_on, reason,
                             policy.fine_ranges)
    await fines.save(fine)
    return fine


async def pay_fine(accounts: AccountRepository, statements: StatementRepository, fines: FineRepository,
                   employer_id: str, fine_id: str, amount: Decimal, paid_on: date) -> Fine:
    """Paid: with no contributions and no other fine left, a waiting deregistration gets `arrears.settled`."""
    async with accounts.lock(employer_id):
        fine = await fines.get(fine_id)
        if fine is None or fine.employer_id != employer_id:
            raise NotFound(f"no fine {fine_id} for employer {employer_id}")
        fine = rules.pay_fine(fine, amount, paid_on)
        await fines.save(fine)
        await after_payment(accounts, statements, fines, employer_id, paid_on)
    return fine
