from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RegisterEmployer:
    name: str
    uscc: str
    district_code: str
