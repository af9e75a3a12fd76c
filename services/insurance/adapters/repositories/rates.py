"""Dated rate tables, one document per effective date (a later table for the same date replaces it)."""
from __future__ import annotations

from dataclasses import dataclass

from services.insurance.domain.rates import RateTable
from shared.repository import AggregateRepository, Codec


@dataclass
class RateRepository(AggregateRepository[RateTable]):
    codec: Codec[RateTable] = Codec.of(RateTable, key=lambda table: table.effective_from.isoformat())
    what: str = "rate table from"

    async def all(self) -> list[RateTable]:
        return await self.find({})
