"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.registry.domain.employer import Employer


class EmployerIn(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="Registered name of the unit")
    uscc: str = Field(description="Unified social credit code (统一社会信用代码), 18 characters")
    district_code: str = Field(pattern=r"^\d{6}$", description="Beijing district code, e.g. 110108")


class EmployerOut(BaseModel):
    id: str
    name: str
    uscc: str
    district_code: str
    status: str
    registered_on: date

    @classmethod
    def of(cls, employer: Employer) -> "EmployerOut":
        return cls(id=employer.id, name=employer.name, uscc=employer.uscc, district_code=employer.district_code,
                   status=employer.status.value, registered_on=employer.registered_on)
