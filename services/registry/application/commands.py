"""Commands: what an officer, an employer or ops asks registry to do (imperative names). `on` is the day the act
took place when the officer records it later (a paper filing of yesterday); None: today in Beijing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from services.registry.domain.employer import ApplicationForm


@dataclass(frozen=True)
class RegisterEmployer:
    """An officer's direct registration at the counter (documents already checked)."""

    name: str
    uscc: str
    district_code: str
    on: date | None = None


ApplyForRegistration = ApplicationForm
"""Apply with 表一 and the documents shown: the command is the domain's form itself."""


@dataclass(frozen=True)
class ReviewApplication:
    employer_id: str
    approve: bool
    reasons: tuple[str, ...] = ()
    on: date | None = None


@dataclass(frozen=True)
class RecordBankReceipt:
    employer_id: str
    bank_name: str
    bank_account: str
    receipt_date: date
    on: date | None = None


@dataclass(frozen=True)
class ChangeRegisteredFacts:
    employer_id: str
    changes: dict[str, str]
    change_date: date
    documents: tuple[str, ...]
    on: date | None = None


@dataclass(frozen=True)
class ReissueCertificate:
    employer_id: str
    statement: str
    on: date | None = None


@dataclass(frozen=True)
class InspectEmployer:
    employer_id: str
    year: int
    insurance_types: tuple[str, ...]
    insured_headcount: int
    wage_base_total: str
    documents: tuple[str, ...]
    on: date | None = None
    contributions_paid: str | None = None


@dataclass(frozen=True)
class LapseUninspected:
    year: int
    as_of: date


@dataclass(frozen=True)
class RequestDeregistration:
    employer_id: str
    reason: str
    event_date: date
    on: date | None = None


@dataclass(frozen=True)
class RetryDeregistration:
    employer_id: str


@dataclass(frozen=True)
class ForceDeregistration:
    """Licence revoked by the market regulator (吊销): deregistered regardless of arrears."""

    employer_id: str
    event_date: date
    reason: str = "licence_revoked"
    on: date | None = None
