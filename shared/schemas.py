"""The base of every request body: dates checked for sense, whatever the form.

A date outside 1900–2100 in a request is a mistake or a probe (a fine "imposed" on 9999-12-31 was accepted and
then sorted before every real one); no regulation here dates anything outside those years, and birth dates of
working people fall well inside them. Refused with 422 naming the field, rule `date-range`.
"""
from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, field_validator
from pydantic_core import PydanticCustomError

EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


class RequestBody(BaseModel):
    @field_validator("*", mode="after")
    @classmethod
    def _date_makes_sense(cls, value: Any) -> Any:
        if isinstance(value, date) and not EARLIEST <= (value if type(value) is date else value.date()) <= LATEST:
            raise PydanticCustomError("date-range", "a date from {earliest} to {latest}",
                                      {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()})
        return value
