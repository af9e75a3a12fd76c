"""Every transition of the saga's state table, plus duplicate, stale and out-of-order answers."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.registry.domain import deregistration as saga
from services.registry.domain.certificate import CertificateStatus
from services.registry.domain.deregistration import TRANSITIONS, Step
from services.registry.domain.model import EmployerStatus as S
from shared.errors import Conflict, InvalidInput
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import DeregistrationBlocked, DeregistrationRequested, EmployerDeregistered
from tests.services.registry.domain.factories import NOW, TODAY, pending, registered


def assessed(total="0.00", request_id="r1", as_of=date(2026, 11, 19)):
    return ArrearsAssessed(employer_id="e1", request_id=request_id, contributions=total, late_fees="0.00",
                           fines="0.00", total=total, as_of=as_of)


SETTLED = ArrearsSettled(employer_id="e1", settled_on=date(2026, 11, 25))


def blocked():
    return saga.on_assessed(pending(), assessed("1200.50"), TODAY)[0]


def types(events):
    return [type(e) for e in events]


def test_the_state_table_has_every_documented_transition():
    assert len(TRANSITIONS) == 9
    assert {s for (s, _) in TRANSITIONS} == {S.REGISTERED, S.DEREGISTRATION_PENDING, S.DEREGISTRATION_BLOCKED}
    assert all(target != S.REGISTERED for target in TRANSITIONS.values())


def test_request_moves_registered_to_pending_and_asks_insurance():
    employer, events = saga.request(registered(), "r1", "bankruptcy", date(2026, 10, 21), NOW, TODAY)
    assert employer.status == S.DEREGISTRATION_PENDING and types(events) == [DeregistrationRequested]
    assert events[0].request_id == "r1" and employer.deregistration.days_late == 0  # day 30: on time
    assert events[0].certificate_number == "110108000001" and events[0].unit_type == "enterprise"


def test_requested_more_than_thirty_days_after_the_event_is_flagged_late():
    employer, _ = saga.request(registered(), "r1", "dissolution", date(2026, 10, 1), NOW, TODAY)
    assert employer.deregistration.days_late == 20


def test_a_second_request_while_pending_is_a_conflict():
    with pytest.raises(Conflict):
        saga.request(pending(), "r2", "dissolution", TODAY, NOW, TODAY)


def test_unknown_reason_and_future_event_date_are_refused_together():
    with pytest.raises(InvalidInput) as caught:
        saga.request(registered(), "r1", "tired", date(2026, 12, 1), NOW, TODAY)
    assert {p.rule for p in caught.value.errors} == {"deregistration-reason", "not-in-future"}


def test_pending_assessed_nothing_due_deregisters_and_recalls_the_certificate():
    employer, events = saga.on_assessed(pending(), assessed("0.00"), TODAY)
    assert employer.status == S.DEREGISTERED and employer.certificate.status == CertificateStatus.RECALLED
    assert types(events) == [EmployerDeregistered] and events[0].forced is False
    assert events[0].certificate_number == "110108000001"
    assert (events[0].district_code, events[0].unit_type) == ("110108", "enterprise")


def test_pending_assessed_owing_blocks_with_the_breakdown():
    employer, events = saga.on_assessed(pending(), assessed("1200.50"), TODAY)
    assert employer.status == S.DEREGISTRATION_BLOCKED and employer.insurance.arrears.total == "1200.50"
    assert types(events) == [DeregistrationBlocked] and events[0].total_due == "1200.50"


def test_blocked_settled_completes_by_itself():
    employer, events = saga.on_settled(blocked(), SETTLED, TODAY)
    assert employer.status == S.DEREGISTERED and types(events) == [EmployerDeregistered]


def test_settled_before_the_assessment_then_an_owing_assessment_as_of_earlier_completes():
    noted, events = saga.on_settled(pending(), SETTLED, TODAY)
    assert noted.status == S.DEREGISTRATION_PENDING and events == []
    employer, events = saga.on_assessed(noted, assessed("300.00", as_of=date(2026, 11, 20)), TODAY)
    assert employer.status == S.DEREGISTERED and types(events) == [EmployerDeregistered]


def test_duplicate_answers_never_deregister_twice():
    done, _ = saga.on_assessed(pending(), assessed("0.00"), TODAY)
    assert saga.on_assessed(done, assessed("0.00"), TODAY)[1] == []
    assert saga.on_settled(done, SETTLED, TODAY)[1] == []
    again_blocked, events = saga.on_assessed(blocked(), assessed("1200.50"), TODAY)
    assert again_blocked.status == S.DEREGISTRATION_BLOCKED and events == []


def test_an_answer_to_another_request_is_ignored_but_remembered_as_a_fact():
    employer, events = saga.on_assessed(pending(), assessed("0.00", request_id="old"), TODAY)
    assert employer.status == S.DEREGISTRATION_PENDING and events == []
    assert employer.insurance.arrears.total == "0.00"


def test_answers_without_a_saga_only_feed_the_projection():
    employer, events = saga.on_settled(registered(), SETTLED, TODAY)
    assert employer.status == S.REGISTERED and events == [] and employer.insurance.settled_on == SETTLED.settled_on


def test_retry_resends_the_same_request_only_while_pending():
    later = NOW + timedelta(hours=30)
    employer, events = saga.retry(pending(), later, TODAY)
    assert types(events) == [DeregistrationRequested] and events[0].request_id == "r1"
    assert employer.deregistration.requested_at == later
    with pytest.raises(Conflict):
        saga.retry(blocked(), later, TODAY)
    with pytest.raises(Conflict):
        saga.retry(registered(), later, TODAY)


def test_awaiting_insurance_after_the_configured_answer_time():
    assert not saga.is_awaiting_insurance(pending(), NOW + timedelta(hours=23))
    assert saga.is_awaiting_insurance(pending(), NOW + timedelta(hours=25))
    assert saga.is_awaiting_insurance(pending(), NOW + timedelta(minutes=2), answer_time=timedelta(minutes=1))
    assert not saga.is_awaiting_insurance(blocked(), NOW + timedelta(days=9))


@pytest.mark.parametrize("start", [registered, pending, blocked])
def test_forced_deregistration_from_any_live_state_ignores_arrears(start):
    employer, events = saga.force(start(), "licence_revoked", TODAY, TODAY)
    assert employer.status == S.DEREGISTERED and employer.deregistration.forced
    assert types(events) == [EmployerDeregistered] and events[0].forced is True


def test_a_deregistered_unit_cannot_be_forced_requested_or_retried():
    done, _ = saga.force(registered(), "licence_revoked", TODAY, TODAY)
    for step in (lambda e: saga.force(e, "licence_revoked", TODAY, TODAY),
                 lambda e: saga.request(e, "r9", "other", TODAY, NOW, TODAY), lambda e: saga.retry(e, NOW, TODAY)):
        with pytest.raises(Conflict):
            step(done)


ANSWERS = [("assessed", assessed("0.00")), ("assessed", assessed("80.00")), ("settled", SETTLED),
           ("assessed", assessed("0.00", request_id="stale"))]


@given(st.lists(st.sampled_from(ANSWERS), min_size=1, max_size=8))
def test_any_order_and_any_repetition_of_answers_deregisters_at_most_once(answers):
    employer, deregistered = pending(), 0
    for kind, event in answers:
        handle = saga.on_assessed if kind == "assessed" else saga.on_settled
        employer, events = handle(employer, event, TODAY)
        deregistered += sum(isinstance(e, EmployerDeregistered) for e in events)
    assert deregistered == (1 if employer.status == S.DEREGISTERED else 0)
    assert employer.status in {S.DEREGISTRATION_PENDING, S.DEREGISTRATION_BLOCKED, S.DEREGISTERED}


@pytest.mark.parametrize("start", [registered, pending, blocked])
def test_the_regulators_licence_revocation_forces_deregistration_and_names_the_decision(start):
    employer, events = saga.on_licence_revoked(start(), "京市监罚〔2026〕88号", TODAY, TODAY)
    assert employer.status == S.DEREGISTERED and employer.deregistration.reason == "licence_revoked"
    assert types(events) == [EmployerDeregistered] and events[0].forced is True
    assert any(e.detail.get("decision") == "京市监罚〔2026〕88号" for e in employer.timeline)


def test_a_revocation_dated_after_today_is_taken_as_of_today():
    employer, _ = saga.on_licence_revoked(registered(), "d-1", TODAY + timedelta(days=2), TODAY)
    assert employer.deregistration.event_date == TODAY


def test_a_revocation_for_a_unit_already_deregistered_is_only_noted():
    done, _ = saga.force(registered(), "licence_revoked", TODAY, TODAY)
    again, events = saga.on_licence_revoked(done, "d-2", TODAY, TODAY)
    assert events == [] and again.status == S.DEREGISTERED and again.timeline[-1].detail["decision"] == "d-2"
