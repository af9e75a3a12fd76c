"""Decimals in answers (docs/api.md, "Numbers"): strings, never binary floats, with the pattern in the schema."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

CENT = Decimal("0.01")
TWO_PLACES_PATTERN = r"^-?\d+\.\d{2}$"
RATIO_PATTERN = r"^\d+(\.\d+)?$"


def two_places(value: Decimal | str | int) -> str:
    """`89.9` → `"89.90"`, rounding half up as the regulations' yuan amounts do."""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def as_given(value: Decimal) -> str:
    """`Decimal("0.250")` → `"0.250"`, `Decimal("1E+1")` → `"10"`: the places the rule was given, no exponent."""
    return format(value.normalize() if value == value.to_integral() else value, "f")


Money = Annotated[Decimal, BeforeValidator(lambda v: Decimal(str(v))), PlainSerializer(two_places, return_type=str),
                  WithJsonSchema({"type": "string", "pattern": TWO_PLACES_PATTERN, "examples": ["1250.00"],
                                  "description": "a decimal string with two places"}, mode="serialization")]
"""Money or a score in an answer: `"1250.00"`, `"89.90"`."""

Ratio = Annotated[Decimal, PlainSerializer(as_given, return_type=str),
                  WithJsonSchema({"type": "string", "pattern": RATIO_PATTERN, "examples": ["0.25"],
                                  "description": "a fraction as a decimal string: 0.25 = 25 %"}, mode="serialization")]
"""A ratio or rate in an answer, with as many places as the rule uses: `"0.25"`, `"0.005"`."""
