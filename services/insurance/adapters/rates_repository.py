"""Dated rate tables, one document per effective date (a later table for the same date replaces it)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.domain.rates import InsuranceType, RateTable, Shares
from shared.mongo import Collection, Database


class RateRepository:
    def __init__(self, db: Database) -> None:
        self._rates: Collection = db["rates"]

    async def save(self, table: RateTable) -> None:
        doc = {"shares": {k.value: {"employer": str(s.employer), "individual": str(s.individual)}
                          for k, s in table.shares.items()},
               "work_injury_by_class": {str(c): str(r) for c, r in table.work_injury_by_class.items()}}
        await self._rates.replace_one({"_id": table.effective_from.isoformat()}, doc, upsert=True)

    async def all(self) -> list[RateTable]:
        return [_table(d) async for d in self._rates.find({})]


def _table(d: dict) -> RateTable:
    shares = {InsuranceType(k): Shares(Decimal(v["employer"]), Decimal(v["individual"]))
              for k, v in d["shares"].items()}
    return RateTable(date.fromisoformat(d["_id"]), shares,
                     {int(c): Decimal(r) for c, r in d["work_injury_by_class"].items()})
