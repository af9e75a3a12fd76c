"""Yearly wage declarations, generated bases, their corrections and the city's average wages: write-once
collections keyed `<year>:<resident id>` (the generation step is claimed once a year), written in bulk."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.adapters.repositories.bulk import CHUNK, insert_all
from shared.mongo import Collection, Database


class BaseRepository:
    """Yearly wage declarations (`declarations`) and generated bases (`bases`), keyed `<year>:<resident id>`."""

    def __init__(self, db: Database) -> None:
        self._declarations: Collection = db["declarations"]
        self._bases: Collection = db["bases"]
        self._corrections: Collection = db["base_corrections"]
        self._wages: Collection = db["average_wages"]

    async def ensure_indexes(self) -> None:
        for collection in (self._declarations, self._bases, self._corrections):
            await collection.create_index([("year", 1)], name="year")

    async def declare(self, year: int, rows: list[tuple[str, str, Decimal]]) -> None:
        """Rows of (resident id, employer id, wage), inserted once per person and year (write-once)."""
        await insert_all(self._declarations, ({"_id": f"{year}:{rid}", "year": year, "resident_id": rid,
                                               "employer_id": employer, "wage": str(wage)}
                                              for rid, employer, wage in rows))

    async def declared(self, year: int, resident_ids: list[str]) -> set[str]:
        keys = [f"{year}:{rid}" for rid in resident_ids]
        found: set[str] = set()
        for i in range(0, len(keys), CHUNK):
            found |= {d["resident_id"] async for d in self._declarations.find({"_id": {"$in": keys[i:i + CHUNK]}})}
        return found

    async def declarations(self, year: int) -> dict[str, Decimal]:
        cursor = self._declarations.find({"year": year}, {"resident_id": 1, "wage": 1})
        return {d["resident_id"]: Decimal(d["wage"]) async for d in cursor}

    async def bases(self, year: int) -> dict[str, Decimal]:
        """The generated bases of `year` with the corrections made during the check applied."""
        cursor = self._bases.find({"year": year}, {"resident_id": 1, "base": 1})
        found = {d["resident_id"]: Decimal(d["base"]) async for d in cursor}
        corrected = self._corrections.find({"year": year}, {"resident_id": 1, "base": 1})
        return found | {d["resident_id"]: Decimal(d["base"]) async for d in corrected}

    async def bases_of(self, year: int, resident_ids: list[str]) -> dict[str, tuple[Decimal, bool]]:
        """These persons' bases of `year` (by key, in chunks): resident id → (base, corrected during the check).
        The year beside the keys is the equality FerretDB v1 pushes down: only that year's bases are decoded."""
        keys = [f"{year}:{rid}" for rid in resident_ids]
        found: dict[str, tuple[Decimal, bool]] = {}
        for i in range(0, len(keys), CHUNK):
            query = {"_id": {"$in": keys[i:i + CHUNK]}, "year": year}
            found |= {d["resident_id"]: (Decimal(d["base"]), False) async for d in self._bases.find(query)}
            found |= {d["resident_id"]: (Decimal(d["base"]), True) async for d in self._corrections.find(query)}
        return found

    async def base_of(self, year: int, resident_id: str) -> Decimal | None:
        doc = await self._corrections.find_one({"_id": f"{year}:{resident_id}"}) or \
            await self._bases.find_one({"_id": f"{year}:{resident_id}"})
        return None if doc is None else Decimal(doc["base"])

    async def correct(self, year: int, resident_id: str, employer_id: str, wage: Decimal, base: Decimal,
                      on: date) -> None:
        """Corrections live in their own small collection (a rewrite there is cheap; the bases are write-once)."""
        await self._corrections.replace_one(
            {"_id": f"{year}:{resident_id}"}, {"year": year, "resident_id": resident_id, "employer_id": employer_id,
                                                "wage": str(wage), "base": str(base), "on": on.isoformat()},
            upsert=True)

    async def write_bases(self, year: int, bases: dict[str, Decimal]) -> None:
        """Generated once a year (the generation step is claimed), so inserted, never rewritten."""
        await insert_all(self._bases, ({"_id": f"{year}:{rid}", "year": year, "resident_id": rid,
                                        "base": str(base)} for rid, base in bases.items()))

    async def set_average_wage(self, year: int, wage: Decimal) -> None:
        await self._wages.replace_one({"_id": year}, {"wage": str(wage)}, upsert=True)

    async def average_wages(self) -> dict[int, Decimal]:
        return {d["_id"]: Decimal(d["wage"]) async for d in self._wages.find({})}
