"""Contracts, one document each (application → registered record); the only place with queries."""
from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date

from pydantic import TypeAdapter

from services.contracts.domain.contract import ON_RECORD, OPEN_STATUSES, Contract, Kind
from services.contracts.domain.numbering import registration_number, sequence_scope
from shared.errors import NotFound
from shared.events import Event
from shared.mongo import ASCENDING
from shared.sequences import SequenceAllocator
from shared.store import AggregateStore, Loaded

CONTRACT = TypeAdapter(Contract)
_PARTY_ROLES = ("seller", "buyer", "intermediary")


class ContractRepository:
    def __init__(self, store: AggregateStore, sequences: SequenceAllocator) -> None:
        self._store = store
        self._sequences = sequences

    async def ensure_indexes(self) -> None:
        await self._sequences.ensure_indexes()
        collection = self._store.collection
        await collection.create_index("registration_number", name="registration_number")
        await collection.create_index([("status", ASCENDING), ("decision_due", ASCENDING)], name="status_due")
        for role in _PARTY_ROLES:
            await collection.create_index(f"{role}.uscc", name=f"{role}_uscc")

    def lock(self, contract_id: str) -> AbstractAsyncContextManager[None]:
        return self._store.lock(contract_id)

    async def load(self, contract_id: str) -> tuple[Contract, Loaded]:
        loaded = await self._store.load(contract_id)
        if loaded is None:
            raise NotFound(f"no contract or application {contract_id}")
        return _from_doc(loaded), loaded

    async def get(self, contract_id: str) -> Contract:
        return (await self.load(contract_id))[0]

    async def add(self, contract: Contract, events: Sequence[Event] = ()) -> None:
        async with self._store.lock(contract.id):
            await self._store.save(contract.id, _to_doc(contract), events, loaded=None)

    async def save(self, contract: Contract, events: Sequence[Event], *, loaded: Loaded) -> None:
        await self._store.save(contract.id, _to_doc(contract), events, loaded=loaded)

    async def is_on_record(self, number: str | None) -> bool:
        """Whether `number` is a registered (or filed) contract's registration number."""
        if not number:
            return False
        found = await self._store.collection.find_one(
            {"registration_number": number, "status": {"$in": [s.value for s in ON_RECORD]}}, {"_id": 1})
        return found is not None

    async def ids_with_party(self, uscc: str) -> list[str]:
        """Every contract or application where `uscc` is the seller, buyer or intermediary."""
        query = {"$or": [{f"{role}.uscc": uscc} for role in _PARTY_ROLES]}
        return [doc["_id"] async for doc in self._store.collection.find(query, {"_id": 1})]

    async def overdue(self, today: date) -> list[Contract]:
        """Undecided past the 30-day deadline, the oldest deadline first (ISO dates compare as strings)."""
        cursor = self._store.collection.find(
            {"status": {"$in": [s.value for s in OPEN_STATUSES]}, "decision_due": {"$lt": today.isoformat()}},
        ).sort("decision_due", ASCENDING)
        return [CONTRACT.validate_python(_state(doc)) async for doc in cursor]

    async def allocate_number(self, contract: Contract, today: date) -> str:
        """The next registration number of this year and registrar (gap-free, safe across processes)."""
        filing = contract.kind is Kind.FILING
        scope = sequence_scope(today.year, contract.registrar_code, filing)
        sequence = await self._sequences.allocate(scope, owner=contract.id)
        return registration_number(today.year, contract.registrar_code, sequence, filing)


def _to_doc(contract: Contract) -> dict:
    return CONTRACT.dump_python(contract, mode="json")


def _state(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def _from_doc(loaded: Loaded) -> Contract:
    return CONTRACT.validate_python(_state(loaded.state))
