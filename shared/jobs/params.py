"""Parameter fields the jobs of several services share: a month `YYYY-MM` and a year within the platform's years,
and the business date `on` (left out: today in Beijing, fixed when the job is created)."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from shared.params import FIRST_YEAR, LAST_YEAR, MONTH_PATTERN

JobMonth = Annotated[str, Field(pattern=MONTH_PATTERN, description="month as YYYY-MM, 2000-01 to 2100-12",
                                examples=["2026-11"])]
JobYear = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year, 2000 to 2100")]
JobOn = Annotated[date | None, Field(description="the business date of the run; left out: today in Beijing")]
