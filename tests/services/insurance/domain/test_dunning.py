"""Dunning of the units whose money has not arrived (第九条 三、五), before the month closes."""
from datetime import date
from decimal import Decimal

from services.insurance.domain.account import PaymentMethod, open_for, set_payment_method
from services.insurance.domain.calendar import Period
from services.insurance.domain.dunning import not_arrived
from services.insurance.domain.rates import DEFAULT_RATES
from services.insurance.domain.statement import apply_payment, build_statement
from shared.events import EmployerRegistered

NOV = Period(2026, 11)


def _account(employer_id, method=PaymentMethod.BANK_DEBIT):
    account = open_for(None, EmployerRegistered(employer_id=employer_id, name="n", uscc="91110108551385082Q",
                                                district_code="110108", registered_on=date(2026, 1, 5)),
                       date(2026, 1, 5))[0]
    return set_payment_method(account, method)


def test_short_failed_and_absent_bank_debit_units_are_dunned_to_pay_by_the_20th():
    made = {e: build_statement(e, "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
            for e in ("paid", "short", "failed", "absent", "cash")}
    made["paid"] = apply_payment(made["paid"], Decimal("2600.00"))
    made["short"] = apply_payment(made["short"], Decimal("2599.99"))
    made["failed"] = apply_payment(made["failed"], Decimal("0"))
    accounts = [_account(e) for e in ("paid", "short", "failed", "absent")] + [
        _account("cash", PaymentMethod.CASH_CHEQUE)]
    notices = not_arrived(accounts, made, NOV, date(2026, 12, 4), "first-debit")
    assert [(n.employer_id, n.outstanding, n.statement_status) for n in notices] == [
        ("absent", Decimal("2600.00"), "issued"), ("failed", Decimal("2600.00"), "failed"),
        ("short", Decimal("0.01"), "short")]
    assert {(n.payment_due, n.dunned_on, n.id) for n in notices if n.employer_id == "short"} == {
        (date(2026, 12, 20), date(2026, 12, 4), "2026-11:short")}
