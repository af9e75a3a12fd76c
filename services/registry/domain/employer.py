"""Registration (社会保险登记): apply → review → payment-account notice → bank receipt → certificate (第五–七条)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from stdnum.cn import uscc as uscc_code

from services.registry.domain import certificate as certificates
from services.registry.domain.deadlines import days_late, review_due
from services.registry.domain.certificate import SEQUENCE_DIGITS
from services.registry.domain.districts import RETIRED_DISTRICTS, is_issuable_district, is_known_district
from services.registry.domain.model import Application, Employer, EmployerStatus
from services.registry.domain.units import REQUIRED_DOCUMENTS, UnitType, missing_documents
from services.registry.domain.problems import wrong_status
from shared.errors import InvalidInput, ProblemCollector
from shared.events import EmployerRegistered

__all__ = ["Employer", "EmployerStatus", "ApplicationForm", "apply", "check_identity", "register", "review",
           "check_bank_receipt", "record_bank_receipt", "ImportedRegistration", "import_registered"]


@dataclass(frozen=True)
class ApplicationForm:
    """表一 and the documents shown with it."""

    name: str
    uscc: str
    unit_type: str
    district_code: str
    licence_date: date
    documents: tuple[str, ...]
    address: str | None = None


def check_identity(name: str, uscc: str, district_code: str, problems: ProblemCollector | None = None
                   ) -> ProblemCollector:
    """A name, a USCC whose check character is right (GB 32100), a current Beijing district."""
    problems = problems or ProblemCollector()
    if not name.strip():
        problems.add("name", "required", "the unit's name is required")
    if not uscc_code.is_valid(uscc.strip().upper()):
        problems.add("uscc", "uscc-check-character",
                     "not a valid unified social credit code (18 characters, GB 32100 check character)")
    if not is_issuable_district(district_code):
        problems.add("district_code", "beijing-district",
                     f"{district_code!r} is not a current Beijing district code (110101 … 110119)")
    return problems


def register(employer_id: str, name: str, uscc: str, district_code: str, certificate_number: str, today: date
             ) -> tuple[Employer, list[EmployerRegistered]]:
    """An officer's direct registration (documents checked at the counter): registered and certified at once."""
    check_identity(name, uscc, district_code).raise_if_any("The employer cannot be registered")
    name, uscc = name.strip(), uscc.strip().upper()
    employer = Employer(id=employer_id, name=name, uscc=uscc, district_code=district_code,
                        status=EmployerStatus.APPLIED)
    return _certify(employer, certificate_number, today)


def apply(employer_id: str, form: ApplicationForm, today: date) -> Employer:
    """第五条/第六条: accepted on the spot if complete; filed more than 30 days after the licence → marked late."""
    problems = check_identity(form.name, form.uscc, form.district_code)
    required = frozenset()
    if form.unit_type not in set(UnitType):
        problems.add("unit_type", "unit-type", f"{form.unit_type!r} is not one of {', '.join(UnitType)}")
    else:
        required = REQUIRED_DOCUMENTS[UnitType(form.unit_type)]
    for document in missing_documents(required, list(form.documents)):
        problems.add("documents", "required-document", f"missing document: {document.value}")
    if form.licence_date > today:
        problems.add("licence_date", "not-in-future", "the licence / establishment date is in the future")
    problems.raise_if_any("The application is incomplete")
    application = Application(licence_date=form.licence_date, documents=tuple(form.documents), accepted_on=today,
                              days_late=days_late(form.licence_date, today), decision_due=review_due(today))
    employer = Employer(id=employer_id, name=form.name.strip(), uscc=form.uscc.strip().upper(),
                        district_code=form.district_code, unit_type=UnitType(form.unit_type),
                        address=form.address, status=EmployerStatus.APPLIED, application=application)
    return employer.noted(today, "application accepted", days_late=application.days_late,
                          decision_due=application.decision_due)


def review(employer: Employer, approve: bool, reasons: tuple[str, ...], today: date) -> Employer:
    """第七条: approve (→ payment-account opening notice) or reject with reasons."""
    _require(employer, EmployerStatus.APPLIED, "reviewed")
    if today < employer.application.accepted_on:
        raise InvalidInput.on("on", "review-after-acceptance",
                              f"the application was accepted on {employer.application.accepted_on}")
    if not approve and not any(r.strip() for r in reasons):
        raise InvalidInput.on("reasons", "required-on-rejection", "a rejection must give its reasons")
    update = {"decision": "approved" if approve else "rejected", "reasons": tuple(reasons), "reviewed_on": today,
              "account_notice_issued_on": today if approve else None}
    application = replace(employer.application, **update)
    status = EmployerStatus.APPROVED if approve else EmployerStatus.REJECTED
    reviewed = replace(employer, application=application, status=status)
    return reviewed.noted(today, f"application {application.decision}", reasons="; ".join(reasons) or None,
                          overdue_by_days=max(0, (today - application.decision_due).days) or None)


def is_review_overdue(employer: Employer, today: date) -> bool:
    return employer.status == EmployerStatus.APPLIED and employer.application.decision_due < today


def check_bank_receipt(employer: Employer, receipt_on: date, today: date) -> None:
    """Before a certificate number is allocated: the unit was approved and the receipt is not from the future."""
    _require(employer, EmployerStatus.APPROVED, "registered on a bank receipt")
    if receipt_on > today:
        raise InvalidInput.on("receipt_date", "not-in-future", "the bank receipt is dated in the future")
    if receipt_on < employer.application.account_notice_issued_on:
        raise InvalidInput.on("receipt_date", "after-notice",
                              "the account cannot be opened before the payment-account opening notice")


def record_bank_receipt(employer: Employer, bank_name: str, bank_account: str, receipt_on: date,
                        certificate_number: str, today: date) -> tuple[Employer, list[EmployerRegistered]]:
    """The bank's receipt registers the unit and issues its certificate (依据银行开户回执予以登记并核发《登记证》)."""
    check_bank_receipt(employer, receipt_on, today)
    application = replace(employer.application, bank_name=bank_name, bank_account=bank_account,
                          bank_receipt_on=receipt_on)
    return _certify(replace(employer, application=application), certificate_number, today)


@dataclass(frozen=True)
class ImportedRegistration:
    """A unit registered before this register existed, with the certificate it holds (a paper register's row)."""

    name: str
    uscc: str
    district_code: str
    certificate_number: str
    registered_on: date
    unit_type: str | None = None
    address: str | None = None


def check_imported_certificate(number: str, problems: ProblemCollector) -> None:
    """第十五条: 12 digits, a Beijing district code then a 6-digit sequence from 1. An imported old certificate may
    carry 110103 崇文 or 110104 宣武 (merged into 东城/西城 in 2010): accepted as it is, the number never changes;
    those codes are never issued again (`check_identity` refuses them for a new registration)."""
    if len(number) != 6 + SEQUENCE_DIGITS or not number.isdigit():
        problems.add("certificate_number", "certificate-12-digits", f"{number!r} is not 12 digits", article="第十五条")
    elif not is_known_district(number[:6]):
        problems.add("certificate_number", "certificate-district", f"{number[:6]} is not a Beijing district code "
                     "(110101 … 110119, or the retired 110103 / 110104)", article="第十五条")
    elif int(number[6:]) == 0:
        problems.add("certificate_number", "certificate-sequence", "the sequence starts at 000001",
                     article="第十五条")


def import_registered(employer_id: str, row: ImportedRegistration, today: date
                      ) -> tuple[Employer, list[EmployerRegistered]]:
    """A registered unit brought in from the earlier register with its certificate (same number, 第十五条)."""
    problems = check_identity(row.name, row.uscc, row.district_code)
    check_imported_certificate(row.certificate_number, problems)
    if row.unit_type is not None and row.unit_type not in set(UnitType):
        problems.add("unit_type", "unit-type", f"{row.unit_type!r} is not one of {', '.join(UnitType)}")
    if row.registered_on > today:
        problems.add("registered_on", "date-in-future", f"{row.registered_on} is after today ({today})")
    problems.raise_if_any("The registration cannot be imported")
    employer = Employer(id=employer_id, name=row.name.strip(), uscc=row.uscc.strip().upper(),
                        district_code=row.district_code, address=row.address, status=EmployerStatus.APPLIED,
                        unit_type=UnitType(row.unit_type) if row.unit_type else None)
    registered, events = _certify(employer, row.certificate_number, row.registered_on)
    old = RETIRED_DISTRICTS.get(row.certificate_number[:6])
    return registered.noted(today, "imported from the earlier register", certificate_number=row.certificate_number,
                            retired_district=old), events


def _certify(employer: Employer, number: str, today: date) -> tuple[Employer, list[EmployerRegistered]]:
    certificate = certificates.issue(number, employer.name, employer.address, today)
    registered = replace(employer, status=EmployerStatus.REGISTERED, registered_on=today, certificate=certificate)
    event = EmployerRegistered(employer_id=employer.id, name=employer.name, uscc=employer.uscc,
                               district_code=employer.district_code, registered_on=today,
                               certificate_number=number,
                               unit_type=employer.unit_type.value if employer.unit_type else None)
    return registered.noted(today, "registered", certificate_number=number), [event]


def _require(employer: Employer, status: EmployerStatus, action: str) -> None:
    if employer.status != status:
        raise wrong_status("employer", employer.status.value, status.value,
                           f"only a unit in status {status.value} can be {action}; this one is "
                           f"{employer.status.value}")
