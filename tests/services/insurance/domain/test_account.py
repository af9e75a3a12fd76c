from datetime import date
from decimal import Decimal

from services.insurance.domain.account import (
    StatementMode, after_repayment, assess_for_deregistration, close_on_deregistration, declare, escalate,
    gets_statement, open_for, switch_to_declaration)
from services.insurance.domain.arrears import Assessment, Stage
from shared.events import AccountOpened, EmployerRegistered
from shared.events.insurance import ArrearsSettled
from shared.events.registry import EmployerDeregistered

REGISTERED = EmployerRegistered(employer_id="e1", name="Unit", uscc="91110108551385082Q", district_code="110108",
                                registered_on=date(2026, 11, 2))
ACCOUNT, _ = open_for(None, REGISTERED, date(2026, 11, 3))


def test_a_registered_employer_gets_an_open_account_in_auto_mode_with_no_arrears():
    account, events = open_for(None, REGISTERED, date(2026, 11, 3))
    assert account.mode is StatementMode.AUTO and account.arrears == Decimal("0.00")
    assert events == [AccountOpened(employer_id="e1", opened_on=date(2026, 11, 3))]


def test_a_second_registration_event_changes_nothing():
    again, events = open_for(ACCOUNT, REGISTERED, date(2026, 11, 9))
    assert again is ACCOUNT and events == []


def test_an_active_declaration_account_gets_no_statement_until_it_declares():
    switched = switch_to_declaration(ACCOUNT)
    assert gets_statement(ACCOUNT, "2026-12") and not gets_statement(switched, "2026-12")
    assert gets_statement(declare(switched, "2026-12"), "2026-12")


def test_a_deregistration_with_arrears_waits_for_settlement():
    owing, [assessed] = assess_for_deregistration(ACCOUNT, "r1", Assessment(
        Decimal("100.00"), Decimal("1.50"), Decimal("0.00")), date(2027, 1, 1))
    assert assessed.total == "101.50" and owing.pending_request_id == "r1"
    still, events = after_repayment(owing, Decimal("50.00"), date(2027, 1, 2))
    assert events == []
    _, events = after_repayment(still, Decimal("0.00"), date(2027, 1, 3))
    assert events == [ArrearsSettled(employer_id="e1", settled_on=date(2027, 1, 3))]


def test_a_clean_deregistration_is_assessed_at_zero_and_not_held():
    clean, [assessed] = assess_for_deregistration(ACCOUNT, "r2", Assessment(
        Decimal("0.00"), Decimal("0.00"), Decimal("0.00")), date(2027, 1, 1))
    assert assessed.total == "0.00" and clean.pending_request_id is None


def test_escalation_announces_each_stage_once():
    account, events = escalate(ACCOUNT, Stage.AUDIT, Decimal("10.00"), date(2027, 3, 20))
    assert [e.stage for e in events] == ["dunning", "audit"]
    assert escalate(account, Stage.AUDIT, Decimal("10.00"), date(2027, 3, 21))[1] == []


def test_a_forced_deregistration_with_arrears_opens_a_recovery_case_at_audit():
    forced = EmployerDeregistered(employer_id="e1", uscc=ACCOUNT.uscc, district_code="110108",
                                  reason="licence_revoked", forced=True, deregistered_on=date(2027, 2, 1))
    account, events = close_on_deregistration(ACCOUNT, forced, Decimal("300.00"), date(2027, 2, 2))
    assert account.recovery_opened_on == date(2027, 2, 2)
    assert [(e.stage, e.recovery) for e in events] == [("dunning", True), ("audit", True)]
    _, none = close_on_deregistration(ACCOUNT, forced, Decimal("0.00"), date(2027, 2, 2))
    assert none == []


def test_with_contributions_repaid_an_unpaid_fine_still_holds_the_deregistration_until_it_is_paid():
    owing, _ = assess_for_deregistration(ACCOUNT, "r3", Assessment(
        Decimal("2600.00"), Decimal("39.00"), Decimal("1000.00")), date(2027, 1, 19))
    repaid, events = after_repayment(owing, Decimal("0.00"), date(2027, 1, 20), unpaid_fines=Decimal("1000.00"))
    assert events == [] and repaid.pending_request_id == "r3" and repaid.mode is StatementMode.AUTO
    _, events = after_repayment(repaid, Decimal("0.00"), date(2027, 1, 21), unpaid_fines=Decimal("0.00"))
    assert events == [ArrearsSettled(employer_id="e1", settled_on=date(2027, 1, 21))]
