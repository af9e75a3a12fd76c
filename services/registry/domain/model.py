"""The employer aggregate (用人单位) as registry keeps it: one document from application to deregistration.

Frozen dataclasses, changed with `dataclasses.replace`; the repository's codec stores them as JSON documents and
reads them back. No I/O here.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


from services.registry.domain.certificate import Certificate
from services.registry.domain.units import UnitType


class EmployerStatus(StrEnum):
    APPLIED = "applied"                                   # accepted on the spot, under review
    REJECTED = "rejected"
    APPROVED = "approved"                                 # payment-account opening notice issued
    REGISTERED = "registered"                             # bank receipt in, certificate issued
    DEREGISTRATION_PENDING = "deregistration_pending"     # waiting for insurance's arrears assessment
    DEREGISTRATION_BLOCKED = "deregistration_blocked"     # contributions, late fees or fines outstanding
    DEREGISTERED = "deregistered"



@dataclass(frozen=True, kw_only=True)
class Application:
    licence_date: date
    documents: tuple[str, ...]
    accepted_on: date
    days_late: int
    decision_due: date                   # 第七条: the review decides within 10 working days
    decision: str | None = None
    reasons: tuple[str, ...] = ()
    reviewed_on: date | None = None
    account_notice_issued_on: date | None = None
    bank_name: str | None = None
    bank_account: str | None = None
    bank_receipt_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Arrears:
    """Insurance's assessment, in yuan as 2-decimal strings (money is never float)."""

    contributions: str
    late_fees: str
    fines: str
    total: str
    as_of: date

    @property
    def owing(self) -> bool:
        return Decimal(self.total) > 0


@dataclass(frozen=True, kw_only=True)
class InsuranceFacts:
    """Registry's projection of insurance's facts about the unit, fed by insurance's events.

    Headcount, wage base total and insurance types from `insurance.month.closed` (the newest month wins; wage base
    and types stay None, not checked, while insurance's months do not carry them); what was paid per closed month
    (`paid_by_period`, yyyy-mm → yuan) is kept for every month, summed by year at the inspection; arrears from
    `insurance.arrears.assessed` / `.settled`."""

    arrears: Arrears | None = None
    settled_on: date | None = None
    insured_headcount: int | None = None
    headcount_period: str | None = None  # yyyy-mm of the closed month the headcount comes from
    wage_base_total: str | None = None
    insurance_types: tuple[str, ...] | None = None
    paid_by_period: dict[str, str] = field(default_factory=dict)

    def paid_in(self, year: int) -> str | None:
        """Contributions paid for the closed months of `year` (yuan, 2 decimals), None if insurance closed none."""
        months = [Decimal(paid) for period, paid in self.paid_by_period.items() if period.startswith(f"{year}-")]
        return f"{sum(months, Decimal(0)):.2f}" if months else None

    @property
    def arrears_outstanding(self) -> bool:
        if self.arrears is None or not self.arrears.owing:
            return False
        return self.settled_on is None or self.settled_on < self.arrears.as_of


@dataclass(frozen=True, kw_only=True)
class Deregistration:
    request_id: str
    reason: str
    event_date: date
    requested_on: date
    requested_at: datetime
    days_late: int
    forced: bool = False
    deregistered_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class Inspection:
    year: int
    inspected_on: date
    insurance_types: tuple[str, ...]
    insured_headcount: int
    wage_base_total: str
    contributions_paid: str | None = None
    restored_certificate: bool = False   # a late pass of the year the certificate lapsed for (第十八、二十条)


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One line of the employer's timeline (GET /employers/{id}/events)."""

    on: date
    what: str
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Employer:
    id: str
    name: str
    uscc: str
    district_code: str
    status: EmployerStatus
    unit_type: UnitType | None = None
    address: str | None = None
    registered_on: date | None = None
    application: Application | None = None
    certificate: Certificate | None = None
    inspections: tuple[Inspection, ...] = ()
    deregistration: Deregistration | None = None
    insurance: InsuranceFacts = InsuranceFacts()
    timeline: tuple[Entry, ...] = ()

    def noted(self, on: date, what: str, **detail: object) -> "Employer":
        entry = Entry(on=on, what=what, detail={k: str(v) for k, v in detail.items() if v is not None})
        return replace(self, timeline=(*self.timeline, entry))

    @property
    def certificate_number(self) -> str | None:
        return self.certificate.number if self.certificate else None

    def published_facts(self) -> dict[str, str | None]:
        """What other departments' consumers need with every event: district and unit type (no personal data)."""
        return {"district_code": self.district_code, "unit_type": self.unit_type.value if self.unit_type else None}

    @property
    def inspected_years(self) -> set[int]:
        return {i.year for i in self.inspections}
