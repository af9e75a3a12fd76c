from __future__ import annotations

from services.insurance.adapters.repository import AccountRepository
from services.insurance.domain import account as rules
from shared.clock import Today
from shared.events import EmployerRegistered, Envelope


async def open_account(event: EmployerRegistered, envelope: Envelope, accounts: AccountRepository,
                       today: Today) -> None:
    async with accounts.lock(event.employer_id):
        existing, loaded = await accounts.load(event.employer_id)
        if loaded is not None and loaded.has_applied(envelope.id):
            return
        account, events = rules.open_for(existing, event, today())
        if events:
            await accounts.save(account, events, loaded=loaded, caused_by=envelope.id)
