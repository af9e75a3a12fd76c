"""Contracts, one document each (application → registered record), and their registration numbers.

FerretDB v1 pushes no dotted key down to PostgreSQL (it reads the whole table and filters in Go: see
tests/deploy/test_ferretdb_indexes.py), so what the listing and the deregistration handler filter on is also kept
as top-level query fields (`QUERY_FIELDS`, written with every save, never read back into the aggregate), each
indexed."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.contracts.application.ports import ContractFilter
from services.contracts.domain.contract import ON_RECORD, UNDECIDED, Contract, Kind
from services.contracts.domain.numbering import registration_number, sequence_scope
from services.contracts.domain.submission import registered_once, registration_key
from shared.mongo import ASCENDING, DESCENDING, DuplicateKeyError
from shared.repository import AggregateRepository, Codec, Page
from shared.sequences import SequenceAllocator

QUERY_FIELDS = ("seller_uscc", "buyer_uscc", "party_usccs", "submitted_by_user", "classified", "registration_key")


def query_fields(contract: Contract) -> dict[str, Any]:
    """The parties' USCCs (a foreign party has none), who filed it, whether it is classified (第十二条), and the
    key that makes a contract registered once (第三条, unique across every replica)."""
    parties = (contract.seller, contract.buyer, contract.intermediary)
    return {"seller_uscc": contract.seller.uscc, "buyer_uscc": contract.buyer.uscc,
            "party_usccs": sorted({p.uscc for p in parties if p is not None and p.uscc}),
            "submitted_by_user": contract.submitted_by.user, "classified": contract.flags.classified,
            "registration_key": registration_key(contract)}


CONTRACT = Codec.of(Contract, derived=query_fields, derived_fields=QUERY_FIELDS)


@dataclass
class ContractRepository(AggregateRepository[Contract]):
    codec: Codec[Contract] = CONTRACT
    what: str = "contract or application"
    indexes: tuple = ("registration_number", (("status", "decision_due"), {"name": "status_due"}),
                      "registrar_code", "accepted_on", "seller_uscc", "buyer_uscc", "party_usccs",
                      "submitted_by_user", ("registration_key", {"unique": True}))
    """Each listing filter has its index: status, the seller's / buyer's USCC, the registrar (locality); an employer
    user's scope uses the parties' USCCs and the submitting user; the newest acceptance comes first."""
    sequences: SequenceAllocator = field(kw_only=True)

    async def ensure_indexes(self) -> None:
        """The declared ones, the registration numbers' sequences, and the query fields of documents written before
        they were kept (first: the unique key's index is built over every document)."""
        await self.backfill_query_fields()
        await super().ensure_indexes()
        await self.sequences.ensure_indexes()

    async def backfill_query_fields(self) -> int:
        """Adds the query fields to documents that lack them; a document a save rewrote meanwhile already has them
        (the filter's `$exists`), so a stale value never overwrites a fresh one."""
        filled = 0
        lacking = {"$or": [{name: {"$exists": False}} for name in ("party_usccs", "registration_key")]}
        async for doc in self.collection.find(lacking):
            fields = query_fields(self.codec.from_document(doc))
            result = await self.collection.update_one({"_id": doc["_id"]} | lacking, {"$set": fields})
            filled += result.modified_count
        return filled

    async def save(self, aggregate: Contract, events=(), *, loaded, caused_by: str | None = None) -> None:
        """A second application for a contract already applied for or on record is a 409 naming the first."""
        try:
            await super().save(aggregate, events, loaded=loaded, caused_by=caused_by)
        except DuplicateKeyError:
            other = await self.collection.find_one(
                {"registration_key": registration_key(aggregate), "_id": {"$ne": aggregate.id}}, {"_id": 1})
            raise registered_once(other and other["_id"]) from None

    async def is_on_record(self, number: str | None) -> bool:
        """Whether `number` is a registered (or filed) contract's registration number."""
        if not number:
            return False
        found = await self.collection.find_one(
            {"registration_number": number, "status": {"$in": [s.value for s in ON_RECORD]}}, {"_id": 1})
        return found is not None

    async def ids_with_party(self, uscc: str) -> list[str]:
        """Every contract or application where `uscc` is the seller, buyer or intermediary."""
        return [doc["_id"] async for doc in self.collection.find({"party_usccs": uscc}, {"_id": 1})]

    async def listing(self, filters: ContractFilter, page: int, size: int) -> Page[Contract]:
        """One page of the matching contracts, the newest acceptance first (then by id, so pages never overlap)."""
        return await self._page(listing_query(filters), page, size, [("accepted_on", DESCENDING), ("_id", ASCENDING)])

    async def overdue(self, today: date, page: int, size: int) -> Page[Contract]:
        """Undecided past the 30-day deadline, the oldest deadline first (ISO dates compare as strings)."""
        query = {"status": {"$in": [s.value for s in UNDECIDED]}, "decision_due": {"$lt": today.isoformat()}}
        return await self._page(query, page, size, [("decision_due", ASCENDING), ("_id", ASCENDING)])

    async def _page(self, query: dict, page: int, size: int, sort: list) -> Page[Contract]:
        cursor = self.collection.find(query).sort(sort).skip((page - 1) * size).limit(size)
        items = [self.codec.from_document(doc) async for doc in cursor]
        return Page(items, await self.collection.count_documents(query))

    async def allocate_number(self, contract: Contract, today: date) -> str:
        """The next registration number of this year and registrar (gap-free, safe across processes)."""
        filing = contract.kind is Kind.FILING
        scope = sequence_scope(today.year, contract.registrar_code, filing)
        sequence = await self.sequences.allocate(scope, owner=contract.id)
        return registration_number(today.year, contract.registrar_code, sequence, filing)


def listing_query(filters: ContractFilter) -> dict:
    """The filters as equalities on indexed top-level fields; an employer user's scope as the unit's USCC among the
    parties' or the submitting user."""
    query: dict = {}
    for name, value in (("status", filters.status and filters.status.value), ("seller_uscc", filters.seller_uscc),
                        ("buyer_uscc", filters.buyer_uscc), ("registrar_code", filters.registrar_code)):
        if value is not None:
            query[name] = value
    if not filters.classified_too:
        query["classified"] = False
    if filters.scoped:
        mine = [{"party_usccs": filters.party_uscc}] if filters.party_uscc is not None else []
        query["$or"] = mine + [{"submitted_by_user": filters.submitted_by}]
    return query
