"""API shapes of the monthly cycle, the wage bases, escalation, the rate table and the records."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from services.insurance.adapters.schemas import Money
from services.insurance.domain.rates import RateTable
from services.insurance.domain.statement import Statement


class StatementsMade(BaseModel):
    period: str
    statements: int


class PaymentsApplied(BaseModel):
    period: str
    applied: int
    statuses: dict[str, str]

    @classmethod
    def of(cls, period: str, applied: list[Statement]) -> "PaymentsApplied":
        return cls(period=period, applied=len(applied), statuses={s.employer_id: s.status.value for s in applied})


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


class RateTableOut(BaseModel):
    effective_from: date
    shares: dict[str, dict[str, str]]
    work_injury_by_class: dict[int, str]

    @classmethod
    def of(cls, t: RateTable) -> "RateTableOut":
        return cls(effective_from=t.effective_from,
                   shares={k.value: {"employer": str(s.employer), "individual": str(s.individual)}
                           for k, s in t.shares.items()},
                   work_injury_by_class={c: str(r) for c, r in t.work_injury_by_class.items()})


class UnitSummaryOut(BaseModel):
    employer_id: str
    name: str
    year: int
    months: list[dict]
    totals: dict[str, str]


class PersonStatementOut(BaseModel):
    resident_id: str
    name: str
    employer_id: str
    year: int
    months: list[dict]
    pension_individual_account_credit: Money
