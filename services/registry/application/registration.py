"""Registration use cases: direct registration, application, review, bank receipt."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date

from services.registry.application.commands import (ApplyForRegistration, RecordBankReceipt, RegisterEmployer,
                                                     ReviewApplication)
from services.registry.application.place_imports import ImportResult
from services.registry.application.ports import CertificateSequences, Employers, Today
from services.registry.domain import employer as rules
from services.registry.domain.certificate import certificate_number
from services.registry.domain.deadlines import act_date
from services.registry.domain.model import Employer
from services.registry.domain.problems import conflict
from shared.errors import Conflict, InvalidInput, NotFound
from shared.paging import PageRequest
from shared.repository import Page
from shared.usecase import change, without_events


async def register_employer(cmd: RegisterEmployer, employers: Employers, certificates: CertificateSequences,
                            today: Today) -> Employer:
    """A USCC already live is refused by the unique index on it, atomically, when the employer is written; no query
    first (FerretDB v1 answers one on a field other than `_id` by decoding the whole collection: 0.4 s at 10 000
    employers). The refused registration gives its certificate number back."""
    rules.check_identity(cmd.name, cmd.uscc, cmd.district_code).raise_if_any("The employer cannot be registered")
    employer_id, day = str(uuid.uuid4()), act_date(cmd.on, today())
    async with _numbered(certificates, cmd.district_code, employer_id) as number:
        employer, events = rules.register(employer_id, cmd.name, cmd.uscc, cmd.district_code, number, day)
        await employers.add(employer, events)
    return employer


async def apply_for_registration(cmd: ApplyForRegistration, employers: Employers, today: Today,
                                 on: date | None = None) -> Employer:
    """Accepted on `on` (an officer recording yesterday's paper application), else today in Beijing."""
    employer = rules.apply(str(uuid.uuid4()), cmd, act_date(on, today()))
    await employers.add(employer, [])
    return employer


async def review_application(cmd: ReviewApplication, employers: Employers, today: Today) -> Employer:
    day = act_date(cmd.on, today())
    decide = without_events(lambda e: rules.review(e, cmd.approve, cmd.reasons, day))
    return await change(employers, cmd.employer_id, decide, what="employer")


async def employer(employer_id: str, employers: Employers) -> Employer:
    """One employer (404 if none)."""
    found = await employers.get(employer_id)
    if found is None:
        raise NotFound(f"no employer {employer_id}")
    return found


async def applications(employers: Employers, today: Today, *, overdue: bool, paging: PageRequest
                       ) -> Page[Employer]:
    """Applications under review; `overdue`: still under review after their 10-working-day deadline."""
    return await employers.applications(paging, overdue_on=today() if overdue else None)


async def record_bank_receipt(cmd: RecordBankReceipt, employers: Employers, certificates: CertificateSequences,
                              today: Today) -> Employer:
    """The number is allocated only once the receipt is acceptable, then the unit is registered in one write."""
    applicant, day = await employer(cmd.employer_id, employers), act_date(cmd.on, today())
    rules.check_bank_receipt(applicant, cmd.receipt_date, day)
    async with _numbered(certificates, applicant.district_code, applicant.id) as number:
        return await change(employers, cmd.employer_id, lambda e: rules.record_bank_receipt(
            e, cmd.bank_name, cmd.bank_account, cmd.receipt_date, number, day), what="employer")


async def import_registered(rows: list[tuple[int, rules.ImportedRegistration]], received: int, errors: list[dict],
                            employers: Employers, certificates: CertificateSequences, today: Today) -> ImportResult:
    """Registered units from the earlier register, each with its certificate number (old 110103 / 110104 ones
    included, 第十五条), each announced like a registration. A row is checked by the domain rule, then its number
    is claimed in its district's sequence (so it is never issued again, and never imported twice), then written
    (the unique USCC refuses a unit already registered; its number is given back). Errors per line."""
    result, day = ImportResult(received, errors=list(errors)), today()
    for line, row in rows:
        try:
            employer, events = rules.import_registered(str(uuid.uuid4()), row, day)
            await _imported(employer, events, certificates, employers)
        except (Conflict, InvalidInput) as refused:
            result.errors += [{"line": line, **p.as_dict()} for p in refused.errors]
            continue
        result.ids.append(employer.id)
    result.errors.sort(key=lambda e: e["line"])
    return result


async def _imported(employer: Employer, events: list, certificates: CertificateSequences, employers: Employers
                    ) -> None:
    number = employer.certificate_number
    scope, sequence = number[:6], int(number[6:])
    if not await certificates.claim(scope, sequence, owner=employer.id):
        raise conflict(f"certificate {number} is held by another unit", "unique-certificate-number",
                       field="certificate_number", article="第十五条", certificate_number=number)
    try:
        await employers.add(employer, events)
    except Conflict:
        await certificates.release(scope, sequence)
        raise


@asynccontextmanager
async def _numbered(certificates: CertificateSequences, district_code: str, employer_id: str
                    ) -> AsyncIterator[str]:
    """第十五条: the next 6-digit sequence of the district (scope = district code), claimed by a unique key and
    given back if the write that should carry it is refused. Not on any other failure: a write whose answer was
    lost (timeout, database gone) may have landed with the number."""
    sequence = await certificates.allocate(district_code, owner=employer_id)
    try:
        yield certificate_number(district_code, sequence)
    except (Conflict, InvalidInput, NotFound):
        await certificates.release(district_code, sequence)
        raise
