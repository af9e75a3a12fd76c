"""Event handlers: load → decide → save, idempotent by the aggregate's applied-event ids."""
from __future__ import annotations

from services.insurance.application import members as member_cases
from services.insurance.application.accounts import ACCOUNT
from services.insurance.application.arrears import open_arrears
from services.insurance.application.ports import Accounts, Fines, Members, Statements
from services.insurance.domain import account as rules
from services.insurance.domain.arrears import assess
from services.insurance.domain.fines import fines_owed
from services.insurance.domain.members import RemovalReason
from services.insurance.domain.money import total
from services.insurance.domain.rates import CollectionPolicy
from shared.errors import Conflict
from shared.events import EmployerRegistered, Envelope
from shared.events.registry import DeregistrationRequested, EmployerDeregistered
from shared.events.workforce import WorkerHired, WorkerSeparated
from shared.ports import Today
from shared.usecase import apply_once


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
    """Saga step: contributions + late fees + unpaid fines, as of the request date → arrears.assessed."""
    async def decide(account):
        owed_fines = fines_owed(await fines.of_employer(event.employer_id), event.requested_on)
        assessment = assess(await open_arrears(statements, event.employer_id), event.requested_on,
                            policy.late_fee_daily, owed_fines)
        return rules.assess_for_deregistration(account, event.request_id, assessment, event.requested_on)

    await apply_once(accounts, event.employer_id, envelope.id, decide, missing=_not_yet(event.employer_id))


async def close_account(event: EmployerDeregistered, envelope: Envelope, accounts: Accounts,
                        statements: Statements, today: Today) -> None:
    """Deregistered: the account closes; forced with arrears → a recovery case, straight to audit."""
    async def decide(account):
        owed = total(a.outstanding for a in await open_arrears(statements, event.employer_id))
        return rules.close_on_deregistration(account, event, owed, today())

    await apply_once(accounts, event.employer_id, envelope.id, decide, missing=_not_yet(event.employer_id))


async def enrol_worker(event: WorkerHired, envelope: Envelope, accounts: Accounts, members: Members,
                       today: Today) -> None:
    """A hired community worker joins the street office's account, queued to the next 5th–25th window."""
    existing = await members.get(event.resident_id)
    if existing is not None and existing.active and existing.employer_id == event.employer_id:
        return  # a redelivery: already enrolled here
    # insured with another unit → AlreadyInsured: retried, then parked with its error for an officer
    await member_cases.add_member(accounts, members, event.employer_id, event.resident_id, event.person_name,
                                  max(today(), event.start_date), queued=True)


async def remove_worker(event: WorkerSeparated, envelope: Envelope, members: Members, today: Today) -> None:
    """A separated community worker leaves the street office's account, queued to the next 5th–25th window."""
    existing = await members.get(event.resident_id)
    if existing is not None and not existing.active and existing.employer_id == event.employer_id:
        return  # a redelivery: already removed
    await member_cases.remove_member(members, event.employer_id, event.resident_id,
                                     RemovalReason.after_separation(event.reason),
                                     max(today(), event.separated_on), queued=True)
