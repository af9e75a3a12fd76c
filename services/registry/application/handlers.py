"""Registration use cases: direct registration, application, review, bank receipt."""
from __future__ import annotations

import uuid

from services.registry.adapters.repository import EmployerRepository
from services.registry.application.commands import (ApplyForRegistration, RecordBankReceipt, RegisterEmployer,
                                                     ReviewApplication)
from services.registry.application.unit_of_work import update, without_events
from services.registry.domain import employer as rules
from services.registry.domain.certificate import certificate_number
from services.registry.domain.model import Employer
from shared.clock import Today
from shared.errors import Conflict, NotFound
from shared.sequences import SequenceAllocator


async def register_employer(cmd: RegisterEmployer, employers: EmployerRepository, certificates: SequenceAllocator,
                            today: Today) -> Employer:
    rules.check_identity(cmd.name, cmd.uscc, cmd.district_code).raise_if_any("The employer cannot be registered")
    if await employers.uscc_in_use(cmd.uscc.strip().upper()):
        raise Conflict(f"an employer with USCC {cmd.uscc} is already registered or applying", uscc=cmd.uscc)
    employer_id = str(uuid.uuid4())
    number = await _allocate(certificates, cmd.district_code, employer_id)
    employer, events = rules.register(employer_id, cmd.name, cmd.uscc, cmd.district_code, number, today())
    await employers.add(employer, events)
    return employer


async def apply_for_registration(cmd: ApplyForRegistration, employers: EmployerRepository, today: Today
                                 ) -> Employer:
    employer = rules.apply(str(uuid.uuid4()), cmd, today())
    await employers.add(employer, [])
    return employer


async def review_application(cmd: ReviewApplication, employers: EmployerRepository, today: Today) -> Employer:
    decide = without_events(lambda e: rules.review(e, cmd.approve, cmd.reasons, today()))
    return await update(employers, cmd.employer_id, decide)


async def record_bank_receipt(cmd: RecordBankReceipt, employers: EmployerRepository,
                              certificates: SequenceAllocator, today: Today) -> Employer:
    """The number is allocated only once the receipt is acceptable, then the unit is registered in one write."""
    employer = await employers.get(cmd.employer_id)
    if employer is None:
        raise NotFound(f"no employer {cmd.employer_id}")
    rules.check_bank_receipt(employer, cmd.receipt_date, today())
    number = await _allocate(certificates, employer.district_code, employer.id)
    return await update(employers, cmd.employer_id, lambda e: rules.record_bank_receipt(
        e, cmd.bank_name, cmd.bank_account, cmd.receipt_date, number, today()))


async def _allocate(certificates: SequenceAllocator, district_code: str, employer_id: str) -> str:
    """第十五条: the next 6-digit sequence of the district (scope = district code), claimed by a unique key."""
    return certificate_number(district_code, await certificates.allocate(district_code, owner=employer_id))
