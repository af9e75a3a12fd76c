"""Dunning (催缴) of the units whose money has not arrived (未到) in the collection month, before it closes.

第九条 三: the first debit's results are read in on the 4th; a unit not debited in full is "not arrived" (未到信息).
第九条 五: the agency's staff dun (进行基金催缴) every unit not fully debited and fix again the day and the way it pays
that month; re-debits run until the 20th. Each such unit gets one dunning notice per month, renewed by every later
import (the amount still owed, the day of the latest import); the officer lists them per month, the unit reads its
own. Where the regulation is silent — whether a unit absent from the bank's results is "not arrived" — the notice is
issued too: the debit file asked the bank for its money and nothing came back, which is what the officer would
chase.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from services.insurance.domain.account import Account, PaymentMethod
from services.insurance.domain.calendar import Period, payment_deadline
from services.insurance.domain.statement import Statement


@dataclass(frozen=True)
class DunningNotice:
    """催缴通知: a unit's month not (fully) arrived; `payment_due` is the re-debit / cash deadline, the 20th."""

    employer_id: str
    period: str
    outstanding: Decimal
    statement_status: str
    dunned_on: date
    payment_due: date
    batch: str

    @property
    def id(self) -> str:
        return f"{self.period}:{self.employer_id}"


def not_arrived(accounts: list[Account], statements: dict[str, Statement], period: Period, on: date,
                batch: str) -> list[DunningNotice]:
    """After a debit-results import: every bank-debit unit of the month with money still outstanding (short,
    failed, or absent from the bank's results) is dunned, to pay by the 20th."""
    debit = {a.employer_id for a in accounts if a.payment_method is PaymentMethod.BANK_DEBIT}
    return [DunningNotice(e, str(period), s.outstanding, s.status.value, on, payment_deadline(period), batch)
            for e, s in sorted(statements.items()) if e in debit and s.outstanding > Decimal(0)]
