"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from services.registry.domain.certificate import Printing
from services.registry.domain.model import Employer, Entry
from shared.errors import NotFound
from shared.params import MAX_PEOPLE
from shared.schemas import RequestBody



@cache
def _adapter(kind: type) -> TypeAdapter:
    return TypeAdapter(kind)


def plain(value: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """A domain value as JSON-ready data: dates as ISO strings, Decimals as strings, enums as their values."""
    return _adapter(type(value)).dump_python(value, mode="json", exclude=exclude)


DISTRICT = Field(pattern=r"^\d{6}$", description="Beijing district code, e.g. 110108")


class EmployerIn(RequestBody):
    name: str = Field(min_length=1, max_length=200, description="Registered name of the unit")
    uscc: str = Field(description="Unified social credit code (统一社会信用代码), 18 characters")
    district_code: str = DISTRICT


class ApplicationIn(EmployerIn):
    unit_type: str = Field(description="enterprise, public_institution, social_organisation, state_organ, "
                                       "foreign_invested_enterprise, representative_office, non_legal_person_branch")
    licence_date: date = Field(description="licence / establishment date (the 30 days run from it)")
    documents: list[str] = Field(default_factory=list, description="documents shown with 表一")
    address: str | None = Field(None, max_length=300)


class ReviewIn(RequestBody):
    decision: Literal["approve", "reject"]
    reasons: list[str] = Field(default_factory=list)


class BankAccountIn(RequestBody):
    bank_name: str = Field(min_length=1, max_length=100)
    account_number: str = Field(min_length=1, max_length=40)
    receipt_date: date


class ChangeIn(RequestBody):
    changes: dict[str, str] = Field(description="field → new value: name, address, unit_type")
    change_date: date
    documents: list[str] = Field(default_factory=list, description="form_1_1, registration_certificate, change_proof")


class ReissueIn(RequestBody):
    statement: str = Field(max_length=2000, description="the written application for a lost certificate")


class InspectionIn(RequestBody):
    insurance_types: list[str] = Field(default_factory=list)
    insured_headcount: int = Field(ge=0, le=MAX_PEOPLE)
    wage_base_total: str = Field(description="yuan, 2 decimals, as a string")
    documents: list[str] = Field(default_factory=list)


class DeregistrationIn(RequestBody):
    reason: str = Field(description="dissolution, bankruptcy, revocation, merger, licence_revoked, other")
    event_date: date


class ForcedDeregistrationIn(RequestBody):
    event_date: date = Field(description="the day the market regulator revoked the licence (吊销)")


class EmployerOut(BaseModel):
    id: str
    name: str
    uscc: str
    district_code: str
    status: str
    unit_type: str | None = None
    address: str | None = None
    registered_on: date | None = None
    certificate_number: str | None = None
    certificate_status: str | None = None
    awaiting_insurance: bool = False
    application: dict[str, Any] | None = None
    deregistration: dict[str, Any] | None = None
    arrears: dict[str, Any] | None = Field(None, description="insurance's last assessment (the breakdown)")
    inspected_years: list[int] = []

    @classmethod
    def of(cls, employer: Employer, awaiting_insurance: bool = False) -> "EmployerOut":
        data = plain(employer, exclude={"timeline", "insurance", "certificate", "inspections"})
        certificate = employer.certificate
        arrears = employer.insurance.arrears
        return cls(**data, certificate_number=certificate.number if certificate else None,
                   certificate_status=certificate.status.value if certificate else None,
                   awaiting_insurance=awaiting_insurance, arrears=plain(arrears) if arrears else None,
                   inspected_years=sorted(employer.inspected_years))


class PageOut(BaseModel):
    items: list[EmployerOut]
    total: int
    page: int
    size: int


class CertificateOut(BaseModel):
    number: str
    status: str
    version: int
    issued_on: date
    current: Printing
    history: list[Printing] = Field(description="earlier printings, each with the day it was recalled")

    @classmethod
    def of(cls, employer: Employer) -> "CertificateOut":
        certificate = employer.certificate
        if certificate is None:
            raise NotFound(f"employer {employer.id} has no certificate yet")
        current = certificate.current
        return cls(number=certificate.number, status=certificate.status.value, version=current.version,
                   issued_on=current.issued_on, current=current, history=list(certificate.printings[:-1]))


class TimelineEntryOut(BaseModel):
    """One line of the employer's timeline."""

    on: date
    what: str
    detail: dict[str, str] = {}

    @classmethod
    def of(cls, entry: Entry) -> "TimelineEntryOut":
        return cls(on=entry.on, what=entry.what, detail=entry.detail)


class LapseOut(BaseModel):
    year: int
    as_of: date
    lapsed: list[str] = Field(description="ids of the units whose certificate lapsed in this run")
