"""Money in yuan as Decimal with 2 places (分). Rounding rule: ROUND_HALF_UP on every item line; a total is the
sum of its already rounded lines, so the lines always add up to the total to the fen."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def yuan(value: Decimal | str | int) -> Decimal:
    """A money amount rounded half-up to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def share_of(base: Decimal, rate: Decimal) -> Decimal:
    """One item line: base × rate, rounded half-up to the fen (the only place contributions are rounded)."""
    return yuan(base * rate)


def total(lines) -> Decimal:
    """Sum of rounded lines; never re-rounded."""
    return sum((Decimal(x) for x in lines), ZERO)
