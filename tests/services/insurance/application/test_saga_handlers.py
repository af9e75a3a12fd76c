"""Insurance's side of the deregistration saga and the workforce enrolment, through the real wiring with fakes."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.account import open_for
from services.insurance.domain.fines import DEFAULT_FINE_RANGES, Offence, Severity, impose_fine, pay_fine
from services.insurance.domain.rates import DEFAULT_RATES, CollectionPolicy
from services.insurance.domain.statement import StatementStatus, build_statement
from shared.events import EmployerRegistered, Envelope
from shared.events.insurance import ArrearsAssessed, CollectionEscalated
from shared.events.registry import DeregistrationRequested, EmployerDeregistered
from shared.events.workforce import WorkerHired, WorkerSeparated
from shared.wiring import event_handlers
from tests.services.insurance.application.fakes import (
    Accounts, EscalationCases, Fines, Members, Statements, TransferDocuments)

TODAY = date(2027, 1, 19)
RID = "11010519491231002X"


def _handlers(statements=(), today=TODAY, fines=()):
    registered = EmployerRegistered(employer_id="e1", name="Unit", uscc="91110108551385082Q",
                                    district_code="110108", registered_on=date(2026, 1, 5))
    accounts, members = Accounts(open_for(None, registered, date(2026, 1, 5))[0]), Members()
    deps = {"accounts": accounts, "members": members, "statements": Statements(statements),
            "fines": Fines(*fines), "policy": CollectionPolicy(), "today": lambda: today,
            "escalation_cases": EscalationCases(), "transfer_documents": TransferDocuments(key=lambda d: d.id)}
    return event_handlers(SUBSCRIPTIONS, deps), accounts, members


def _unpaid_november():
    statement = build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES)
    return replace(statement, status=StatementStatus.CLOSED, unpaid_streak=1)


def _request(request_id="r1"):
    return Envelope.wrap(DeregistrationRequested(employer_id="e1", request_id=request_id, uscc="91110108551385082Q",
                                                 reason="dissolution", event_date=TODAY, requested_on=TODAY),
                         source="/civic/registry")


async def test_a_request_is_answered_with_contributions_and_late_fees_as_of_the_request_date_once():
    handle, accounts, _ = _handlers([_unpaid_november()])
    message = _request()
    for _ in range(2):  # a redelivery changes nothing
        await handle[DeregistrationRequested.type](message)
    assert accounts.events == [ArrearsAssessed(
        employer_id="e1", request_id="r1", contributions="2600.00", late_fees="39.00",  # 0.05 % × 30 days
        fines="0.00", total="2639.00", as_of=TODAY)]
    assert accounts.docs["e1"][0].pending_request_id == "r1"


async def test_a_unit_without_arrears_is_assessed_at_zero():
    handle, accounts, _ = _handlers([])
    await handle[DeregistrationRequested.type](_request())
    assert [e.total for e in accounts.events] == ["0.00"]


async def test_a_forced_deregistration_with_arrears_opens_a_recovery_case_handed_to_audit():
    handle, accounts, _ = _handlers([_unpaid_november()])
    forced = EmployerDeregistered(employer_id="e1", uscc="91110108551385082Q", district_code="110108",
                                  reason="licence_revoked", forced=True, deregistered_on=TODAY)
    await handle[EmployerDeregistered.type](Envelope.wrap(forced, source="/civic/registry"))
    assert [(e.stage, e.recovery) for e in accounts.events if isinstance(e, CollectionEscalated)] == [
        ("dunning", True), ("audit", True)]
    assert accounts.docs["e1"][0].status.value == "deregistered"


async def test_a_hired_worker_is_queued_to_the_next_window_and_a_separation_removes_them():
    handle, _, members = _handlers(today=date(2026, 11, 27))
    hired = WorkerHired(worker_id="w1", employer_id="e1", person_name="王五", resident_id=RID, gender="female",
                        position="staff", start_date=date(2026, 11, 27))
    for _ in range(2):
        await handle[WorkerHired.type](Envelope.wrap(hired, source="/civic/workforce"))
    assert (await members.get(RID)).joined_on == date(2026, 12, 5)  # 27th is outside 5th–25th: next window
    separated = WorkerSeparated(worker_id="w1", employer_id="e1", resident_id=RID, reason="retirement",
                                separated_on=date(2027, 1, 2))
    for _ in range(2):
        await handle[WorkerSeparated.type](Envelope.wrap(separated, source="/civic/workforce"))
    member = await members.get(RID)
    assert (member.removed_on, member.removal_reason.value) == (date(2027, 1, 5), "retirement")


def _fine(fine_id, amount, imposed_on):
    return impose_fine(fine_id, "e1", Offence.DECLARATION, Severity.SERIOUS, Decimal(amount), imposed_on,
                       "wage bases not declared", DEFAULT_FINE_RANGES)


async def test_the_assessment_counts_fines_imposed_and_unpaid_by_the_request_date():
    paid = pay_fine(_fine("f2", "1000.00", date(2026, 12, 1)), Decimal("1000.00"), date(2026, 12, 10))
    later = _fine("f3", "4000.00", date(2027, 1, 20))  # after the request: not in this answer
    handle, accounts, _ = _handlers([_unpaid_november()], fines=[_fine("f1", "5000.00", date(2026, 12, 1)), paid,
                                                                 later])
    await handle[DeregistrationRequested.type](_request())
    assert accounts.events == [ArrearsAssessed(
        employer_id="e1", request_id="r1", contributions="2600.00", late_fees="39.00", fines="5000.00",
        total="7639.00", as_of=TODAY)]


async def test_a_unit_owing_only_a_fine_is_held_too():
    handle, accounts, _ = _handlers([], fines=[_fine("f1", "1000.00", date(2026, 12, 1))])
    await handle[DeregistrationRequested.type](_request())
    assert [(e.contributions, e.fines, e.total) for e in accounts.events] == [("0.00", "1000.00", "1000.00")]
    assert accounts.docs["e1"][0].pending_request_id == "r1"
