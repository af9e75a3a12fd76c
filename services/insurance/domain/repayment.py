"""Repaying arrears (归还欠款): a repayment form for an exact amount; a failed payment cancels the record."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.arrears import Arrear, late_fee, repayment_due
from services.insurance.domain.calendar import Period, payment_deadline
from services.insurance.domain.statement import Statement, settle
from services.insurance.domain.refusals import REPAYMENT, broken
from shared.errors import Conflict, InvalidInput


class RepaymentStatus(StrEnum):
    FILED = "filed"
    RECEIVED = "received"
    CANCELLED = "cancelled"  # failed debit or bounced cheque: must be filed again


class PaymentChannel(StrEnum):
    BANK_DEBIT = "bank_debit"
    CASH = "cash"
    CHEQUE = "cheque"


@dataclass(frozen=True)
class Repayment:
    id: str
    employer_id: str
    periods: tuple[str, ...]
    amount: Decimal
    paid_on: date
    channel: PaymentChannel
    status: RepaymentStatus = RepaymentStatus.FILED


def arrear_of(statement: Statement) -> Arrear:
    """A closed month's arrear, due on the 20th of the month after it."""
    return Arrear(statement.period, statement.outstanding, payment_deadline(Period.parse(statement.period)))


def file_repayment(repayment_id: str, employer_id: str, periods: list[str], amount: Decimal, paid_on: date,
                   channel: PaymentChannel, open_months: dict[str, Statement], daily_rate: Decimal) -> Repayment:
    """The amount must be exactly the months' contributions plus their late fees to the payment day."""
    missing = [p for p in periods if p not in open_months]
    if not periods or missing:
        raise InvalidInput.on("periods", "open-arrears", f"no open arrears for {missing or 'an empty list'}")
    due = repayment_due([arrear_of(open_months[p]) for p in periods], paid_on, daily_rate)
    if amount != due:
        raise InvalidInput.on("amount", "exact-amount", f"the repayment of {', '.join(periods)} on {paid_on} "
                              f"must be exactly {due} (contributions and late fees), not {amount}")
    return Repayment(repayment_id, employer_id, tuple(sorted(set(periods))), amount, paid_on, channel)


def conclude(repayment: Repayment, received: bool) -> Repayment:
    if repayment.status is not RepaymentStatus.FILED:
        message = f"repayment {repayment.id} is already {repayment.status.value}"
        raise Conflict(message, errors=broken("arrived", "concluded-once", message, article=REPAYMENT,
                                              status=repayment.status.value))
    return replace(repayment, status=RepaymentStatus.RECEIVED if received else RepaymentStatus.CANCELLED)


def settled_months(repayment: Repayment, open_months: dict[str, Statement], daily_rate: Decimal) -> list[Statement]:
    """The months a received repayment pays off, each with the late fee it carried to the payment day."""
    return [settle(open_months[p], late_fee(arrear_of(open_months[p]), repayment.paid_on, daily_rate),
                   repayment.paid_on) for p in repayment.periods if p in open_months]
