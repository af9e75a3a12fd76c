"""Fines (罚款): one document per fine, found by employer."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.insurance.domain.fines import Fine
from shared.repository import AggregateRepository, Codec, Page


@dataclass
class FineRepository(AggregateRepository[Fine]):
    codec: Codec[Fine] = Codec.of(Fine)
    what: str = "fine"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = field(default=(
        ("employer_id", {"name": "employer"}), (("employer_id", "status"), {"name": "employer_status"})))

    async def of_employer(self, employer_id: str) -> list[Fine]:
        return sorted(await self.find({"employer_id": employer_id}), key=lambda f: (f.imposed_on, f.id))

    async def listing(self, employer_id: str, page: int, size: int, *, status: str | None = None) -> Page[Fine]:
        """A page of the unit's records by imposed on, optionally of one status."""
        query = {"employer_id": employer_id} | ({"status": status} if status else {})
        return await self.page(query, page, size, sort="imposed_on")
