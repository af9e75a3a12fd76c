"""Back-payments (社会保险费补缴): past months of named persons, filed on the detail and summary forms
(补缴明细表 表四, 补缴汇总表 表五) and paid by bank debit or cash/cheque (零星缴费).

Regulation (002, 2nd document, art. 10): a failed debit (扣款不成功) or a payment not received by the 20th
(退票) cancels the back-payment record (予以注销); the unit must file it again. Each item is that month's
base × that month's rates, per insurance type and share; the late fee (滞纳金) of each month runs from the day
after that month's due date (the 20th of the following month) to the payment day, at the policy's daily rate.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.arrears import Arrear, late_fee
from services.insurance.domain.calendar import Period, payment_deadline
from services.insurance.domain.money import total
from services.insurance.domain.rates import InsuranceType, RateTable
from services.insurance.domain.repayment import PaymentChannel
from services.insurance.domain.statement import person_lines
from services.insurance.domain.refusals import BACK_PAYMENT, broken
from shared.errors import Conflict, InvalidInput, ProblemCollector


class BackPaymentStatus(StrEnum):
    FILED = "filed"
    RECEIVED = "received"
    CANCELLED = "cancelled"  # 扣款不成功 / 退票: 此笔补缴记录予以注销, to be filed again


@dataclass(frozen=True)
class Item:
    """One person's month (补缴明细表 line): the base and rates of that month, each share rounded to the fen."""

    period: str
    resident_id: str
    base: Decimal
    lines: dict[InsuranceType, tuple[Decimal, Decimal]]  # type → (employer, individual)

    @property
    def amount(self) -> Decimal:
        return total(e + i for e, i in self.lines.values())


@dataclass(frozen=True)
class BackPayment:
    id: str
    employer_id: str
    items: tuple[Item, ...]
    late_fees: dict[str, Decimal]  # period → that month's late fee to paid_on
    paid_on: date
    channel: PaymentChannel
    status: BackPaymentStatus = BackPaymentStatus.FILED

    @property
    def contributions(self) -> Decimal:
        return total(item.amount for item in self.items)

    @property
    def total(self) -> Decimal:
        return self.contributions + total(self.late_fees.values())


@dataclass(frozen=True)
class MonthFacts:
    """What one past month charged a person: the base in force for them and the rate table of that month."""

    base: Decimal
    rates: RateTable


def itemise(period: str, resident_id: str, facts: MonthFacts, industry_class: int) -> Item:
    return Item(period, resident_id, facts.base, person_lines(facts.base, facts.rates, industry_class))


def file_back_payment(back_payment_id: str, employer_id: str, wanted: list[tuple[str, str]], amount: Decimal,
                      paid_on: date, channel: PaymentChannel, facts: dict[tuple[str, str], MonthFacts],
                      insured_here: set[str], already: set[tuple[str, str]], industry_class: int,
                      daily_rate: Decimal) -> BackPayment:
    """`wanted` is (period, resident id) pairs. Each must be a past month (due date before the payment day),
    of a person insured with the unit, not already in a filed or received back-payment; `amount` must be
    exactly contributions + late fees."""
    _check_items(wanted, paid_on, insured_here, already)
    items = tuple(itemise(p, rid, facts[(p, rid)], industry_class) for p, rid in sorted(set(wanted)))
    by_month: dict[str, Decimal] = {}
    for item in items:
        by_month[item.period] = by_month.get(item.period, Decimal("0.00")) + item.amount
    fees = {p: late_fee(Arrear(p, owed, payment_deadline(Period.parse(p))), paid_on, daily_rate)
            for p, owed in by_month.items()}
    back_payment = BackPayment(back_payment_id, employer_id, items, fees, paid_on, channel)
    if amount != back_payment.total:
        raise InvalidInput.on("amount", "exact-amount", f"the back-payment paid on {paid_on} must be exactly "
                              f"{back_payment.total} ({back_payment.contributions} contributions and "
                              f"{total(fees.values())} late fees), not {amount}")
    return back_payment


def _check_items(wanted: list[tuple[str, str]], paid_on: date, insured_here: set[str],
                 already: set[tuple[str, str]]) -> None:
    problems = ProblemCollector()
    if not wanted:
        problems.add("items", "required", "a back-payment names at least one person and month")
    for n, (period, rid) in enumerate(wanted):
        if payment_deadline(Period.parse(period, f"items.{n}.period")) >= paid_on:
            problems.add(f"items.{n}.period", "past-month", f"{period} is still in its own collection "
                         f"(due {payment_deadline(Period.parse(period))}); a back-payment is for past months")
        if rid not in insured_here:
            problems.add(f"items.{n}.resident_id", "insured", f"{rid} is not insured with this unit")
        if (period, rid) in already or wanted.count((period, rid)) > 1:
            problems.add(f"items.{n}", "filed-once", f"{rid} for {period} is already in a back-payment")
    problems.raise_if_any("Some back-payment items are invalid; nothing was filed")


def conclude(back_payment: BackPayment, received: bool) -> BackPayment:
    """Money received → received; a failed debit or bounced cheque → cancelled (the unit files it again)."""
    if back_payment.status is not BackPaymentStatus.FILED:
        message = f"back-payment {back_payment.id} is already {back_payment.status.value}"
        raise Conflict(message, errors=broken("arrived", "concluded-once", message, article=BACK_PAYMENT,
                                              status=back_payment.status.value))
    return replace(back_payment,
                   status=BackPaymentStatus.RECEIVED if received else BackPaymentStatus.CANCELLED)
