"""In-memory stand-ins for the insurance repositories (same method names as the real ones)."""
from __future__ import annotations

from contextlib import asynccontextmanager

from tests.support.fakes import InMemoryAggregates


class FakeAccounts(InMemoryAggregates):
    def __init__(self):
        super().__init__(key=lambda account: account.employer_id)

    async def open(self, account, events, *, caused_by):
        if account.employer_id in self.docs:
            return False
        await self.save(account, events, loaded=None, caused_by=caused_by)
        return True


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
