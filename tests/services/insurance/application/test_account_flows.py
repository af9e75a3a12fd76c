"""Insurance's handlers of registry's and workforce's events for accounts and membership, through the real wiring
with fakes: the assessment of every unpaid month, a deregistered unit's insured separated with their documents,
registered changes, a lapsed certificate, a hire enrolled pending its documents."""
from dataclasses import replace
from datetime import date
from decimal import Decimal

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.account import open_for
from services.insurance.domain.members import Member
from services.insurance.domain.rates import DEFAULT_RATES, CollectionPolicy
from services.insurance.domain.statement import StatementStatus, build_statement
from shared.events import EmployerRegistered, Envelope
from shared.events.insurance import ArrearsAssessed, MemberRemoved
from shared.events.registry import (
    CertificateLapsed, CertificateRestored, DeregistrationRequested, EmployerChanged, EmployerDeregistered)
from shared.events.workforce import WorkerHired, WorkerSeparated
from shared.wiring import event_handlers
from tests.services.insurance.application.fakes import (
    Accounts, EscalationCases, Fines, Members, Statements, TransferDocuments)

TODAY = date(2027, 1, 19)
USCC = "91110108551385082Q"
RIDS = ("11010519491231002X", "110105198001010016")


def _handlers(statements=(), members=()):
    registered = EmployerRegistered(employer_id="e1", name="Unit", uscc=USCC, district_code="110108",
                                    registered_on=date(2026, 1, 5), unit_type="enterprise")
    accounts, people = Accounts(open_for(None, registered, date(2026, 1, 5))[0]), Members(*members)
    documents = TransferDocuments(key=lambda d: d.id)
    deps = {"accounts": accounts, "members": people, "statements": Statements(statements), "fines": Fines(),
            "policy": CollectionPolicy(), "today": lambda: TODAY, "transfer_documents": documents,
            "escalation_cases": EscalationCases()}
    return event_handlers(SUBSCRIPTIONS, deps), accounts, people, documents


def _wrap(event, source="/civic/registry"):
    return Envelope.wrap(event, source=source)


async def test_the_assessment_counts_the_month_still_in_its_collection():
    december = build_statement("e1", "2026-12", [Decimal("10000.00")], DEFAULT_RATES)  # issued, unpaid, due 20 Jan
    november = replace(build_statement("e1", "2026-11", [Decimal("10000.00")], DEFAULT_RATES),
                       status=StatementStatus.CLOSED)
    handle, accounts, *_ = _handlers([november, december])
    await handle[DeregistrationRequested.type](_wrap(DeregistrationRequested(
        employer_id="e1", request_id="r1", uscc=USCC, reason="dissolution", event_date=TODAY, requested_on=TODAY)))
    assert accounts.events == [ArrearsAssessed(employer_id="e1", request_id="r1", contributions="5200.00",
                                               late_fees="39.00", fines="0.00", total="5239.00", as_of=TODAY)]


async def test_a_deregistered_units_insured_leave_it_with_transfer_certificates_once():
    insured = [Member(rid, "e1", "某某", date(2026, 3, 10)) for rid in RIDS]
    elsewhere = Member("110105198001010032", "e2", "别人", date(2026, 3, 10))
    handle, accounts, members, documents = _handlers(members=[*insured, elsewhere])
    gone = _wrap(EmployerDeregistered(employer_id="e1", uscc=USCC, district_code="110108", reason="dissolution",
                                      deregistered_on=date(2027, 1, 18)))
    for _ in range(2):  # a redelivery separates nobody twice
        await handle[EmployerDeregistered.type](gone)
    assert accounts.docs["e1"][0].status.value == "deregistered"
    for rid in RIDS:
        member = await members.get(rid)
        assert (member.removed_on, member.removal_reason.value) == (date(2027, 1, 18), "transfer_out")
    assert (await members.get("110105198001010032")).active
    assert sorted((d.resident_id, d.form) for d in documents.aggregates()) == [(rid, "表二十二") for rid in sorted(RIDS)]
    removed = [e for e in members.events if isinstance(e, MemberRemoved)]
    assert sorted(e.document_id for e in removed) == sorted(d.id for d in documents.aggregates())


async def test_the_account_takes_registered_changes_and_a_lapsed_certificate():
    handle, accounts, *_ = _handlers()
    await handle[EmployerChanged.type](_wrap(EmployerChanged(
        employer_id="e1", uscc=USCC, changes={"name": "新名称", "address": "海淀路1号"}, changed_on=TODAY,
        district_code="110108", unit_type="enterprise")))
    await handle[CertificateLapsed.type](_wrap(CertificateLapsed(
        employer_id="e1", uscc=USCC, certificate_number="110108000001", year=2026, lapsed_on=TODAY)))
    account = accounts.docs["e1"][0]
    assert (account.name, account.address, account.certificate_status.value) == ("新名称", "海淀路1号", "lapsed")
    await handle[CertificateRestored.type](_wrap(CertificateRestored(
        employer_id="e1", uscc=USCC, certificate_number="110108000001", year=2026, restored_on=TODAY)))
    assert accounts.docs["e1"][0].certificate_status.value == "valid"


async def test_a_hire_is_enrolled_pending_its_documents_and_a_separation_issues_its_settlement():
    handle, _, members, documents = _handlers()
    hired = WorkerHired(worker_id="w1", employer_id="e1", person_name="王五", resident_id=RIDS[0], gender="female",
                        position="staff", start_date=date(2026, 11, 10))
    await handle[WorkerHired.type](_wrap(hired, "/civic/workforce"))
    assert (await members.get(RIDS[0])).documents_pending
    separated = WorkerSeparated(worker_id="w1", employer_id="e1", resident_id=RIDS[0], reason="retirement",
                                separated_on=TODAY)
    for _ in range(2):
        await handle[WorkerSeparated.type](_wrap(separated, "/civic/workforce"))
    assert [(d.form, d.reason.value) for d in documents.aggregates()] == [("表二十三-1", "retirement")]
