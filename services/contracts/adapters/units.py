"""Which USCC each registered unit has, from registry's events: contracts keys parties by USCC, while an employer
user's token names its unit by employer id."""
from __future__ import annotations

from shared.mongo import Collection, DuplicateKeyError


class UnitDirectory:
    """One document per employer id: `{_id: employer_id, uscc}`; the newest event wins (replace by id)."""

    def __init__(self, collection: Collection) -> None:
        self._collection = collection

    async def record(self, employer_id: str, uscc: str) -> None:
        # Insert first: a unit is new far more often than changed, so one round trip does in the common case
        # what an upsert does (FerretDB v1 runs an upsert as a read and then a write).
        try:
            await self._collection.insert_one({"_id": employer_id, "uscc": uscc})
        except DuplicateKeyError:
            await self._collection.replace_one({"_id": employer_id}, {"uscc": uscc})

    async def uscc_of(self, employer_id: str) -> str | None:
        found = await self._collection.find_one({"_id": employer_id})
        return found["uscc"] if found else None
