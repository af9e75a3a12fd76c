"""Changes of registered facts (变更登记, 第八–十条) and lost certificates (补办, 第十七条)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.registry.domain import certificate as certificates
from services.registry.domain.certificate import CONTENT_FIELDS, CertificateStatus
from services.registry.domain.deadlines import days_late
from services.registry.domain.model import Employer, EmployerStatus
from services.registry.domain.units import CHANGE_DOCUMENTS, UnitType, missing_documents
from services.registry.domain.problems import conflict, wrong_status
from shared.errors import InvalidInput, ProblemCollector
from shared.events.registry import EmployerChanged

CHANGEABLE_FIELDS = ("name", "address", "unit_type")
"""Facts a unit changes with 表一—1. The USCC, district and certificate number never change."""


def change(employer: Employer, changes: dict[str, str], change_date: date, documents: tuple[str, ...],
           today: date) -> tuple[Employer, list[EmployerChanged]]:
    """Apply within 30 days of the change (later: accepted, marked late); reprint when the certificate's content
    changes — same number, version + 1, the old one recalled (第十条)."""
    _require_registered(employer, "changed")
    effective = _validate_changes(employer, changes, change_date, documents, today)
    late = days_late(change_date, today)
    changed = replace(employer, **{k: (UnitType(v) if k == "unit_type" else v) for k, v in effective.items()})
    if any(field in effective for field in CONTENT_FIELDS):
        changed = replace(changed, certificate=certificates.reprint(
            employer.certificate, changed.name, changed.address, today, reason="change"))
    event = EmployerChanged(employer_id=employer.id, uscc=employer.uscc, certificate_number=changed.certificate_number,
                            changes=effective, changed_on=today, **changed.published_facts())
    changed = changed.noted(today, "registered facts changed", days_late=late, change_date=change_date,
                            **{f"new_{k}": v for k, v in effective.items()},
                            certificate_version=changed.certificate.current.version)
    return changed, [event]


def reissue(employer: Employer, statement: str, today: date) -> Employer:
    """A lost certificate (遗失) is reissued on a written application with the same number."""
    _require_registered(employer, "reissued a certificate")
    if not statement.strip():
        raise InvalidInput.on("statement", "written-application", "a lost certificate needs a written application")
    certificate = certificates.reprint(employer.certificate, employer.name, employer.address, today, reason="lost")
    reissued = replace(employer, certificate=certificate)
    return reissued.noted(today, "certificate reissued", version=certificate.current.version)


def _validate_changes(employer: Employer, changes: dict[str, str], change_date: date, documents: tuple[str, ...],
                      today: date) -> dict[str, str]:
    problems = ProblemCollector()
    for field in changes:
        if field not in CHANGEABLE_FIELDS:
            problems.add(f"changes.{field}", "changeable-field", f"{field!r} cannot be changed "
                         f"(changeable: {', '.join(CHANGEABLE_FIELDS)}; USCC and district never change)")
    if "name" in changes and not changes["name"].strip():
        problems.add("changes.name", "required", "the new name is empty")
    if "unit_type" in changes and changes["unit_type"] not in set(UnitType):
        problems.add("changes.unit_type", "unit-type", f"{changes['unit_type']!r} is not a unit type")
    effective = {k: v for k, v in changes.items() if k in CHANGEABLE_FIELDS and v != _current(employer, k)}
    if not effective and not problems.problems:
        problems.add("changes", "something-changes", "nothing differs from the registered facts")
    for document in missing_documents(CHANGE_DOCUMENTS, list(documents)):
        problems.add("documents", "required-document", f"missing document: {document.value}")
    if change_date > today:
        problems.add("change_date", "not-in-future", "the change date is in the future")
    problems.raise_if_any("The change cannot be registered")
    return effective


def _current(employer: Employer, field: str) -> str | None:
    value = getattr(employer, field)
    return value.value if field == "unit_type" and value is not None else value


def _require_registered(employer: Employer, action: str) -> None:
    if employer.status != EmployerStatus.REGISTERED:
        raise wrong_status("employer", employer.status.value, EmployerStatus.REGISTERED.value,
                           f"a unit in status {employer.status.value} cannot be {action}")
    if employer.certificate.status == CertificateStatus.RECALLED:
        raise conflict("the certificate was recalled", "certificate-not-recalled",
                       certificate_status=CertificateStatus.RECALLED.value)
