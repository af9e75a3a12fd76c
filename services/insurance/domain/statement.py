"""The monthly statement (缴费月报) of one account, and how money received is applied to it."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.money import ZERO, share_of, total, yuan
from services.insurance.domain.rates import SPLIT_ORDER, InsuranceType, RateTable


class StatementStatus(StrEnum):
    ISSUED = "issued"      # generated, nothing received yet
    PAID = "paid"          # fully received
    SHORT = "short"        # part received ("not arrived" for the rest → dunning)
    FAILED = "failed"      # the debit failed, nothing received
    CLOSED = "closed"      # month closed with an outstanding amount: arrears
    SETTLED = "settled"    # arrears repaid


@dataclass(frozen=True)
class Line:
    """One insurance type of a statement: employer and individual shares, each a sum of per-person lines."""

    kind: InsuranceType
    employer: Decimal
    individual: Decimal

    @property
    def amount(self) -> Decimal:
        return self.employer + self.individual


@dataclass(frozen=True)
class Statement:
    employer_id: str
    period: str
    headcount: int
    lines: tuple[Line, ...]
    received: dict[InsuranceType, Decimal]
    status: StatementStatus = StatementStatus.ISSUED
    unpaid_streak: int = 0
    settled_on: date | None = None
    late_fees_paid: Decimal = ZERO
    wage_base_total: Decimal | None = None  # the month's bases of the persons charged, summed (None: not recorded)

    @property
    def insurance_types(self) -> list[str]:
        """The insurance types the month charged (a line above zero), in the bank's split order."""
        return [line.kind.value for line in self.lines if line.amount > 0]

    @property
    def total(self) -> Decimal:
        return total(line.amount for line in self.lines)

    @property
    def received_total(self) -> Decimal:
        return total(self.received.values())

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.received_total


def person_lines(base: Decimal, rates: RateTable, industry_class: int) -> dict[InsuranceType, tuple[Decimal, Decimal]]:
    """One person's month: base × rate per type and side, each rounded half-up to the fen."""
    lines = {}
    for kind in SPLIT_ORDER:
        shares = rates.shares_for(kind, industry_class)
        lines[kind] = (share_of(base, shares.employer), share_of(base, shares.individual))
    return lines


def build_statement(employer_id: str, period: str, bases: list[Decimal], rates: RateTable,
                    industry_class: int = 1) -> Statement:
    """月报 from the month's headcount and bases: itemised by type and share; the total is the sum of the lines."""
    sums = {kind: [ZERO, ZERO] for kind in SPLIT_ORDER}
    for base in bases:
        for kind, (employer, individual) in person_lines(base, rates, industry_class).items():
            sums[kind][0] += employer
            sums[kind][1] += individual
    lines = tuple(Line(kind, e, i) for kind, (e, i) in sums.items())
    return Statement(employer_id, period, len(bases), lines, {kind: ZERO for kind in SPLIT_ORDER},
                     wage_base_total=total(bases))


def split_by_type(lines: tuple[Line, ...], already: dict[InsuranceType, Decimal], amount: Decimal
                  ) -> dict[InsuranceType, Decimal]:
    """The bank's split (分账): money goes to pension, then unemployment, work injury, maternity, each up to what
    is still due on it. Returns the new received amounts per type; anything beyond the total is not applied."""
    left = yuan(amount)
    received = dict(already)
    for line in sorted(lines, key=lambda ln: SPLIT_ORDER.index(ln.kind)):
        take = min(left, line.amount - received[line.kind])
        received[line.kind] += take
        left -= take
    return received


def apply_payment(statement: Statement, amount: Decimal) -> Statement:
    """A debit result, re-debit or cash/cheque payment: paid in full, short, or failed (nothing arrived)."""
    received = split_by_type(statement.lines, statement.received, amount)
    got = total(received.values())
    if got == statement.total:
        status = StatementStatus.PAID
    else:
        status = StatementStatus.SHORT if got > 0 else StatementStatus.FAILED
    return replace(statement, received=received, status=status)


def close_statement(statement: Statement, previous_streak: int) -> Statement:
    """Month end: what has not arrived becomes arrears. A fully unpaid month extends the unpaid streak."""
    if statement.outstanding == 0:
        return replace(statement, status=StatementStatus.PAID, unpaid_streak=0)
    fully_unpaid = statement.received_total == 0
    return replace(statement, status=StatementStatus.CLOSED,
                   unpaid_streak=previous_streak + 1 if fully_unpaid else 0)


def must_declare(unpaid_streak: int, months_to_switch: int = 2) -> bool:
    """连续全额欠缴2个月以上: the unit is switched to active declaration (主动申报)."""
    return unpaid_streak >= months_to_switch


def settle(statement: Statement, late_fees: Decimal, on: date) -> Statement:
    """An arrears repayment received: the month is paid in full, with the late fees it carried to that day."""
    received = {line.kind: line.amount for line in statement.lines}
    return replace(statement, received=received, status=StatementStatus.SETTLED, settled_on=on,
                   late_fees_paid=late_fees)


def replay(statement: Statement, amounts: list[Decimal]) -> Statement:
    """A statement with its recorded payments applied in the order they were received."""
    for amount in amounts:
        statement = apply_payment(statement, amount)
    return statement
