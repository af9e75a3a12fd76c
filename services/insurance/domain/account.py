"""The contribution account (社会保险缴费账户) of a registered employer."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.events import AccountOpened, EmployerRegistered


class AccountStatus(StrEnum):
    OPEN = "open"


class StatementMode(StrEnum):
    """`auto`: monthly statements generated from headcount; `active_declaration` after 2 unpaid months."""

    AUTO = "auto"
    ACTIVE_DECLARATION = "active_declaration"


class PaymentMethod(StrEnum):
    BANK_DEBIT = "bank_debit"
    CASH_CHEQUE = "cash_cheque"


@dataclass(frozen=True)
class Account:
    employer_id: str
    name: str
    uscc: str
    district_code: str
    status: AccountStatus
    mode: StatementMode
    payment_method: PaymentMethod
    arrears: Decimal
    opened_on: date


def open_for(existing: Account | None, registered: EmployerRegistered, today: date
             ) -> tuple[Account, list[AccountOpened]]:
    """One account per registered employer; a repeated registration event changes nothing."""
    if existing is not None:
        return existing, []
    account = Account(
        employer_id=registered.employer_id, name=registered.name, uscc=registered.uscc,
        district_code=registered.district_code, status=AccountStatus.OPEN, mode=StatementMode.AUTO,
        payment_method=PaymentMethod.BANK_DEBIT, arrears=Decimal("0.00"), opened_on=today,
    )
    return account, [AccountOpened(employer_id=account.employer_id, opened_on=today)]
