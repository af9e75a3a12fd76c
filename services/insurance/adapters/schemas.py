"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from services.insurance.domain.account import Account


class AccountOut(BaseModel):
    employer_id: str
    name: str
    uscc: str
    district_code: str
    status: str
    mode: str
    payment_method: str
    arrears: Decimal
    opened_on: date

    @classmethod
    def of(cls, account: Account) -> "AccountOut":
        return cls(employer_id=account.employer_id, name=account.name, uscc=account.uscc,
                   district_code=account.district_code, status=account.status.value, mode=account.mode.value,
                   payment_method=account.payment_method.value, arrears=account.arrears,
                   opened_on=account.opened_on)
