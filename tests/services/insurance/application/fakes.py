"""The insurance ports in memory: `InMemoryRepository` with the queries the use cases ask for."""
from __future__ import annotations

from tests.support.fakes import InMemoryRepository


class Accounts(InMemoryRepository):
    def __init__(self, *accounts):
        super().__init__(*accounts, key=lambda account: account.employer_id)

    async def all_open(self):
        return self.matching(status="open")


class Members(InMemoryRepository):
    def __init__(self, *members):
        super().__init__(*members, key=lambda member: member.resident_id)

    async def of_employer(self, employer_id):
        return self.matching(employer_id=employer_id)

    async def joined_by(self, on):
        return [m for m in self.aggregates() if m.joined_on <= on]


class TransferDocuments(InMemoryRepository):
    async def issue(self, document):
        if document.id not in self.docs:
            await self.save(document, loaded=None)


class Fines(InMemoryRepository):
    async def of_employer(self, employer_id):
        return self.matching(employer_id=employer_id)


class Statements:
    """The statements port's one query the handlers use (statements are write-once facts, not aggregates)."""

    def __init__(self, statements=()):
        self.statements = list(statements)

    async def of_employer(self, employer_id):
        return sorted([s for s in self.statements if s.employer_id == employer_id], key=lambda s: s.period)

    async def open_arrears(self, employer_id=None):
        return [s for s in self.statements if s.status.value == "closed" and employer_id in (None, s.employer_id)]


class EscalationCases(InMemoryRepository):
    def __init__(self, *cases):
        super().__init__(*cases, key=lambda case: case.employer_id)
