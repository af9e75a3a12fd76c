"""Insured persons, keyed by resident ID: one insured relationship per person at a time, enforced by the key."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.insurance.domain.members import Member
from shared.repository import AggregateRepository, Codec, Page


@dataclass
class MemberRepository(AggregateRepository[Member]):
    codec: Codec[Member] = Codec.of(Member, key=lambda member: member.resident_id)
    what: str = "insured person"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = field(default=(
        ("employer_id", {"name": "employer"}), ("documents_pending", {"name": "documents_pending"})))

    async def of_employer(self, employer_id: str) -> list[Member]:
        return await self.find({"employer_id": employer_id})

    async def of_employer_page(self, employer_id: str, page: int, size: int) -> Page[Member]:
        """A page of the unit's insured persons (present and removed), by resident ID."""
        return await self.page({"employer_id": employer_id}, page, size)

    async def pending_documents(self, page: int, size: int, employer_id: str | None = None) -> Page[Member]:
        """A page of the insured enrolled without their documents (a hire by event), by resident ID; active only."""
        query = {"documents_pending": True, "removed_on": None} | ({"employer_id": employer_id} if employer_id else {})
        return await self.page(query, page, size)

    async def joined_by(self, on: date) -> list[Member]:
        """Everyone added by `on` (removed ones included: the caller decides per period), in one bulk read."""
        cursor = self.collection.find({"joined_on": {"$lte": on.isoformat()}}, {"_outbox": 0, "_applied": 0})
        return [self.codec.from_document(doc) async for doc in cursor]

    async def insert_many(self, members: list[Member]) -> None:
        """Many new persons in bulk (seeding a city); one already there is left as it is."""
        await self.store.insert_many([(m.resident_id, self.codec.to_document(m), ()) for m in members])
