"""Accounts on the real FerretDB: opening writes without a read, and the `_id` keeps it to one per employer."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.account import Account, AccountStatus, PaymentMethod, StatementMode
from shared.errors import Conflict
from shared.events.insurance import AccountOpened

pytestmark = pytest.mark.infra


def account(employer_id: str, name: str) -> Account:
    return Account(employer_id=employer_id, name=name, uscc="91110108551385082Q", district_code="110108",
                   status=AccountStatus.OPEN, mode=StatementMode.AUTO, payment_method=PaymentMethod.BANK_DEBIT,
                   arrears=Decimal("0.00"), opened_on=date(2026, 11, 20))


async def test_an_employer_is_opened_once_and_the_second_opening_changes_nothing(api):
    accounts = api.container.accounts
    opened = AccountOpened(employer_id="e1", opened_on=date(2026, 11, 20))
    await accounts.add(account("e1", "第一次"), [opened], caused_by="ev-1")
    with pytest.raises(Conflict):
        await accounts.add(account("e1", "第二次"), [opened], caused_by="ev-2")
    stored, loaded = await accounts.load("e1")
    assert stored.name == "第一次" and loaded.applied == ["ev-1"] and loaded.rev == 1
    assert await api.container.runtime.db["accounts"].count_documents({}) == 1
