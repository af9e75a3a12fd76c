"""The deregistration saga (注销登记, 第十一–十三条): contributions, late fees and fines are settled first.

    state                    | step                          | next state
    -------------------------+-------------------------------+------------------------------------------
    registered               | request (officer)             | deregistration_pending  → emits requested
    deregistration_pending   | retry (ops, no answer yet)    | deregistration_pending  → re-emits requested
    deregistration_pending   | assessed, total 0             | deregistered            → emits deregistered
    deregistration_pending   | assessed, total > 0           | deregistration_blocked  → emits blocked
    deregistration_pending   | settled (before assessment)   | deregistration_pending  (settlement noted; an
                             |                               |   assessment as of on/before it then completes)
    deregistration_blocked   | settled                       | deregistered            → emits deregistered
    registered / pending /   | force (licence revoked)       | deregistered, forced    → emits deregistered
      blocked                |                               |   (forced: true — insurance opens a recovery case)
    any other pair           | officer step                  | 409, nothing stored
    any other pair           | insurance answer              | ignored (duplicates, late or stale answers)

`awaiting insurance` is not a state: it is `deregistration_pending` older than the configured answer time.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import get_args

from services.registry.domain import certificate as certificates
from services.registry.domain.deadlines import days_late
from services.registry.domain.model import Arrears, Deregistration, Employer, EmployerStatus
from services.registry.domain.problems import wrong_status
from shared.errors import ProblemCollector
from shared.events import Event
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import (DeregistrationBlocked, DeregistrationReason, DeregistrationRequested,
                                    EmployerDeregistered)

S = EmployerStatus
REASONS = get_args(DeregistrationReason)
DEFAULT_ANSWER_TIME = timedelta(hours=24)


class Step(StrEnum):
    REQUEST = "request"
    RETRY = "retry"
    ASSESSED_NOTHING_DUE = "assessed_nothing_due"
    ASSESSED_OWING = "assessed_owing"
    SETTLED = "settled"
    FORCE = "force"


TRANSITIONS: dict[tuple[EmployerStatus, Step], EmployerStatus] = {
    (S.REGISTERED, Step.REQUEST): S.DEREGISTRATION_PENDING,
    (S.DEREGISTRATION_PENDING, Step.RETRY): S.DEREGISTRATION_PENDING,
    (S.DEREGISTRATION_PENDING, Step.ASSESSED_NOTHING_DUE): S.DEREGISTERED,
    (S.DEREGISTRATION_PENDING, Step.ASSESSED_OWING): S.DEREGISTRATION_BLOCKED,
    (S.DEREGISTRATION_PENDING, Step.SETTLED): S.DEREGISTRATION_PENDING,
    (S.DEREGISTRATION_BLOCKED, Step.SETTLED): S.DEREGISTERED,
    (S.REGISTERED, Step.FORCE): S.DEREGISTERED,
    (S.DEREGISTRATION_PENDING, Step.FORCE): S.DEREGISTERED,
    (S.DEREGISTRATION_BLOCKED, Step.FORCE): S.DEREGISTERED,
}

Decision = tuple[Employer, list[Event]]


def next_status(status: EmployerStatus, step: Step) -> EmployerStatus | None:
    return TRANSITIONS.get((status, step))


def request(employer: Employer, request_id: str, reason: str, event_date: date, now: datetime, today: date
            ) -> Decision:
    """Apply within 30 days of the terminating event (later: accepted, marked late); insurance is asked."""
    _check_request(reason, event_date, today)
    status = _officer_step(employer, Step.REQUEST)
    saga = Deregistration(request_id=request_id, reason=reason, event_date=event_date, requested_on=today,
                          requested_at=now, days_late=days_late(event_date, today))
    pending = replace(employer, status=status, deregistration=saga)
    pending = pending.noted(today, "deregistration requested", reason=reason, days_late=saga.days_late)
    return pending, [_requested(pending)]


def retry(employer: Employer, now: datetime, today: date) -> Decision:
    """Ops re-send the request when insurance has not answered; the same request id, so answers match."""
    _officer_step(employer, Step.RETRY)
    saga = replace(employer.deregistration, requested_at=now)
    again = replace(employer, deregistration=saga).noted(today, "deregistration request re-sent")
    return again, [_requested(again)]


def force(employer: Employer, reason: str, event_date: date, today: date) -> Decision:
    """Licence revoked by the market regulator (吊销): deregistered regardless of arrears."""
    _check_request(reason, event_date, today)
    _officer_step(employer, Step.FORCE)
    saga = employer.deregistration or Deregistration(
        request_id=f"forced-{employer.id}", reason=reason, event_date=event_date, requested_on=today,
        requested_at=datetime.combine(today, datetime.min.time()), days_late=days_late(event_date, today))
    saga = replace(saga, forced=True, reason=reason)
    return _deregister(replace(employer, deregistration=saga), today)


def on_licence_revoked(employer: Employer, decision_number: str, revoked_on: date, today: date) -> Decision:
    """The market regulator's decision (吊销营业执照) as an inbound event: the same forced deregistration as the
    officer's, regardless of arrears. A unit with nothing to deregister (not yet registered, already deregistered)
    only gets the decision on its timeline."""
    noted = employer.noted(today, "licence revoked by the market regulator", decision=decision_number,
                           revoked_on=revoked_on)
    if next_status(employer.status, Step.FORCE) is None:
        return noted, []
    return force(noted, "licence_revoked", min(revoked_on, today), today)


def on_assessed(employer: Employer, event: ArrearsAssessed, today: date) -> Decision:
    """Insurance's answer: nothing due → deregistered; something due → blocked until settled."""
    arrears = Arrears(contributions=event.contributions, late_fees=event.late_fees, fines=event.fines,
                      total=event.total, as_of=event.as_of)
    known = replace(employer, insurance=replace(employer.insurance, arrears=arrears))
    saga = employer.deregistration
    if saga is None or saga.request_id != event.request_id:
        return known, []
    step = Step.ASSESSED_OWING if known.insurance.arrears_outstanding else Step.ASSESSED_NOTHING_DUE
    status = next_status(employer.status, step)
    if status == S.DEREGISTERED:
        return _deregister(known, today)
    if status == S.DEREGISTRATION_BLOCKED:
        blocked = replace(known, status=status).noted(today, "deregistration blocked",
                                                                   total_due=event.total, as_of=event.as_of)
        return blocked, [DeregistrationBlocked(
            employer_id=employer.id, request_id=saga.request_id, uscc=employer.uscc, total_due=event.total,
            as_of=event.as_of, certificate_number=employer.certificate_number, district_code=employer.district_code)]
    return known, []


def on_settled(employer: Employer, event: ArrearsSettled, today: date) -> Decision:
    """Everything owed is paid: a blocked deregistration completes by itself."""
    settled_on = max(filter(None, (employer.insurance.settled_on, event.settled_on)))
    known = replace(employer, insurance=replace(employer.insurance, settled_on=settled_on))
    if next_status(employer.status, Step.SETTLED) == S.DEREGISTERED:
        return _deregister(known, today)
    return known, []


def is_awaiting_insurance(employer: Employer, now: datetime, answer_time: timedelta = DEFAULT_ANSWER_TIME) -> bool:
    return (employer.status == S.DEREGISTRATION_PENDING
            and now - employer.deregistration.requested_at > answer_time)


def _deregister(employer: Employer, today: date) -> Decision:
    saga = replace(employer.deregistration, deregistered_on=today)
    certificate = certificates.recall(employer.certificate, today) if employer.certificate else None
    done = replace(employer, status=S.DEREGISTERED, deregistration=saga, certificate=certificate)
    done = done.noted(today, "deregistered: certificate recalled", forced=saga.forced or None)
    return done, [EmployerDeregistered(
        employer_id=employer.id, uscc=employer.uscc, reason=saga.reason, certificate_number=done.certificate_number,
        forced=saga.forced, deregistered_on=today, **employer.published_facts())]


def _requested(employer: Employer) -> DeregistrationRequested:
    saga = employer.deregistration
    return DeregistrationRequested(employer_id=employer.id, request_id=saga.request_id, uscc=employer.uscc,
                                   reason=saga.reason, event_date=saga.event_date, requested_on=saga.requested_on,
                                   certificate_number=employer.certificate_number, **employer.published_facts())


def _officer_step(employer: Employer, step: Step) -> EmployerStatus:
    status = next_status(employer.status, step)
    if status is None:
        raise wrong_status("employer", employer.status.value, None,
                           f"cannot {step.value} a deregistration while the unit is {employer.status.value}")
    return status


def _check_request(reason: str, event_date: date, today: date) -> None:
    problems = ProblemCollector()
    if reason not in REASONS:
        problems.add("reason", "deregistration-reason", f"{reason!r} is not one of {', '.join(REASONS)}")
    if event_date > today:
        problems.add("event_date", "not-in-future", "the terminating event's date is in the future")
    problems.raise_if_any("The deregistration cannot be requested")

