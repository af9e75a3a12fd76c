"""The escalation case (欠费催缴案件) of a unit whose arrears stay unpaid, and its hand-overs.

第十一条 二: 社保经(代)办机构业务人员对欠缴社会保险费的参保单位进行催缴; 对无法落实还欠的参保单位, 将其信息传送给社会保险
稽核部门催缴; 对逾期仍不缴纳社会保险费的参保单位, 由社会保险稽核部门将其信息转送至劳动和社会保障行政部门.

    dunning ──▶ audit (稽核) ──▶ labour_administration (劳动和社会保障行政部门)
       └──────────┴──────────────────┴──▶ closed (paid)   ──▶ a later escalation opens the next round

One case per unit (its id is the employer's), opened by the first hand-over (`insurance.collection.escalated`,
from the scheduled escalation or a forced deregistration), or by a deregistration registry blocked for arrears; it
moves forward only, each hand-over recorded with its day, amount and who made it. Where the regulation is silent:
- the officer may hand a case on before the configured days (`audit_after_days`, `labour_after_days`): "无法落实还欠"
  is the agency's judgement, the days are only when the schedule does it unasked;
- a case closes when the unit's contributions in arrears are back at zero (late fees are paid with them, 还款表);
  fines are their own procedure and do not keep it open; the officer may close it by hand only at zero;
- an escalation dated before the case's close is stale (a redelivery) and changes nothing; a later one reopens it
  as the next round, its history kept.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.arrears import STAGE_ORDER, Stage
from services.insurance.domain.refusals import REPAYMENT, broken
from shared.errors import Conflict, InvalidInput


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CaseClosed(Conflict):
    code = "escalation-case-closed"
    title = "The escalation case is closed"


class NotForward(Conflict):
    code = "escalation-not-forward"
    title = "An escalation case moves forward only"


class ArrearsStillOpen(Conflict):
    code = "escalation-arrears-open"
    title = "The unit still owes contributions"


@dataclass(frozen=True)
class Step:
    """One entry of a case's history: a hand-over (`dunning`, `audit`, `labour_administration`), its close
    (`closed`), or a fact that reached it (`deregistration_blocked`)."""

    action: str
    on: date
    contributions: Decimal
    by: str
    round: int
    reason: str = ""


@dataclass(frozen=True)
class EscalationCase:
    employer_id: str
    status: CaseStatus
    stage: Stage
    round: int
    opened_on: date
    contributions: Decimal
    recovery: bool = False
    closed_on: date | None = None
    history: tuple[Step, ...] = ()

    @property
    def id(self) -> str:
        return self.employer_id


def _opened(employer_id: str, stage: Stage, contributions: Decimal, on: date, by: str, round_: int,
            history: tuple[Step, ...], recovery: bool, reason: str = "") -> EscalationCase:
    return EscalationCase(employer_id, CaseStatus.OPEN, stage, round_, on, contributions, recovery, None,
                          history + (Step(stage.value, on, contributions, by, round_, reason),))


def escalated(case: EscalationCase | None, employer_id: str, stage: Stage, contributions: Decimal, on: date,
              recovery: bool = False, by: str = "schedule", reason: str = "") -> EscalationCase | None:
    """A hand-over announced: opens the case (or its next round after a close), or moves it forward.
    None when nothing changes: a stage the case has reached, or an announcement older than its close."""
    if case is None:
        return _opened(employer_id, stage, contributions, on, by, 1, (), recovery, reason)
    if case.status is CaseStatus.CLOSED:
        if case.closed_on is not None and on < case.closed_on:
            return None
        return _opened(employer_id, stage, contributions, on, by, case.round + 1, case.history, recovery, reason)
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(case.stage):
        return None
    step = Step(stage.value, on, contributions, by, case.round, reason)
    return replace(case, stage=stage, contributions=contributions, recovery=case.recovery or recovery,
                   history=case.history + (step,))


def hand_over(case: EscalationCase, to: Stage, contributions: Decimal, on: date, by: str,
              reason: str = "") -> EscalationCase:
    """The officer hands an open case on (催缴 → 稽核 → 劳动保障行政部门), forward only, dated no earlier than
    the case's last step."""
    if case.status is CaseStatus.CLOSED:
        message = f"the case of {case.employer_id} was closed on {case.closed_on}"
        raise CaseClosed(message, errors=broken("case_id", "case-open", message, article=REPAYMENT))
    if STAGE_ORDER.index(to) <= STAGE_ORDER.index(case.stage):
        message = f"the case is at {case.stage.value}: it can be handed on only past it"
        raise NotForward(message, errors=broken("stage", "hand-over-forward", message, article=REPAYMENT,
                                                current=case.stage.value))
    _not_before_last(case, on)
    return escalated(case, case.employer_id, to, contributions, on, by=by, reason=reason) or case


def close_paid(case: EscalationCase, on: date, open_contributions: Decimal, by: str = "repayment"
               ) -> EscalationCase:
    """Closed when paid: refused while contributions stay in arrears; a closed case stays as it is."""
    if case.status is CaseStatus.CLOSED:
        return case
    if open_contributions > 0:
        message = f"{case.employer_id} still owes {open_contributions} in contributions"
        raise ArrearsStillOpen(message, errors=broken("case_id", "arrears-paid", message, article=REPAYMENT,
                                                      contributions=str(open_contributions)))
    _not_before_last(case, on)
    step = Step(CaseStatus.CLOSED.value, on, Decimal("0.00"), by, case.round)
    return replace(case, status=CaseStatus.CLOSED, closed_on=on, contributions=Decimal("0.00"),
                   history=case.history + (step,))


def deregistration_blocked(case: EscalationCase | None, employer_id: str, request_id: str, total_due: Decimal,
                           on: date) -> EscalationCase | None:
    """Registry blocked the unit's deregistration for what it owes: the unit is dunned — a case is opened at
    `dunning` (or the open case notes the block once per request)."""
    reason = f"deregistration request {request_id} blocked: {total_due} due"
    if case is None or case.status is CaseStatus.CLOSED:
        return escalated(case, employer_id, Stage.DUNNING, total_due, on, by="deregistration", reason=reason)
    if any(s.reason == reason for s in case.history):
        return None
    step = Step("deregistration_blocked", on, total_due, "deregistration", case.round, reason)
    return replace(case, history=case.history + (step,))


def _not_before_last(case: EscalationCase, on: date) -> None:
    last = case.history[-1].on if case.history else case.opened_on
    if on < last:
        message = f"{on} is before the case's last step on {last}"
        raise InvalidInput(message, errors=broken("on", "after-last-step", message, last_step_on=str(last)))
