"""What a unit must settle before it may deregister (登记管理办法 第十三条), as of a day: the same assessment that
answers `registry.employer.deregistration_requested`, readable before the unit asks."""
from __future__ import annotations

from datetime import date

from services.insurance.application.accounts import existing_account
from services.insurance.application.arrears import ArrearsView
from services.insurance.application.ports import Accounts, Fines, Statements
from services.insurance.domain.arrears import late_fee
from services.insurance.domain.deregistration import unpaid_months
from services.insurance.domain.rates import CollectionPolicy


async def assessment_as_of(accounts: Accounts, statements: Statements, fines: Fines, policy: CollectionPolicy,
                           employer_id: str, as_of: date) -> ArrearsView:
    """Every unpaid month — closed or still in its collection — with its late fee to `as_of`, and the fines."""
    await existing_account(accounts, employer_id)
    months = unpaid_months(await statements.amounts_of(employer_id), as_of)  # what is owed: no status needed
    fees = [late_fee(month, as_of, policy.late_fee_daily) for month in months]
    return ArrearsView(employer_id, as_of, months, fees, await fines.of_employer(employer_id))
