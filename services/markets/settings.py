"""Markets' own settings section (`CIVIC_MARKETS_*`), read once by bootstrap.

Every number markets works with is the regulation's (the 1000 m service radius, the 0.1 m²/resident norm, the
statutory deadlines, the 500 m station distance — all in `domain/`), and its collections are named by the common
section's namespace. Its own settings are operational only."""
from __future__ import annotations

from pydantic import Field

from shared.config import Section


class MarketsSettings(Section):
    model_config = Section.model_config | {"env_prefix": "CIVIC_MARKETS_"}

    overdue_cases_seconds: float = Field(86400, gt=0)
    """Period of the overdue-case run (a case for each lifecycle deadline passed without its step, 第三十二、三十三条);
    ticks fall on multiples of it since the epoch (daily: 08:00 Beijing); it runs with Beijing's date at the tick."""
