"""The monthly cycle as pure decisions over whole batches: statements, payments applied, month close."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from services.insurance.domain.account import Account, PaymentMethod, gets_statement
from services.insurance.domain.calendar import (
    Period, close_day, first_debit_file_days, payment_deadline, results_day, statement_deadline)
from services.insurance.domain.members import Member
from services.insurance.domain.money import is_amount
from services.insurance.domain.rates import CollectionPolicy, RateTable
from services.insurance.domain.statement import Statement, apply_payment, build_statement, close_statement, must_declare
from services.insurance.domain.refusals import COLLECTION_DAYS, MONTHLY_STATEMENT, broken
from shared.errors import Conflict, ProblemCollector
from shared.events.insurance import MonthClosed


class StepOutOfOrder(Conflict):
    code = "cycle-step-out-of-order"
    title = "This step of the monthly cycle cannot run now"


def base_year(period: Period) -> int:
    """Bases generated on 1 April apply from April to the next March."""
    return period.year if period.month >= 4 else period.year - 1


def require_statement_day(period: Period, on: date) -> None:
    if not (period.day(1) <= on <= statement_deadline(period)):
        message = f"statements of {period} are generated from {period.day(1)} to {statement_deadline(period)}"
        raise StepOutOfOrder(message, errors=broken("on", "statement-days", message, article=MONTHLY_STATEMENT,
                                                    first_day=str(period.day(1)),
                                                    last_day=str(statement_deadline(period))))


def require_collection_day(period: Period, on: date) -> None:
    """Debit results, re-debits and cash/cheque payments: from the 1st to the 20th of the following month."""
    if not (period.next().day(1) <= on <= payment_deadline(period)):
        message = (f"payments for {period} are taken from {period.next().day(1)} to {payment_deadline(period)}; "
                   "later money is an arrears repayment")
        raise StepOutOfOrder(message, errors=broken("on", "collection-days", message, article=COLLECTION_DAYS,
                                                    first_day=str(period.next().day(1)),
                                                    last_day=str(payment_deadline(period))))


def require_debit_file_day(period: Period, on: date) -> None:
    """银行扣款信息: the first debit file is made on the 1st and sent to the bank on the 2nd of the following month
    (第九条 一、二); a re-debit file of what has not arrived, from the day the first results are read in (the 4th)
    up to the upload deadline, the 20th (第九条 五(一)). Refused on the 3rd — the bank is debiting and splitting
    the first file and its results are not back, so a re-debit then would take the money twice — and outside
    those days."""
    first, sent = first_debit_file_days(period)
    if first <= on <= sent or results_day(period) <= on <= payment_deadline(period):
        return
    message = (f"the debit file of {period} is made on {first} or {sent} (first debit), or from "
               f"{results_day(period)} to {payment_deadline(period)} (re-debits after the first results)")
    raise StepOutOfOrder(message, errors=broken("on", "debit-file-days", message, article=COLLECTION_DAYS,
                                                first_day=str(first), last_first_debit_day=str(sent),
                                                redebit_from=str(results_day(period)),
                                                last_day=str(payment_deadline(period))))


def require_results_day(period: Period, on: date) -> None:
    """The bank's results are read in from the 4th of the following month (first debit, 第九条 三) and, for
    re-debits, until the 20th (第九条 五(一)): before the 4th the bank has returned nothing, after the 20th what
    has not arrived waits for the month end to become arrears."""
    if not (results_day(period) <= on <= payment_deadline(period)):
        message = (f"debit results of {period} are imported from {results_day(period)} to "
                   f"{payment_deadline(period)}")
        raise StepOutOfOrder(message, errors=broken("on", "debit-results-days", message, article=COLLECTION_DAYS,
                                                    first_day=str(results_day(period)),
                                                    last_day=str(payment_deadline(period))))


def require_close_day(period: Period, on: date) -> None:
    """月末结账: the month is closed at month end, after finance's books (第九条 六: 每月末 … 系统自动将当月未到位数据
    转为欠缴信息), i.e. on the last day of the collection month or later; a close before it would turn into arrears
    money that may still arrive that month."""
    if on < close_day(period):
        message = f"{period} is closed at month end, from {close_day(period)}"
        raise StepOutOfOrder(message, errors=broken("on", "close-days", message, article=COLLECTION_DAYS,
                                                    first_day=str(close_day(period))))


def statements_for(accounts: list[Account], members: list[Member], bases: dict[str, Decimal], period: Period,
                   rates: RateTable, policy: CollectionPolicy) -> list[Statement]:
    """One statement per account that gets one, from the month's headcount; a person without a generated base
    pays on the floor of that base year."""
    floor = policy.bounds_for(base_year(period)).floor
    by_employer: dict[str, list[Decimal]] = {}
    for member in members:
        if member.insured_in(period):
            by_employer.setdefault(member.employer_id, []).append(bases.get(member.resident_id, floor))
    return [build_statement(a.employer_id, str(period), by_employer.get(a.employer_id, []), rates, a.industry_class)
            for a in accounts if gets_statement(a, str(period))]


def debit_rows(accounts: list[Account], statements: dict[str, Statement]) -> list[tuple[str, Decimal]]:
    """The bank's debit file: (account, amount still outstanding) for every bank-debit account that owes."""
    return [(a.employer_id, statements[a.employer_id].outstanding) for a in accounts
            if a.payment_method is PaymentMethod.BANK_DEBIT and a.employer_id in statements
            and statements[a.employer_id].outstanding > 0]


def parse_amounts(rows: list[dict], statements: dict[str, Statement], rows_field: str | None = None
                  ) -> dict[str, Decimal]:
    """Rows {employer_id, amount} → amounts; every bad row is reported, nothing applied: by its CSV line number
    (`line 2.amount`), or by its place in a JSON body's `rows_field` (`payments.0.amount`)."""
    problems, amounts = ProblemCollector(), {}
    for n, row in enumerate(rows):
        where = f"{rows_field}.{n}" if rows_field else f"line {n + 2}"
        employer, raw = (row.get("employer_id") or "").strip(), (row.get("amount") or "").strip()
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            problems.add(f"{where}.amount", "decimal", f"{raw!r} is not an amount")
            continue
        if employer not in statements:
            problems.add(f"{where}.employer_id", "statement", f"no statement for {employer!r} in this month")
        elif not is_amount(amount):
            problems.add(f"{where}.amount", "money", "an amount is ≥ 0 with at most 2 decimals")
        elif amount > statements[employer].outstanding:
            problems.add(f"{where}.amount", "overpaid", f"more than the {statements[employer].outstanding} due")
        else:
            amounts[employer] = amounts.get(employer, Decimal(0)) + amount
    problems.raise_if_any("Some rows are invalid; nothing was applied")
    return amounts


def apply_amounts(statements: dict[str, Statement], amounts: dict[str, Decimal]) -> list[Statement]:
    return [apply_payment(statements[e], amount) for e, amount in amounts.items()]


def month_closed(statement: Statement, on: date) -> MonthClosed:
    """The month's close as registry's annual inspection reads it (登记管理办法 第十九条: 参加险种、参保人数、申报缴费
    工资、缴纳社会保险费情况): headcount, due, paid, arrears, and the wage base total and insurance types charged."""
    s = statement
    base = str(s.wage_base_total) if s.wage_base_total is not None else None
    return MonthClosed(employer_id=s.employer_id, period=s.period, headcount=s.headcount, due=str(s.total),
                       paid=str(s.received_total), arrears=str(s.outstanding), closed_on=on,
                       wage_base_total=base, insurance_types=s.insurance_types)


@dataclass(frozen=True)
class Closing:
    statements: list[Statement]
    events: list[MonthClosed]
    to_switch: list[str]


def close_month(current: dict[str, Statement], previous_streaks: dict[str, int], on: date,
                policy: CollectionPolicy) -> Closing:
    """Month end: what has not arrived becomes arrears; 2 fully unpaid months in a row → active declaration.
    `previous_streaks`: each account's fully-unpaid run at the previous month's close (absent = 0)."""
    closed = [close_statement(s, previous_streaks.get(e, 0)) for e, s in current.items()]
    events = [month_closed(s, on) for s in closed]
    switch = [s.employer_id for s in closed if must_declare(s.unpaid_streak, policy.unpaid_months_to_switch)]
    return Closing(closed, events, switch)
