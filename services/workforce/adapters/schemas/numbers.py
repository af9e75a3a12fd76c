"""Decimals in answers (docs/api.md, "Numbers"): strings with a decimal pattern in the schema, never binary floats.
Requests take a JSON number or a decimal string (`Decimal` fields, bounded where they are declared)."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from shared.params import MONTH_PATTERN

TWO_PLACES = Decimal("0.01")

Money = Annotated[str, Field(pattern=r"^-?\d+\.\d{2}$", description="yuan, two decimals", examples=["1250.00"])]
Score = Annotated[str, Field(pattern=r"^\d{1,3}\.\d{2}$", description="exam score, two decimals", examples=["89.90"])]
Hours = Annotated[str, Field(pattern=r"^\d+\.\d{2}$", description="hours, two decimals", examples=["40.00"])]
PeriodText = Annotated[str, Field(pattern=MONTH_PATTERN, description="month as YYYY-MM", examples=["2026-11"])]


def two_places(value: Decimal | str) -> str:
    """`89.9` → `"89.90"`: money, scores and hours always carry two decimals."""
    return str(Decimal(value).quantize(TWO_PLACES))
