"""Parameters and body fields several services share, bounded so that no value reaches the domain's date arithmetic (or the
database's 8-byte integers) out of range: an out-of-range year is a 422 naming the parameter, not a 500."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the platform's records start in 2000; the bodies' `year` fields agree

Year = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]

MONTH_PATTERN = r"^(20\d\d|2100)-(0[1-9]|1[0-2])$"
"""`YYYY-MM` within the platform's years: `9999-12` or `0000-01` is a 422 naming the parameter, never a 500."""

Month = Annotated[str, Path(pattern=MONTH_PATTERN, description="month as YYYY-MM, 2000-01 to 2100-12",
                            examples=["2026-11"])]

AsOf = Annotated[date | None, Query(ge=date(FIRST_YEAR, 1, 1), le=date(LAST_YEAR, 12, 31),
                                    description="as of this day (2000-01-01 to 2100-12-31); left out: today in Beijing")]
"""An `on` query parameter of a read ("overdue as of"): `0001-11-01` is a 422 naming it, not a 500 from working-day
arithmetic before the calendar starts."""

MAX_PAGE = 100_000  # skip = (page - 1) × size must stay an 8-byte integer; no listing has that many pages

PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page")]

# Counts of people and households in request bodies: above any Beijing district, and stored as 8-byte integers,
# so an absurd value is a 422 naming the field rather than an overflow.
MAX_PEOPLE, MAX_HOUSEHOLDS = 10_000_000, 1_000_000

MAX_YUAN = Decimal("999999999999.99")  # insurance's domain bounds CSV amounts by the same figure (domain/money.py)

Yuan = Annotated[Decimal, Field(ge=0, le=MAX_YUAN, decimal_places=2, allow_inf_nan=False,
                                description="yuan, at most 2 decimals")]
"""An amount of money in a request body: `1e30`, `NaN` or `1.234` are a 422 naming the field, never an overflow
deep in a rule's rounding."""
