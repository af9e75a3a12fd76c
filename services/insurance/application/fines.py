"""Fines (罚款): recorded by an officer inside the regulation's range, paid whole, counted in the settlement."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from services.insurance.application.accounts import existing_account
from services.insurance.application.arrears import after_payment
from services.insurance.application.changes import change_named, unknown
from services.insurance.application.ports import Accounts, Fines, Statements
from services.insurance.domain import fines as rules
from services.insurance.domain.fines import Fine, Offence, Severity
from services.insurance.domain.rates import CollectionPolicy


async def impose_fine(accounts: Accounts, fines: Fines, policy: CollectionPolicy,
                      employer_id: str, offence: Offence, severity: Severity, amount: Decimal, imposed_on: date,
                      reason: str) -> Fine:
    await existing_account(accounts, employer_id)
    fine = rules.impose_fine(str(uuid.uuid4()), employer_id, offence, severity, amount, imposed_on, reason,
                             policy.fine_ranges)
    await fines.add(fine)
    return fine


async def pay_fine(accounts: Accounts, statements: Statements, fines: Fines,
                   employer_id: str, fine_id: str, amount: Decimal, paid_on: date) -> Fine:
    """Paid: with no contributions and no other fine left, a waiting deregistration gets `arrears.settled`."""
    def decide(fine: Fine):
        if fine.employer_id != employer_id:
            raise unknown("fine_id", "unknown-fine", f"no fine {fine_id} for employer {employer_id}")
        return rules.pay_fine(fine, amount, paid_on), []

    fine = await change_named(fines, fine_id, decide, what="fine", field="fine_id",
                             rule="unknown-fine")
    await after_payment(accounts, statements, fines, employer_id, paid_on)
    return fine
