"""In-memory stand-ins for the insurance repositories (same method names as the real ones)."""
from __future__ import annotations

from contextlib import asynccontextmanager

from shared.store import Loaded


class FakeAccounts:
    def __init__(self):
        self.docs: dict[str, tuple] = {}
        self.events: list = []

    @asynccontextmanager
    async def lock(self, employer_id):
        yield

    async def load(self, employer_id):
        if employer_id not in self.docs:
            return None, None
        account, applied = self.docs[employer_id]
        return account, Loaded(employer_id, {}, rev=1, applied=list(applied))

    async def get(self, employer_id):
        return (await self.load(employer_id))[0]

    async def save(self, account, events, *, loaded, caused_by=None):
        applied = (loaded.applied if loaded else []) + ([caused_by] if caused_by else [])
        self.docs[account.employer_id] = (account, applied)
        self.events += list(events)


class FakeStatements:
    def __init__(self, statements=()):
        self.statements = list(statements)

    async def open_arrears(self, employer_id=None):
        return [s for s in self.statements if s.status.value == "closed"
                and employer_id in (None, s.employer_id)]


class FakeMembers:
    def __init__(self):
        self.docs = {}

    @asynccontextmanager
    async def lock(self, resident_id):
        yield

    async def get(self, resident_id):
        return self.docs.get(resident_id)

    async def save(self, member):
        self.docs[member.resident_id] = member


class FakeFines:
    def __init__(self, fines=()):
        self.fines = list(fines)

    async def of_employer(self, employer_id):
        return [f for f in self.fines if f.employer_id == employer_id]
