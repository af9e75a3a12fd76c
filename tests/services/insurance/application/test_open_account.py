"""The insurance handler through its real wiring (bootstrap's `event_handlers`), with a fake repository."""
from contextlib import asynccontextmanager
from datetime import date

from services.insurance.application.subscriptions import SUBSCRIPTIONS
from shared.events import EmployerRegistered, Envelope
from shared.store import Loaded
from shared.wiring import event_handlers

TODAY = date(2026, 11, 20)


class FakeAccounts:
    def __init__(self):
        self.docs: dict[str, tuple] = {}
        self.saves = 0

    @asynccontextmanager
    async def lock(self, employer_id):
        yield

    async def load(self, employer_id):
        if employer_id not in self.docs:
            return None, None
        account, applied = self.docs[employer_id]
        return account, Loaded(employer_id, {}, rev=1, applied=applied)

    async def save(self, account, events, *, loaded, caused_by=None):
        self.saves += 1
        self.docs[account.employer_id] = (account, [caused_by])


def envelope(employer_id="e1"):
    event = EmployerRegistered(employer_id=employer_id, name="Unit", uscc="91110108551385082Q",
                               district_code="110108", registered_on=TODAY)
    return Envelope.wrap(event, source="/civic/registry")


async def test_a_registration_opens_one_account_however_often_it_arrives():
    accounts = FakeAccounts()
    handle = event_handlers(SUBSCRIPTIONS, {"accounts": accounts, "today": lambda: TODAY})
    first = envelope()
    for message in (first, first, envelope()):  # a redelivery, then a re-sent registration
        await handle[EmployerRegistered.type](message)
    assert accounts.saves == 1
    assert accounts.docs["e1"][0].opened_on == TODAY
