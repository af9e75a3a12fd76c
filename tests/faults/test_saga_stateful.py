"""The deregistration saga (R1, 注销登记) under an unreliable bus, as a Hypothesis state machine.

Several employers go through registry's real handlers (the application layer over an in-memory repository,
wired by `event_handlers` like the consumer does). Insurance's answers are put "in flight" and delivered in any
order, some held back for many steps, some redelivered (the same envelope again), some stale (another request's
id, or for a unit that never asked). After every step the stored state of each employer must equal a small
reference model written from the README's state table and the digest (contributions, late fees and fines are
settled first): the own request's assessment deregisters when it owes nothing or a settlement dated on/after its
as-of date was already noted, and blocks otherwise; a blocked unit is deregistered by the next settlement; every
other answer is ignored; a forced deregistration ends any live saga. Officers' steps the table does not allow are
409s. Deregistered (and blocked) at most once, the certificate recalled exactly when deregistered.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from services.registry.application import deregistration as handlers
from services.registry.application.commands import (ForceDeregistration, RequestDeregistration,
                                                     RetryDeregistration)
from services.registry.domain.certificate import CertificateStatus
from services.registry.domain.model import EmployerStatus as S
from shared.errors import Conflict
from shared.events import Envelope
from shared.events.insurance import ArrearsAssessed, ArrearsSettled
from shared.events.registry import DeregistrationBlocked, DeregistrationRequested, EmployerDeregistered
from tests.services.registry.application.wiring import InMemoryEmployers, registry_handlers
from tests.services.registry.domain.factories import NOW, TODAY, registered

EMPLOYERS = ("e1", "e2", "e3")
REVOCABLE = "e3"  # the one whose licence may be revoked at any point; forcing all would end most sagas early
LIVE = {S.REGISTERED, S.DEREGISTRATION_PENDING, S.DEREGISTRATION_BLOCKED}
employer_ids = st.sampled_from(EMPLOYERS)
# Dates around the request day, so a settlement noted before an assessment is dated before, on or after its
# as-of date (the pending row's rule); settlements reach further back, as one paid before the request would.
assessment_days = st.integers(min_value=-2, max_value=2).map(lambda days: TODAY + timedelta(days=days))
settlement_days = st.integers(min_value=-4, max_value=2).map(lambda days: TODAY + timedelta(days=days))


@dataclass
class Expected:
    """What the state table says one employer's saga should be, from the answers registry has applied."""

    status: S = S.REGISTERED
    request_id: str | None = None
    arrears: tuple[str, date] | None = None  # (total, as of) of the last assessment applied, whoever asked
    settled_on: date | None = None           # the latest settlement insurance reported
    forced: bool = False
    asked: int = 0  # requests sent to insurance: the request and each retry
    blocks: int = 0
    deregistrations: int = 0

    def request(self, request_id: str) -> None:
        self.status, self.request_id, self.asked = S.DEREGISTRATION_PENDING, request_id, 1

    def force(self) -> None:
        self._deregister()
        self.forced = True

    def assessed(self, event: ArrearsAssessed) -> None:
        self.arrears = (event.total, event.as_of)  # every answer feeds the breakdown (GET /employers/{id})
        if self.status != S.DEREGISTRATION_PENDING or event.request_id != self.request_id:
            return  # late, stale or another request's answer: ignored
        if Decimal(event.total) > 0 and not self._settled_since(event.as_of):
            self.status, self.blocks = S.DEREGISTRATION_BLOCKED, self.blocks + 1
        else:
            self._deregister()

    def settled(self, event: ArrearsSettled) -> None:
        """Noted while pending; a blocked saga completes whatever the date (the table has no date on this row)."""
        self.settled_on = max(filter(None, (self.settled_on, event.settled_on)))
        if self.status == S.DEREGISTRATION_BLOCKED:
            self._deregister()

    def _settled_since(self, as_of: date) -> bool:
        """The pending row: a settlement already noted covers an assessment as of on/before it."""
        return self.settled_on is not None and self.settled_on >= as_of

    def _deregister(self) -> None:
        self.status, self.deregistrations = S.DEREGISTERED, self.deregistrations + 1


class DeregistrationSaga(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.employers = InMemoryEmployers(*(replace(registered(), id=id_) for id_ in EMPLOYERS))
        self.deliver_to = registry_handlers(employers=self.employers)
        self.expected = {id_: Expected() for id_ in EMPLOYERS}
        self.in_flight: list[tuple[Envelope, object]] = []   # sent by insurance, not yet delivered
        self.delivered: list[tuple[Envelope, object]] = []   # delivered once; the broker may deliver them again

    def teardown(self) -> None:
        """At the end the bus delivers whatever is still in flight; the store and the model must still agree."""
        try:
            while self.in_flight:
                self.deliver(0)
            self.every_employer_matches_the_state_table()
            self.the_arrears_breakdown_is_the_last_answer_applied_once()
            self.deregistered_once_with_the_certificate_recalled()
        finally:
            self.loop.close()

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def stored(self, employer_id: str):
        return self.employers.docs[employer_id][0]

    @initialize()
    def some_units_have_already_asked(self):
        """Two units start the saga at once, so most runs spend their steps on insurance's answers."""
        for employer_id in EMPLOYERS[:2]:
            self.request_deregistration(employer_id)

    # officers' steps: the handler refuses (409) exactly what the state table does not allow

    @rule(employer_id=employer_ids)
    def request_deregistration(self, employer_id):
        command = RequestDeregistration(employer_id, "dissolution", TODAY)
        allowed = self.expected[employer_id].status == S.REGISTERED
        employer = self.officer_step(allowed, handlers.request_deregistration(
            command, self.employers, lambda: TODAY, lambda: NOW))
        if employer is not None:
            self.expected[employer_id].request(employer.deregistration.request_id)

    @rule(employer_id=employer_ids)
    def retry_deregistration(self, employer_id):
        allowed = self.expected[employer_id].status == S.DEREGISTRATION_PENDING
        if self.officer_step(allowed, handlers.retry_deregistration(
                RetryDeregistration(employer_id), self.employers, lambda: TODAY, lambda: NOW)):
            self.expected[employer_id].asked += 1

    @rule(employer_id=st.just(REVOCABLE))
    def force_deregistration(self, employer_id):
        allowed = self.expected[employer_id].status in LIVE
        command = ForceDeregistration(employer_id, TODAY)
        if self.officer_step(allowed, handlers.force_deregistration(command, self.employers, lambda: TODAY)):
            self.expected[employer_id].force()

    def officer_step(self, allowed: bool, step):
        try:
            employer = self.run(step)
        except Conflict:
            assert not allowed, "the state table allows this step, the handler refused it"
            return None
        assert allowed, "the handler accepted a step the state table refuses"
        return employer

    # insurance's answers go in flight; the bus delivers them in any order, late, and more than once

    @rule(employer_id=employer_ids, owing=st.booleans(), as_of=assessment_days,
          stale=st.sampled_from((False, False, False, True)))
    def insurance_assesses(self, employer_id, owing, as_of, stale):
        request_id = self.expected[employer_id].request_id
        if stale or request_id is None:
            request_id = f"stale-{employer_id}"
        total = "1200.50" if owing else "0.00"
        self.send(ArrearsAssessed(employer_id=employer_id, request_id=request_id, contributions=total,
                                  late_fees="0.00", fines="0.00", total=total, as_of=as_of))

    @rule(employer_id=employer_ids, settled_on=settlement_days)
    def insurance_reports_settled(self, employer_id, settled_on):
        self.send(ArrearsSettled(employer_id=employer_id, settled_on=settled_on))

    def send(self, event) -> None:
        self.in_flight.append((Envelope.wrap(event, source="/civic/insurance"), event))

    @precondition(lambda self: self.in_flight)
    @rule(pick=st.integers(min_value=0, max_value=20))
    def deliver(self, pick):
        """Any in-flight answer, not the oldest: reordering, and holding one back for many steps."""
        envelope, event = self.in_flight.pop(pick % len(self.in_flight))
        self.run(self.deliver_to[envelope.type](envelope))
        self.delivered.append((envelope, event))
        model = self.expected[event.employer_id]
        model.assessed(event) if isinstance(event, ArrearsAssessed) else model.settled(event)

    @precondition(lambda self: self.delivered)
    @rule(pick=st.integers(min_value=0, max_value=20))
    def redeliver(self, pick):
        """The broker redelivers an envelope already handled (at-least-once): the inbox makes it a no-op."""
        envelope, _ = self.delivered[pick % len(self.delivered)]
        self.run(self.deliver_to[envelope.type](envelope))

    # after every step, each employer as stored equals the reference model

    @invariant()
    def every_employer_matches_the_state_table(self):
        for employer_id, expected in self.expected.items():
            employer = self.stored(employer_id)
            assert employer.status == expected.status, (employer_id, employer.status, expected)
            if expected.request_id is not None and not expected.forced:
                assert employer.deregistration.request_id == expected.request_id

    @invariant()
    def the_arrears_breakdown_is_the_last_answer_applied_once(self):
        """A redelivered older answer must not bring back a breakdown a newer one replaced (the inbox's job)."""
        for employer_id, expected in self.expected.items():
            facts = self.stored(employer_id).insurance
            assert (facts.arrears and (facts.arrears.total, facts.arrears.as_of)) == expected.arrears
            assert facts.settled_on == expected.settled_on

    @invariant()
    def deregistered_once_with_the_certificate_recalled(self):
        for employer_id, expected in self.expected.items():
            employer = self.stored(employer_id)
            assert self.count(EmployerDeregistered, employer_id) == expected.deregistrations <= 1
            assert self.count(DeregistrationBlocked, employer_id) == expected.blocks <= 1
            recalled = employer.certificate.status == CertificateStatus.RECALLED
            assert recalled == (expected.status == S.DEREGISTERED)
            if expected.status == S.DEREGISTERED:
                assert employer.deregistration.forced == expected.forced
                assert employer.deregistration.deregistered_on is not None

    @invariant()
    def insurance_is_asked_once_per_request_or_retry(self):
        for employer_id, expected in self.expected.items():
            assert self.count(DeregistrationRequested, employer_id) == expected.asked

    def count(self, event_type, employer_id: str) -> int:
        return sum(isinstance(e, event_type) and e.employer_id == employer_id for e in self.employers.events)


DeregistrationSaga.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None,
                                                suppress_health_check=[HealthCheck.too_slow])
test_the_saga_equals_the_state_table_under_duplicates_reordering_and_delays = DeregistrationSaga.TestCase
