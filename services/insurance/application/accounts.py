"""Contribution accounts: what a unit owes now, and an officer's changes of one account."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.insurance.application.ports import Accounts, Statements
from services.insurance.domain import account as rules
from services.insurance.domain.account import Account, PaymentMethod
from services.insurance.domain.calendar import Period
from services.insurance.domain.money import total
from services.insurance.domain.refusals import broken
from shared.errors import NotFound
from shared.usecase import change, without_events

ACCOUNT = "contribution account for employer"  # "no contribution account for employer e1"


@dataclass(frozen=True)
class AccountView:
    account: Account
    arrears: Decimal  # the closed months' outstanding contributions, now


async def existing_account(accounts: Accounts, employer_id: str) -> Account:
    """The employer's account, or 404 "no contribution account for employer <id>"."""
    account = await accounts.get(employer_id)
    if account is None:
        raise NotFound(f"no {ACCOUNT} {employer_id}",
                       errors=broken("employer_id", "unknown-account", f"no {ACCOUNT} {employer_id}"))
    return account


async def account_view(accounts: Accounts, statements: Statements, employer_id: str) -> AccountView:
    account = await existing_account(accounts, employer_id)
    owed = total(s.outstanding for s in await statements.open_arrears(employer_id))
    return AccountView(account, owed)


async def set_payment_method(accounts: Accounts, statements: Statements, employer_id: str,
                             method: PaymentMethod) -> AccountView:
    await existing_account(accounts, employer_id)  # 404 naming the rule before any write
    await change(accounts, employer_id, without_events(lambda a: rules.set_payment_method(a, method)), what=ACCOUNT)
    return await account_view(accounts, statements, employer_id)


async def set_industry_class(accounts: Accounts, statements: Statements, employer_id: str,
                             industry_class: int) -> AccountView:
    await existing_account(accounts, employer_id)  # 404 naming the rule before any write
    await change(accounts, employer_id, without_events(lambda a: rules.set_industry_class(a, industry_class)),
                 what=ACCOUNT)
    return await account_view(accounts, statements, employer_id)


async def declare_month(accounts: Accounts, employer_id: str, period: str) -> None:
    """主动申报 of one month: an active-declaration unit gets that month's statement."""
    month = str(Period.parse(period))
    await existing_account(accounts, employer_id)
    await change(accounts, employer_id, without_events(lambda a: rules.declare(a, month)), what=ACCOUNT)
