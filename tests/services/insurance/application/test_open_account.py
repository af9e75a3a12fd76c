"""The insurance handler through its real wiring (bootstrap's `event_handlers`), with a fake repository."""
from datetime import date

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from services.insurance.domain.rates import CollectionPolicy
from shared.events import EmployerRegistered, Envelope
from shared.wiring import event_handlers
from tests.services.insurance.application.fakes import (
    Accounts, EscalationCases, Fines, Members, Statements, TransferDocuments)

TODAY = date(2026, 11, 20)


def envelope(employer_id="e1"):
    event = EmployerRegistered(employer_id=employer_id, name="Unit", uscc="91110108551385082Q",
                               district_code="110108", registered_on=TODAY)
    return Envelope.wrap(event, source="/civic/registry")


async def test_a_registration_opens_one_account_however_often_it_arrives():
    accounts = Accounts()
    handle = event_handlers(SUBSCRIPTIONS, {"accounts": accounts, "today": lambda: TODAY, "members": Members(),
                                            "statements": Statements(), "fines": Fines(), "policy": CollectionPolicy(),
                                            "escalation_cases": EscalationCases(),
                                            "transfer_documents": TransferDocuments()})
    first = envelope()
    for message in (first, first, envelope()):  # a redelivery, then a re-sent registration
        await handle[EmployerRegistered.type](message)
    assert len(accounts.events) == 1
    assert accounts.docs["e1"][0].opened_on == TODAY
