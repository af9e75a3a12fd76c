"""HTTP values → domain values where a route's input needs more than its schema (registry's community events are
translated by the application handlers that receive them, `application/projection.py`)."""
from __future__ import annotations

from services.workforce.domain.pay import Period, parse_period
from shared.errors import InvalidInput


def period_of(period: str) -> Period:
    """The month of a payroll path (`period`, written `yyyy-mm`), or 422 naming the rule."""
    parsed = parse_period(period)
    if parsed is None:
        raise InvalidInput.on("period", "yyyy-mm", f"{period!r} is not a month written yyyy-mm")
    return parsed
