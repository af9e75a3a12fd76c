"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from services.registry.domain.certificate import Printing
from shared.numbers import Money
from services.registry.domain.model import Employer, EmployerStatus, Entry
from shared.errors import NotFound
from shared.params import MAX_PEOPLE, Yuan
from shared.schemas import RequestBody



@cache
def _adapter(kind: type) -> TypeAdapter:
    return TypeAdapter(kind)


def plain(value: Any, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """A domain value as JSON-ready data: dates as ISO strings, Decimals as strings, enums as their values."""
    return _adapter(type(value)).dump_python(value, mode="json", exclude=exclude)


DISTRICT = Field(pattern=r"^\d{6}$", description="Beijing district code, e.g. 110108")


def on_field(act: str) -> Any:
    return Field(None, description=f"the day {act} (an officer recording a paper filing of an earlier day); "
                                   "left out: today in Beijing; never a day still to come")


class EmployerIn(RequestBody):
    name: str = Field(min_length=1, max_length=200, description="Registered name of the unit")
    uscc: str = Field(description="Unified social credit code (统一社会信用代码), 18 characters")
    district_code: str = DISTRICT
    on: date | None = on_field("the unit was registered (or its application accepted)")


class ApplicationIn(EmployerIn):
    unit_type: str = Field(description="enterprise, public_institution, social_organisation, state_organ, "
                                       "foreign_invested_enterprise, representative_office, non_legal_person_branch")
    licence_date: date = Field(description="licence / establishment date (the 30 days run from it)")
    documents: list[str] = Field(default_factory=list, description="documents shown with 表一")
    address: str | None = Field(None, max_length=300)


class ReviewIn(RequestBody):
    decision: Literal["approve", "reject"]
    reasons: list[str] = Field(default_factory=list)
    on: date | None = on_field("of the review")


class BankAccountIn(RequestBody):
    bank_name: str = Field(min_length=1, max_length=100)
    account_number: str = Field(min_length=1, max_length=40)
    receipt_date: date
    on: date | None = on_field("the receipt was recorded and the unit registered")


class ChangeIn(RequestBody):
    new_values: dict[str, str] = Field(description="field → new value: name, address, unit_type")
    change_date: date = Field(description="the day the registered facts changed (the 30 days run from it)")
    documents: list[str] = Field(default_factory=list, description="form_1_1, registration_certificate, change_proof")
    on: date | None = on_field("the change was filed")


class ReissueIn(RequestBody):
    statement: str = Field(max_length=2000, description="the written application for a lost certificate")
    on: date | None = on_field("the reissue was applied for")


class EmployerImportRow(RequestBody):
    """One registered unit of the earlier register, with the certificate it holds (第十五条)."""

    name: str = Field(min_length=1, max_length=200)
    uscc: str = Field(min_length=18, max_length=18, description="Unified social credit code, 18 characters")
    district_code: str = DISTRICT
    certificate_number: str = Field(min_length=1, max_length=20, description=(
        "12 digits: district code + 6-digit sequence; old 110103 (崇文) / 110104 (宣武) certificates accepted"))
    registered_on: date = Field(description="the day the unit was registered in the earlier register")
    unit_type: str | None = Field(None, max_length=50)
    address: str | None = Field(None, max_length=200)


class InspectionIn(RequestBody):
    insurance_types: list[str] = Field(default_factory=list)
    insured_headcount: int = Field(ge=0, le=MAX_PEOPLE)
    wage_base_total: Yuan = Field(description="the declared wage base, yuan (a number or a decimal string)")
    documents: list[str] = Field(default_factory=list)
    contributions_paid: Yuan | None = Field(None, description=(
        "the contributions paid for the inspected year, yuan; required once insurance has closed months of that "
        "year (第十九条第3项)"))
    on: date | None = on_field("of the inspection")


class DeregistrationIn(RequestBody):
    reason: str = Field(description="dissolution, bankruptcy, revocation, merger, licence_revoked, other")
    event_date: date = Field(description="the day of the terminating event (the 30 days run from it)")
    on: date | None = on_field("the deregistration was requested")


class ForcedDeregistrationIn(RequestBody):
    event_date: date = Field(description="the day the market regulator revoked the licence (吊销)")
    on: date | None = on_field("the officer deregistered the unit")


class ApplicationOut(BaseModel):
    """表一 as accepted and its review (第五–七条)."""

    licence_date: date
    documents: list[str]
    accepted_on: date
    days_late: int = Field(description="days past the 30 days after the licence (late filings are accepted)")
    decision_due: date = Field(description="the review decides within 10 mainland working days of acceptance")
    decision: Literal["approved", "rejected"] | None = None
    reasons: list[str] = []
    reviewed_on: date | None = None
    account_notice_issued_on: date | None = None
    bank_name: str | None = None
    bank_account: str | None = None
    bank_receipt_on: date | None = None


class DeregistrationOut(BaseModel):
    request_id: str
    reason: str
    event_date: date
    requested_on: date
    requested_at: datetime
    days_late: int
    forced: bool = False
    deregistered_on: date | None = None


class ArrearsCheckOut(BaseModel):
    """Insurance's last assessment of what the unit owes (the breakdown), in yuan."""

    contributions: Money
    late_fees: Money
    fines: Money
    total: Money
    as_of: date


class InsuranceRecordOut(BaseModel):
    """What registry has learnt from insurance's closed months, checked at the annual inspection (第十九条)."""

    period: str | None = Field(None, description="the newest closed month (yyyy-mm) the figures come from")
    insured_headcount: int | None = None
    wage_base_total: Money | None = None
    insurance_types: list[str] | None = None
    paid_by_year: dict[str, Money] = Field({}, description="contributions paid for each year's closed months")

    @classmethod
    def of(cls, employer: Employer) -> "InsuranceRecordOut":
        facts = employer.insurance
        years = sorted({period[:4] for period in facts.paid_by_period})
        return cls(period=facts.headcount_period, insured_headcount=facts.insured_headcount,
                   wage_base_total=facts.wage_base_total,
                   insurance_types=None if facts.insurance_types is None else list(facts.insurance_types),
                   paid_by_year={year: facts.paid_in(int(year)) for year in years})


class EmployerOut(BaseModel):
    id: str
    name: str
    uscc: str
    district_code: str
    status: EmployerStatus
    unit_type: str | None = None
    address: str | None = None
    registered_on: date | None = None
    certificate_number: str | None = None
    certificate_status: str | None = None
    awaiting_insurance: bool = False
    application: ApplicationOut | None = None
    deregistration: DeregistrationOut | None = None
    arrears_check: ArrearsCheckOut | None = Field(None, description="insurance's last assessment (the breakdown)")
    inspected_years: list[int] = []
    insurance_record: InsuranceRecordOut | None = Field(None, description="insurance's facts for the inspection")

    @classmethod
    def of(cls, employer: Employer, awaiting_insurance: bool = False) -> "EmployerOut":
        data = plain(employer, exclude={"timeline", "insurance", "certificate", "inspections"})
        certificate = employer.certificate
        arrears = employer.insurance.arrears
        return cls(**data, certificate_number=certificate.number if certificate else None,
                   certificate_status=certificate.status.value if certificate else None,
                   awaiting_insurance=awaiting_insurance, arrears_check=plain(arrears) if arrears else None,
                   inspected_years=sorted(employer.inspected_years),
                   insurance_record=InsuranceRecordOut.of(employer) if employer.insurance.headcount_period else None)


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
    data: dict[str, str] = Field({}, description="the facts of the line (days late, the decision, a number)")

    @classmethod
    def of(cls, entry: Entry) -> "TimelineEntryOut":
        return cls(on=entry.on, what=entry.what, data=entry.detail)


class LapseOut(BaseModel):
    year: int
    as_of: date
    lapsed: list[str] = Field(description="ids of the units whose certificate lapsed in this run")
