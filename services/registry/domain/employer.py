"""The employer (用人单位) as registered for social insurance."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdnum.cn import uscc as uscc_code

from services.registry.domain.districts import is_issuable_district
from shared.errors import ProblemCollector
from shared.events import EmployerRegistered


class EmployerStatus(StrEnum):
    REGISTERED = "registered"


@dataclass(frozen=True)
class Employer:
    id: str
    name: str
    uscc: str
    district_code: str
    status: EmployerStatus
    registered_on: date


def register(employer_id: str, name: str, uscc: str, district_code: str, today: date
             ) -> tuple[Employer, list[EmployerRegistered]]:
    """Register a unit: a name, a USCC whose check character is right (GB 32100), a current Beijing district."""
    name, uscc = name.strip(), uscc.strip().upper()
    problems = ProblemCollector()
    if not name:
        problems.add("name", "required", "the unit's name is required")
    if not uscc_code.is_valid(uscc):
        problems.add("uscc", "uscc-check-character",
                     "not a valid unified social credit code (18 characters, GB 32100 check character)")
    if not is_issuable_district(district_code):
        problems.add("district_code", "beijing-district",
                     f"{district_code!r} is not a current Beijing district code (110101 … 110119)")
    problems.raise_if_any("The employer cannot be registered")
    employer = Employer(employer_id, name, uscc, district_code, EmployerStatus.REGISTERED, today)
    return employer, [EmployerRegistered(employer_id=employer_id, name=name, uscc=uscc,
                                         district_code=district_code, registered_on=today)]
