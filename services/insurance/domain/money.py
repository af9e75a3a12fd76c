"""Money in yuan as Decimal with 2 places (分). Rounding rule: ROUND_HALF_UP on every item line; a total is the
sum of its already rounded lines, so the lines always add up to the total to the fen."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_YUAN = Decimal("999999999999.99")
"""Under a trillion yuan: above any contribution, wage, fine or payment, and far inside Decimal's 28 digits, so
rounding an amount can never overflow (`1e30` once ended in an InvalidOperation, answered 500)."""


def is_amount(value: Decimal) -> bool:
    """A money amount as received: finite, 0 ≤ value ≤ MAX_YUAN, and at most 2 decimals (`1.230` is 1.23)."""
    return value.is_finite() and ZERO <= value <= MAX_YUAN and value == value.quantize(FEN)


def yuan(value: Decimal | str | int) -> Decimal:
    """A money amount rounded half-up to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def share_of(base: Decimal, rate: Decimal) -> Decimal:
    """One item line: base × rate, rounded half-up to the fen (the only place contributions are rounded)."""
    return yuan(base * rate)


def total(lines) -> Decimal:
    """Sum of rounded lines; never re-rounded."""
    return sum((Decimal(x) for x in lines), ZERO)
