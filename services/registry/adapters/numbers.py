"""Decimals in answers (docs/api.md, "Numbers"): strings, never binary floats, with the pattern in the schema."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

CENT = Decimal("0.01")
TWO_DECIMALS = r"^-?\d+\.\d{2}$"


def two_decimals(value: Decimal | str | int) -> str:
    """`89.9` → `"89.90"`: money and scores with two decimals."""
    return str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


Decimal2 = Annotated[Decimal, BeforeValidator(lambda v: Decimal(str(v))),
                     PlainSerializer(two_decimals, return_type=str),
                     WithJsonSchema({"type": "string", "pattern": TWO_DECIMALS, "examples": ["89.90"]})]
"""An answer's money or score: a decimal string with exactly two decimals."""
