"""Contracts, one document each (application → registered record), and their registration numbers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.contracts.domain.contract import ON_RECORD, OPEN_STATUSES, Contract, Kind
from services.contracts.domain.numbering import registration_number, sequence_scope
from shared.repository import AggregateRepository, Codec
from shared.sequences import SequenceAllocator

PARTY_ROLES = ("seller", "buyer", "intermediary")


@dataclass
class ContractRepository(AggregateRepository[Contract]):
    codec: Codec[Contract] = Codec.of(Contract)
    what: str = "contract or application"
    indexes: tuple = ("registration_number", (("status", "decision_due"), {"name": "status_due"})) + tuple(
        (f"{role}.uscc", {"name": f"{role}_uscc"}) for role in PARTY_ROLES)
    sequences: SequenceAllocator = field(kw_only=True)

    async def ensure_indexes(self) -> None:
        """The declared ones and the registration numbers' sequences."""
        await super().ensure_indexes()
        await self.sequences.ensure_indexes()

    async def is_on_record(self, number: str | None) -> bool:
        """Whether `number` is a registered (or filed) contract's registration number."""
        if not number:
            return False
        found = await self.collection.find_one(
            {"registration_number": number, "status": {"$in": [s.value for s in ON_RECORD]}}, {"_id": 1})
        return found is not None

    async def ids_with_party(self, uscc: str) -> list[str]:
        """Every contract or application where `uscc` is the seller, buyer or intermediary."""
        query = {"$or": [{f"{role}.uscc": uscc} for role in PARTY_ROLES]}
        return [doc["_id"] async for doc in self.collection.find(query, {"_id": 1})]

    async def overdue(self, today: date) -> list[Contract]:
        """Undecided past the 30-day deadline, the oldest deadline first (ISO dates compare as strings)."""
        return await self.find({"status": {"$in": [s.value for s in OPEN_STATUSES]},
                                "decision_due": {"$lt": today.isoformat()}}, sort="decision_due")

    async def allocate_number(self, contract: Contract, today: date) -> str:
        """The next registration number of this year and registrar (gap-free, safe across processes)."""
        filing = contract.kind is Kind.FILING
        scope = sequence_scope(today.year, contract.registrar_code, filing)
        sequence = await self.sequences.allocate(scope, owner=contract.id)
        return registration_number(today.year, contract.registrar_code, sequence, filing)
