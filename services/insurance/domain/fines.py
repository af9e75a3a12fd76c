"""Fines (罚款) of contribution collection, recorded per account by an officer.

The city's regulation states that fines exist — a unit settles contributions, late fees **and fines** before
deregistering (002, 1st document, art. 13) — but gives no amounts. The 2nd document is made under the State
Council's 《社会保险费征缴暂行条例》 (decree 259, its art. 1), whose art. 23 sets them: a unit that does not
register, change or deregister as required, or does not declare the contributions it owes (未按照规定申报),
is ordered to correct it; where serious (情节严重) a fine of 1 000–5 000 yuan, where very serious
(情节特别严重) 5 000–10 000 yuan. Both ends are inclusive (以上/以下). The ranges are defaults in
`CollectionPolicy.fine_ranges`, configurable like the rates.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from services.insurance.domain.money import ZERO, total
from services.insurance.domain.refusals import broken
from shared.errors import Conflict, InvalidInput


class Offence(StrEnum):
    REGISTRATION = "registration"  # 未按照规定办理社会保险登记、变更登记或者注销登记
    DECLARATION = "declaration"    # 未按照规定申报应缴纳的社会保险费数额


class Severity(StrEnum):
    SERIOUS = "serious"            # 情节严重
    VERY_SERIOUS = "very_serious"  # 情节特别严重


DEFAULT_FINE_RANGES: dict[Severity, tuple[Decimal, Decimal]] = {
    Severity.SERIOUS: (Decimal("1000.00"), Decimal("5000.00")),
    Severity.VERY_SERIOUS: (Decimal("5000.00"), Decimal("10000.00")),
}


class FineStatus(StrEnum):
    IMPOSED = "imposed"
    PAID = "paid"


@dataclass(frozen=True)
class Fine:
    id: str
    employer_id: str
    offence: Offence
    severity: Severity
    amount: Decimal
    imposed_on: date
    reason: str
    status: FineStatus = FineStatus.IMPOSED
    paid_on: date | None = None

    def owed_on(self, as_of: date) -> Decimal:
        """Owed on `as_of`: imposed by then and not paid by then."""
        unpaid = self.paid_on is None or self.paid_on > as_of
        return self.amount if self.imposed_on <= as_of and unpaid else ZERO


def impose_fine(fine_id: str, employer_id: str, offence: Offence, severity: Severity, amount: Decimal,
                imposed_on: date, reason: str, ranges: dict[Severity, tuple[Decimal, Decimal]]) -> Fine:
    """罚款: the officer's amount must lie inside the range of the severity, both ends included, to the fen."""
    low, high = ranges[severity]
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput.on("amount", "money", "a fine is in yuan with at most 2 decimals")
    if not low <= amount <= high:
        raise InvalidInput.on("amount", "fine-range", f"a {severity.value} {offence.value} fine is from {low} to "
                              f"{high} yuan (条例 art. 23), not {amount}")
    return Fine(fine_id, employer_id, offence, severity, amount, imposed_on, reason)


def pay_fine(fine: Fine, amount: Decimal, paid_on: date) -> Fine:
    """A fine is paid whole, on or after the day it was imposed."""
    if fine.status is FineStatus.PAID:
        message = f"fine {fine.id} is already paid"
        raise Conflict(message, errors=broken("fine_id", "paid-once", message))
    if amount != fine.amount:
        raise InvalidInput.on("amount", "exact-amount", f"fine {fine.id} is paid exactly {fine.amount}, not {amount}")
    if paid_on < fine.imposed_on:
        raise InvalidInput.on("paid_on", "after-imposed", f"fine {fine.id} was imposed on {fine.imposed_on}")
    return replace(fine, status=FineStatus.PAID, paid_on=paid_on)


def fines_owed(fines: list[Fine], as_of: date) -> Decimal:
    return total(f.owed_on(as_of) for f in fines)
