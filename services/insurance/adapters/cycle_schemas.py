"""API shapes of the monthly cycle, the wage bases, escalation, the rate table and the records."""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from services.insurance.domain.rates import RateTable
from services.insurance.domain.statement import Statement
from shared.numbers import Money, Ratio
from shared.params import Yuan
from shared.schemas import RequestBody


class StatementsMade(BaseModel):
    period: str
    statements: int


class PaymentsApplied(BaseModel):
    period: str
    applied: int
    statuses: dict[str, str]
    dunned: list[str] = Field(default_factory=list, description="debit results: the bank-debit units whose money "
                                                                "has not arrived, dunned (催缴) by this import")

    @classmethod
    def of(cls, period: str, applied: list[Statement], dunned: list[str] | None = None) -> "PaymentsApplied":
        return cls(period=period, applied=len(applied), statuses={s.employer_id: s.status.value for s in applied},
                   dunned=dunned or [])


class MonthClosedOut(BaseModel):
    period: str
    closed: int
    arrears: Money
    switched_to_declaration: list[str]


class EscalationOut(BaseModel):
    as_of: date
    escalated: dict[str, list[str]]


class DeclarationOut(BaseModel):
    accepted: int
    errors: list[dict[str, str]]


class BasesGenerated(BaseModel):
    year: int
    bases: int


class BaseCorrected(BaseModel):
    year: int
    resident_id: str
    wage: Money
    base: Money




class RateSharesOut(BaseModel):
    employer: Ratio
    individual: Ratio


class RateTableOut(BaseModel):
    effective_from: date
    shares: dict[str, RateSharesOut]
    work_injury_by_class: dict[int, Ratio]

    @classmethod
    def of(cls, t: RateTable) -> "RateTableOut":
        return cls(effective_from=t.effective_from,
                   shares={k.value: RateSharesOut(employer=s.employer, individual=s.individual)
                           for k, s in t.shares.items()},
                   work_injury_by_class=dict(t.work_injury_by_class))


class UnitMonthOut(BaseModel):
    period: str
    headcount: int
    payable: Money = Field(description="应缴: the month's contributions")
    paid: Money
    arrears: Money


class UnitTotalsOut(BaseModel):
    payable: Money
    paid: Money
    arrears: Money


class UnitSummaryOut(BaseModel):
    employer_id: str
    name: str
    year: int
    months: list[UnitMonthOut]
    totals: UnitTotalsOut


class PersonMonthOut(BaseModel):
    period: str
    base: Money
    employer: Money
    individual: Money
    pension_individual: Money
    arrived: bool = Field(description="the month's contributions have arrived")


class PersonStatementOut(BaseModel):
    resident_id: str
    name: str
    employer_id: str
    year: int
    months: list[PersonMonthOut]
    pension_individual_account_credit: Money


class WageIn(RequestBody):
    wage: Yuan = Field(gt=0)


class BaseCorrectionIn(RequestBody):
    wage: Yuan = Field(gt=0, description="the corrected previous-year monthly average wage")
    on: date | None = Field(None, description="the day of the correction; today in Beijing when left out")


class DeclarationIn(RequestBody):
    """A yearly wage declaration as JSON (or the same rows as `text/csv`, filed today in Beijing)."""

    on: date | None = Field(None, description="the day of the declaration; today in Beijing when left out")
    rows: list[dict[str, Any]] = Field(description="{resident_id, wage} each; bad rows are reported by line")


class BaseOut(BaseModel):
    resident_id: str
    name: str
    year: int
    base: Money | None = Field(description="none generated: the month's statement charges the floor")
    corrected: bool
