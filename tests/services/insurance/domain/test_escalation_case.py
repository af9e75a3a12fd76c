"""The escalation case (第十一条 二): dunning → audit → labour administration, closed when paid."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.arrears import Stage
from services.insurance.domain.escalation_case import (
    ArrearsStillOpen, CaseClosed, CaseStatus, NotForward, close_paid, deregistration_blocked, escalated, hand_over)
from services.insurance.domain.refusals import REPAYMENT
from shared.errors import InvalidInput

OWED = Decimal("1560.00")


def test_the_first_hand_over_opens_the_case_and_later_ones_move_it_forward_once_each():
    case = escalated(None, "e1", Stage.DUNNING, OWED, date(2027, 1, 5))
    assert (case.status, case.stage, case.round, case.opened_on) == (CaseStatus.OPEN, Stage.DUNNING, 1,
                                                                     date(2027, 1, 5))
    audit = escalated(case, "e1", Stage.AUDIT, OWED, date(2027, 3, 20))
    assert audit.stage is Stage.AUDIT and [s.action for s in audit.history] == ["dunning", "audit"]
    assert escalated(audit, "e1", Stage.AUDIT, OWED, date(2027, 3, 21)) is None, "a stage reached"
    assert escalated(audit, "e1", Stage.DUNNING, OWED, date(2027, 1, 5)) is None, "out of order: older stage"


def test_an_audit_announced_before_its_dunning_opens_the_case_at_audit():
    case = escalated(None, "e1", Stage.AUDIT, OWED, date(2027, 1, 5), recovery=True)
    assert case.stage is Stage.AUDIT and case.recovery
    assert escalated(case, "e1", Stage.DUNNING, OWED, date(2027, 1, 5)) is None


def test_the_officer_hands_on_forward_only_and_not_before_the_last_step():
    case = escalated(None, "e1", Stage.DUNNING, OWED, date(2027, 1, 5))
    audit = hand_over(case, Stage.AUDIT, OWED, date(2027, 1, 6), "officer:li", "no answer to three notices")
    assert (audit.history[-1].by, audit.history[-1].reason) == ("officer:li", "no answer to three notices")
    with pytest.raises(NotForward) as back:
        hand_over(audit, Stage.DUNNING, OWED, date(2027, 1, 7), "officer:li")
    assert (back.value.errors[0].rule, back.value.errors[0].article) == ("hand-over-forward", REPAYMENT)
    with pytest.raises(NotForward):
        hand_over(audit, Stage.AUDIT, OWED, date(2027, 1, 7), "officer:li")
    with pytest.raises(InvalidInput) as early:
        hand_over(audit, Stage.LABOUR_ADMINISTRATION, OWED, date(2027, 1, 5), "officer:li")
    assert early.value.errors[0].rule == "after-last-step"
    labour = hand_over(audit, Stage.LABOUR_ADMINISTRATION, OWED, date(2027, 1, 6), "officer:li")
    assert labour.stage is Stage.LABOUR_ADMINISTRATION


def test_a_case_closes_only_at_zero_contributions_and_a_later_escalation_opens_the_next_round():
    case = escalated(None, "e1", Stage.DUNNING, OWED, date(2027, 1, 5))
    with pytest.raises(ArrearsStillOpen) as owing:
        close_paid(case, date(2027, 1, 10), Decimal("0.01"))
    assert (owing.value.errors[0].rule, owing.value.errors[0].article) == ("arrears-paid", REPAYMENT)
    closed = close_paid(case, date(2027, 1, 10), Decimal("0.00"))
    assert (closed.status, closed.closed_on, closed.history[-1].action) == (CaseStatus.CLOSED, date(2027, 1, 10),
                                                                           "closed")
    assert close_paid(closed, date(2027, 1, 11), Decimal("0.00")) == closed
    with pytest.raises(CaseClosed):
        hand_over(closed, Stage.AUDIT, OWED, date(2027, 1, 11), "officer:li")
    assert escalated(closed, "e1", Stage.AUDIT, OWED, date(2027, 1, 9)) is None, "stale: before the close"
    again = escalated(closed, "e1", Stage.DUNNING, OWED, date(2027, 2, 5))
    assert (again.status, again.round, len(again.history)) == (CaseStatus.OPEN, 2, 3)


def test_a_blocked_deregistration_dunns_the_unit_once_per_request():
    case = deregistration_blocked(None, "e1", "req-1", Decimal("1583.40"), date(2027, 1, 19))
    assert (case.stage, case.contributions, case.history[0].by) == (Stage.DUNNING, Decimal("1583.40"),
                                                                    "deregistration")
    audit = escalated(case, "e1", Stage.AUDIT, OWED, date(2027, 3, 20))
    noted = deregistration_blocked(audit, "e1", "req-2", Decimal("1600.00"), date(2027, 3, 21))
    assert noted.stage is Stage.AUDIT and noted.history[-1].action == "deregistration_blocked"
    assert deregistration_blocked(noted, "e1", "req-2", Decimal("1600.00"), date(2027, 3, 22)) is None
