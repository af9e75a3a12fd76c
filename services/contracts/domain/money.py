"""Money in yuan: `Decimal` with 2 places (分), stored as strings.

Rounding: every computed amount (fee, reward, capped income) is rounded to 0.01 yuan with ROUND_HALF_UP
(四舍五入), the rounding Chinese invoices use. Input amounts are never rounded: more than 2 places is refused.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from shared.errors import ProblemCollector

CENT = Decimal("0.01")
TOO_MUCH = Decimal(10) ** 15  # yuan; above any contract, and larger values overflow `quantize` (28 digits)


def yuan(value: Decimal | int | str) -> Decimal:
    """An amount rounded half-up to 2 places."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(field: str, raw: object, problems: ProblemCollector, *, allow_zero: bool = False
                 ) -> Decimal | None:
    """A positive (or, with `allow_zero`, non-negative) yuan amount with at most 2 places, else a problem."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        problems.add(field, "numeric", f"{raw!r} is not a number of yuan")
        return None
    if not value.is_finite():
        problems.add(field, "numeric", f"{raw!r} is not a number of yuan")
        return None
    if value < 0 or (value == 0 and not allow_zero):
        problems.add(field, "non-negative" if allow_zero else "positive",
                     f"the amount must be {'0 or more' if allow_zero else 'more than 0'} yuan")
        return None
    if value >= TOO_MUCH:
        problems.add(field, "below-limit", f"the amount must be less than {TOO_MUCH:,} yuan")
        return None
    if value != value.quantize(CENT):
        problems.add(field, "two-decimals", "yuan amounts have at most 2 decimal places (分)")
        return None
    return value.quantize(CENT)


def parse_ratio(field: str, raw: object, problems: ProblemCollector) -> Decimal | None:
    """A ratio as a decimal fraction in (0, 1], e.g. "0.25" for 25 %."""
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        problems.add(field, "numeric", f"{raw!r} is not a ratio such as 0.25")
        return None
    if not value.is_finite() or not 0 < value <= 1:
        problems.add(field, "ratio-range", "a ratio is a fraction above 0 and at most 1 (0.25 = 25 %)")
        return None
    return value
