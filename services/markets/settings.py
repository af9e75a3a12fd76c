"""Markets' own settings section (`CIVIC_MARKETS_*`), read once by bootstrap.

Empty for now, on purpose: every number markets works with is the regulation's (the 1000 m service radius, the
0.1 m²/resident norm, the statutory deadlines, the 500 m station distance — all in `domain/`), and its collections
are named by the common section's namespace. A setting of markets' own goes here."""
from __future__ import annotations

from shared.config import Section


class MarketsSettings(Section):
    model_config = Section.model_config | {"env_prefix": "CIVIC_MARKETS_"}
