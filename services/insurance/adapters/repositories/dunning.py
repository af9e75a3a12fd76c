"""Dunning notices (催缴通知) of the collection month, write-once like the cycle's other records: one per unit and
debit-results import (`<month>:<account>:<batch>`), so a re-run of the same import writes nothing new and a later
import's notice stands beside the first."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.adapters.repositories.bulk import insert_all
from services.insurance.domain.dunning import DunningNotice
from shared.mongo import ASCENDING, Collection, Database
from shared.repository import Page


class DunningRepository:
    def __init__(self, db: Database) -> None:
        self._notices: Collection = db["dunning_notices"]

    async def ensure_indexes(self) -> None:
        await self._notices.create_index([("period", ASCENDING)], name="period")
        await self._notices.create_index([("employer_id", ASCENDING)], name="employer")

    async def add(self, notices: list[DunningNotice]) -> None:
        await insert_all(self._notices, ({"_id": f"{n.id}:{n.batch}", "employer_id": n.employer_id,
                                          "period": n.period, "outstanding": str(n.outstanding),
                                          "statement_status": n.statement_status,
                                          "dunned_on": n.dunned_on.isoformat(),
                                          "payment_due": n.payment_due.isoformat(), "batch": n.batch}
                                         for n in notices))

    async def page(self, page: int, size: int, *, period: str | None = None,
                   employer_id: str | None = None) -> Page[DunningNotice]:
        query = {k: v for k, v in (("period", period), ("employer_id", employer_id)) if v is not None}
        cursor = self._notices.find(query).sort("_id", ASCENDING).skip((page - 1) * size).limit(size)
        items = [_notice(d) async for d in cursor]
        if len(items) < size and (items or page == 1):  # a short page is the last: it gives the count itself
            return Page(items, (page - 1) * size + len(items))
        return Page(items, await self._notices.count_documents(query))


def _notice(doc: dict) -> DunningNotice:
    return DunningNotice(doc["employer_id"], doc["period"], Decimal(doc["outstanding"]), doc["statement_status"],
                         date.fromisoformat(doc["dunned_on"]), date.fromisoformat(doc["payment_due"]), doc["batch"])
