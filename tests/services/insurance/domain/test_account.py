from datetime import date
from decimal import Decimal

from services.insurance.domain.account import StatementMode, open_for
from shared.events import AccountOpened, EmployerRegistered

REGISTERED = EmployerRegistered(employer_id="e1", name="Unit", uscc="91110108551385082Q", district_code="110108",
                                registered_on=date(2026, 11, 2))


def test_a_registered_employer_gets_an_open_account_in_auto_mode_with_no_arrears():
    account, events = open_for(None, REGISTERED, date(2026, 11, 3))
    assert account.mode is StatementMode.AUTO and account.arrears == Decimal("0.00")
    assert events == [AccountOpened(employer_id="e1", opened_on=date(2026, 11, 3))]


def test_a_second_registration_event_changes_nothing():
    account, _ = open_for(None, REGISTERED, date(2026, 11, 3))
    again, events = open_for(account, REGISTERED, date(2026, 11, 9))
    assert again is account and events == []
