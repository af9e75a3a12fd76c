"""Documents that ended an insured relationship (表二十二, 表二十三-1, 表二十三-2), one document each, keyed by the
membership they end (so issuing one twice writes it once)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.insurance.domain.transfers import TransferDocument
from shared.mongo import DuplicateKeyError
from shared.repository import AggregateRepository, Codec, Page


@dataclass
class TransferDocumentRepository(AggregateRepository[TransferDocument]):
    codec: Codec[TransferDocument] = Codec.of(TransferDocument)
    what: str = "transfer document"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = field(default=(
        ("employer_id", {"name": "employer"}), ("resident_id", {"name": "resident"})))

    async def issue(self, document: TransferDocument) -> None:
        """Written once: a second issue of the same membership's document (a redelivery, a retry) is a no-op."""
        if await self.get(document.id) is None:
            try:
                await self.add(document)
            except DuplicateKeyError:
                pass  # the unique _id: another writer issued it first

    async def listing(self, page: int, size: int, *, employer_id: str | None = None,
                      resident_id: str | None = None) -> Page[TransferDocument]:
        """A page of documents by id, of one unit and/or one person."""
        query = {k: v for k, v in (("employer_id", employer_id), ("resident_id", resident_id)) if v is not None}
        return await self.page(query, page, size)
