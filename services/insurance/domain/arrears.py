"""Arrears (欠缴), late fees (滞纳金), escalation (催缴 → 稽核 → 劳动保障行政部门) and the deregistration assessment."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.money import ZERO, total, yuan


@dataclass(frozen=True)
class Arrear:
    """One closed month's outstanding contributions and the day they were due."""

    period: str
    outstanding: Decimal
    due_date: date


def overdue_days(due_date: date, as_of: date) -> int:
    """Days from the day after the due date up to and including `as_of`."""
    return max(0, (as_of - due_date).days)


def late_fee(arrear: Arrear, as_of: date, daily_rate: Decimal) -> Decimal:
    """滞纳金: daily_rate (default 0.05 %) of the overdue amount per day, from the day after the due date.
    Computed for any as-of date, rounded half-up to the fen once per month's arrear; never stored."""
    return yuan(arrear.outstanding * daily_rate * overdue_days(arrear.due_date, as_of))


@dataclass(frozen=True)
class Assessment:
    contributions: Decimal
    late_fees: Decimal
    fines: Decimal

    @property
    def total(self) -> Decimal:
        return self.contributions + self.late_fees + self.fines


def assess(arrears: list[Arrear], as_of: date, daily_rate: Decimal, fines: Decimal = ZERO) -> Assessment:
    """What a unit owes on `as_of`: contributions + late fees + fines (the deregistration check)."""
    return Assessment(total(a.outstanding for a in arrears),
                      total(late_fee(a, as_of, daily_rate) for a in arrears), yuan(fines))


class Stage(StrEnum):
    NONE = "none"
    DUNNING = "dunning"                        # 催缴 by the agency
    AUDIT = "audit"                            # 社会保险稽核部门
    LABOUR_ADMINISTRATION = "labour_administration"  # 劳动和社会保障行政部门


STAGE_ORDER = (Stage.NONE, Stage.DUNNING, Stage.AUDIT, Stage.LABOUR_ADMINISTRATION)


def escalation_stage(arrears: list[Arrear], as_of: date, audit_after_days: int, labour_after_days: int) -> Stage:
    """Open arrears are dunned; unresolved `audit_after_days` after the oldest due date they go to audit, and
    still unpaid `labour_after_days` after it, to the labour administration."""
    open_ = [a for a in arrears if a.outstanding > 0]
    if not open_:
        return Stage.NONE
    age = overdue_days(min(a.due_date for a in open_), as_of)
    if age >= labour_after_days:
        return Stage.LABOUR_ADMINISTRATION
    return Stage.AUDIT if age >= audit_after_days else Stage.DUNNING


def stages_to_announce(reached: Stage, now: Stage) -> list[Stage]:
    """Each hand-over once, in order, even when a run skips a stage (dunning → labour announces audit too)."""
    start, end = STAGE_ORDER.index(reached), STAGE_ORDER.index(now)
    return list(STAGE_ORDER[start + 1:end + 1])


def repayment_due(arrears: list[Arrear], paid_on: date, daily_rate: Decimal) -> Decimal:
    """还款表: the exact amount a repayment of these months must carry — contributions plus late fees to the day."""
    return assess(arrears, paid_on, daily_rate).total
