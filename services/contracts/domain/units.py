"""A registered unit as contracts knows it, from registry's events: an employer user's token names its unit by
employer id, while contracts key their parties by USCC (统一社会信用代码)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    employer_id: str
    uscc: str
