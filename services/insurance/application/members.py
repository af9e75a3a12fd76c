"""Insured persons: additions (on their documents) and removals (issuing the removal's document), direct in the
5th–25th window or queued when they come as events; a deregistered unit's insured are separated."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from services.insurance.application.accounts import existing_account
from services.insurance.application.ports import Accounts, Members, TransferDocuments
from services.insurance.domain import account as account_rules
from services.insurance.domain import enrolment
from services.insurance.domain import members as rules
from services.insurance.domain.enrolment import Filed
from services.insurance.domain.members import Member, RemovalReason
from services.insurance.domain.refusals import broken
from services.insurance.domain.transfers import TransferDocument, issue_document
from shared.errors import NotFound
from shared.events.insurance import MemberRemoved


@dataclass(frozen=True)
class Removal:
    member: Member
    document: TransferDocument


async def add_member(accounts: Accounts, members: Members, documents: TransferDocuments, employer_id: str,
                     resident_id: str, name: str, on: date, filed: Filed | None, *, queued: bool = False) -> Member:
    """An addition at the counter (`filed`: its documents, checked against 第七条; an open account whose certificate
    has not lapsed) or by event (`filed` None: enrolled pending its documents, `enrolment`)."""
    account = await existing_account(accounts, employer_id)
    account_rules.require_open(account)
    resident_id = rules.valid_resident_id(resident_id)
    if filed is not None:
        account_rules.require_valid_certificate(account)
        filed = await _checked(members, documents, resident_id, filed)
    kept = filed or Filed(())
    return await _record(members, resident_id, lambda existing: (rules.add_member(
        existing, employer_id, resident_id, name, on, queued=queued, documents=kept.documents,
        transfer_certificate_id=kept.transfer_certificate_id), []))


async def file_documents(members: Members, documents: TransferDocuments, employer_id: str, resident_id: str,
                         filed: Filed) -> Member:
    """The documents of an enrolment made without them (a hire by event)."""
    member = await members.get(resident_id)
    if member is None or not member.active or member.employer_id != employer_id:
        message = f"{resident_id} is not insured with employer {employer_id}"
        raise NotFound(message, errors=broken("resident_id", "insured-here", message))
    filed = await _checked(members, documents, resident_id, filed, insured_before=not member.new_to_insurance)
    return await _record(members, resident_id, lambda m: (enrolment.file_documents(_here(m, employer_id), filed), []))


async def remove_member(members: Members, documents: TransferDocuments, employer_id: str, resident_id: str,
                        reason: RemovalReason, on: date, *, queued: bool = False) -> Removal:
    """The removal and the document of its reason (第七条), announced with the removal in one write; the document
    itself is written next, idempotently (`issue_documents` writes it again if a crash came between)."""
    def decide(member):
        removed = rules.remove_member(member, employer_id, resident_id, reason, on, queued=queued)
        return removed, [_removed(issue_document(removed, on))]

    member = await _record(members, resident_id, decide)
    document = issue_document(member, on)
    await documents.issue(document)
    return Removal(member, document)


async def separate_all(members: Members, documents: TransferDocuments, employer_id: str, on: date) -> int:
    """A deregistered unit's insured people leave it with their transfer certificates. Safe to run again (a
    redelivery): a person already separated is not written again, their document is written if missing."""
    separated = 0
    for member in await members.of_employer(employer_id):
        if member.active:
            member = await _record(members, member.resident_id, lambda m: _separated(m, employer_id, on))
            separated += 1
        if member is not None and member.removed_on is not None and member.employer_id == employer_id:
            await documents.issue(issue_document(member, on))
    return separated


async def issue_documents(members: Members, documents: TransferDocuments, employer_id: str, resident_id: str,
                          on: date) -> None:
    """The document of a removal already recorded (a redelivered event after a crash before its document)."""
    member = await members.get(resident_id)
    if member is not None and not member.active and member.employer_id == employer_id:
        await documents.issue(issue_document(member, on))


def _separated(member: Member | None, employer_id: str, on: date):
    separated = rules.separate_on_deregistration(member, employer_id, on) if member is not None else None
    if separated is None:
        return member, []
    return separated, [_removed(issue_document(separated, on))]


def _removed(document: TransferDocument) -> MemberRemoved:
    return MemberRemoved(employer_id=document.employer_id, document_id=document.id, document=document.kind.value,
                         form=document.form, reason=document.reason.value, removed_on=document.insured_until,
                         issued_on=document.issued_on)


def _here(member: Member | None, employer_id: str) -> Member:
    if member is None or not member.active or member.employer_id != employer_id:
        raise NotFound("the person is no longer insured with this unit",
                       errors=broken("resident_id", "insured-here", "not insured with this unit"))
    return member


async def _checked(members: Members, documents: TransferDocuments, resident_id: str, filed: Filed,
                   insured_before: bool | None = None) -> Filed:
    if insured_before is None:
        insured_before = await members.get(resident_id) is not None
    certificate = await documents.get(filed.transfer_certificate_id) if filed.transfer_certificate_id else None
    return enrolment.check_documents(filed, resident_id, insured_before, certificate)


async def _record(members: Members, resident_id: str, rule: Callable[[Member | None], tuple]) -> Member:
    """A person's record is the key of one insured relationship: the rule sees the record there is (or none —
    a first addition, or a removal the rule refuses with its own 404) and its outcome, with the events it
    announces, is written at its revision. `shared.usecase.change` needs an existing aggregate, so it cannot be
    used here."""
    async with members.lock(resident_id):
        existing, loaded = await members.load(resident_id)
        member, events = rule(existing)
        if member is not existing:
            await members.save(member, events, loaded=loaded)
    return member
