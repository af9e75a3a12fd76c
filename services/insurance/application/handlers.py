"""Event handlers: load → decide → save, idempotent by the aggregate's applied-event ids."""
from __future__ import annotations

from services.insurance.application import members as member_cases
from services.insurance.application.accounts import ACCOUNT
from services.insurance.application.arrears import open_arrears
from services.insurance.application.ports import Accounts, Fines, Members, Statements, TransferDocuments
from services.insurance.domain import account as rules
from services.insurance.domain.deregistration import deregistration_assessment
from services.insurance.domain.members import RemovalReason
from services.insurance.domain.money import total
from services.insurance.domain.rates import CollectionPolicy
from shared.errors import Conflict
from shared.events import EmployerRegistered, Envelope
from shared.events.registry import (
    CertificateLapsed, CertificateRestored, DeregistrationRequested, EmployerChanged, EmployerDeregistered)
from shared.events.workforce import WorkerHired, WorkerSeparated
from shared.ports import Today
from shared.usecase import apply_once, without_events


def _not_yet(employer_id: str) -> str:
    return f"no {ACCOUNT} {employer_id} (yet): retried, then parked"


async def open_account(event: EmployerRegistered, envelope: Envelope, accounts: Accounts, today: Today) -> None:
    """One account per employer: the new account is written straight away, and if the employer already has one
    (a repeated or redelivered event) its `_id` refuses the write and nothing changes."""
    account, events = rules.open_for(None, event, today())
    try:
        await accounts.add(account, events, caused_by=envelope.id)
    except Conflict:
        return  # already open


async def assess_arrears(event: DeregistrationRequested, envelope: Envelope, accounts: Accounts,
                         statements: Statements, fines: Fines, policy: CollectionPolicy) -> None:
    """Saga step: every unpaid month (closed or still in collection) + late fees + unpaid fines, as of the request
    date → arrears.assessed (登记管理办法 第十三条, `domain.deregistration`)."""
    async def decide(account):
        assessment = deregistration_assessment(await statements.of_employer(event.employer_id),
                                               await fines.of_employer(event.employer_id), event.requested_on,
                                               policy.late_fee_daily)
        return rules.assess_for_deregistration(account, event.request_id, assessment, event.requested_on)

    await apply_once(accounts, event.employer_id, envelope.id, decide, missing=_not_yet(event.employer_id))


async def close_account(event: EmployerDeregistered, envelope: Envelope, accounts: Accounts, members: Members,
                        transfer_documents: TransferDocuments, statements: Statements, today: Today) -> None:
    """Deregistered: the account closes and its insured people leave it, each with a transfer certificate (表二十二);
    forced with arrears → a recovery case, straight to audit."""
    async def decide(account):
        owed = total(a.outstanding for a in await open_arrears(statements, event.employer_id))
        return rules.close_on_deregistration(account, event, owed, today())

    await apply_once(accounts, event.employer_id, envelope.id, decide, missing=_not_yet(event.employer_id))
    await member_cases.separate_all(members, transfer_documents, event.employer_id, event.deregistered_on)


async def account_changed(event: EmployerChanged, envelope: Envelope, accounts: Accounts) -> None:
    """The account takes the unit's registered changes (变更登记): new name, address, unit type, district."""
    await apply_once(accounts, event.employer_id, envelope.id,
                     without_events(lambda account: rules.apply_registered_changes(account, event)),
                     missing=_not_yet(event.employer_id))


async def certificate_lapsed(event: CertificateLapsed, envelope: Envelope, accounts: Accounts) -> None:
    """The account is marked certificate-lapsed (未经年检,证件自行失效): the unit adds no insured person until restored."""
    await apply_once(accounts, event.employer_id, envelope.id,
                     without_events(lambda account: rules.certificate_lapsed(account, event)),
                     missing=_not_yet(event.employer_id))


async def certificate_restored(event: CertificateRestored, envelope: Envelope, accounts: Accounts) -> None:
    """The account's certificate is valid again (the late inspection passed): the unit may add insured persons."""
    await apply_once(accounts, event.employer_id, envelope.id,
                     without_events(lambda account: rules.certificate_restored(account, event.year)),
                     missing=_not_yet(event.employer_id))


async def enrol_worker(event: WorkerHired, envelope: Envelope, accounts: Accounts, members: Members,
                       transfer_documents: TransferDocuments, today: Today) -> None:
    """A hired community worker joins the street office's account, queued to the next 5th–25th window, pending the
    enrolment documents (表二 or 表二十二) the hire does not carry."""
    existing = await members.get(event.resident_id)
    if existing is not None and existing.active and existing.employer_id == event.employer_id:
        return  # a redelivery: already enrolled here
    # insured with another unit → AlreadyInsured: retried, then parked with its error for an officer
    await member_cases.add_member(accounts, members, transfer_documents, event.employer_id, event.resident_id,
                                  event.person_name, max(today(), event.start_date), None, queued=True)


async def remove_worker(event: WorkerSeparated, envelope: Envelope, members: Members,
                        transfer_documents: TransferDocuments, today: Today) -> None:
    """A separated community worker leaves the street office's account, queued to the next 5th–25th window, with the
    document of the reason (transfer certificate, or the retirement settlement)."""
    on = max(today(), event.separated_on)
    existing = await members.get(event.resident_id)
    if existing is not None and not existing.active and existing.employer_id == event.employer_id:
        await member_cases.issue_documents(members, transfer_documents, event.employer_id, event.resident_id, on)
        return  # a redelivery: already removed (its document written if a crash came before it)
    await member_cases.remove_member(members, transfer_documents, event.employer_id, event.resident_id,
                                     RemovalReason.after_separation(event.reason), on, queued=True)
