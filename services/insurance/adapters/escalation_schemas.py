"""API shapes of the collection month's dunning notices and of the escalation cases."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from services.insurance.domain.dunning import DunningNotice
from services.insurance.domain.escalation_case import EscalationCase, Step
from shared.numbers import Money
from shared.schemas import RequestBody


class DebitFileIn(RequestBody):
    on: date | None = Field(None, description="the day the file is made; today in Beijing when left out")


class DunningNoticeOut(BaseModel):
    employer_id: str
    period: str
    outstanding: Money = Field(description="what has not arrived (未到) after the import")
    statement_status: str = Field(description="issued (absent from the bank's results), short or failed")
    dunned_on: date
    payment_due: date = Field(description="re-debits and cash until the 20th of the month after the period")
    batch: str = Field(description="the debit-results batch that found the money missing")

    @classmethod
    def of(cls, n: DunningNotice) -> "DunningNoticeOut":
        return cls(employer_id=n.employer_id, period=n.period, outstanding=n.outstanding,
                   statement_status=n.statement_status, dunned_on=n.dunned_on, payment_due=n.payment_due,
                   batch=n.batch)


class StepOut(BaseModel):
    action: str = Field(description="dunning, audit, labour_administration, closed or deregistration_blocked")
    on: date
    contributions: Money
    acted_by: str = Field(description="schedule, deregistration, repayment, or the officer who acted")
    case_round: int = Field(description="the case's round the step belongs to")
    reason: str

    @classmethod
    def of(cls, s: Step) -> "StepOut":
        return cls(action=s.action, on=s.on, contributions=s.contributions, acted_by=s.by, case_round=s.round,
                   reason=s.reason)


class EscalationCaseOut(BaseModel):
    case_id: str
    employer_id: str
    status: str
    stage: str = Field(description="dunning (催缴), audit (稽核) or labour_administration (劳动和社会保障行政部门)")
    case_round: int = Field(description="1, and one more each time the unit's arrears are escalated after a close")
    opened_on: date
    closed_on: date | None
    contributions: Money = Field(description="contributions in arrears at the last step")
    recovery: bool = Field(description="opened after a forced deregistration")
    hand_overs: list[StepOut]

    @classmethod
    def of(cls, c: EscalationCase) -> "EscalationCaseOut":
        return cls(case_id=c.id, employer_id=c.employer_id, status=c.status.value, stage=c.stage.value,
                   case_round=c.round, opened_on=c.opened_on, closed_on=c.closed_on, contributions=c.contributions,
                   recovery=c.recovery, hand_overs=[StepOut.of(s) for s in c.history])


class HandOverIn(RequestBody):
    stage: Literal["audit", "labour_administration"] = Field(
        description="audit (稽核), then labour_administration (劳动和社会保障行政部门)")
    on: date | None = Field(None, description="the day of the hand-over; today in Beijing when left out")
    reason: str = Field("", max_length=500, description="why the arrears could not be recovered at this stage")


class ClosureIn(RequestBody):
    on: date | None = Field(None, description="the day the case is closed; today in Beijing when left out")
