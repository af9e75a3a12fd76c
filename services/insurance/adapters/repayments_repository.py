"""Repayment records (还款表), one document each."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.domain.repayment import PaymentChannel, Repayment, RepaymentStatus
from shared.mongo import Collection, Database


class RepaymentRepository:
    def __init__(self, db: Database) -> None:
        self._repayments: Collection = db["repayments"]

    async def get(self, repayment_id: str) -> Repayment | None:
        doc = await self._repayments.find_one({"_id": repayment_id})
        return None if doc is None else _repayment(doc)

    async def save(self, r: Repayment) -> None:
        doc = {"employer_id": r.employer_id, "periods": list(r.periods), "amount": str(r.amount),
               "paid_on": r.paid_on.isoformat(), "channel": r.channel.value, "status": r.status.value}
        await self._repayments.replace_one({"_id": r.id}, doc, upsert=True)


def _repayment(d: dict) -> Repayment:
    return Repayment(d["_id"], d["employer_id"], tuple(d["periods"]), Decimal(d["amount"]),
                     date.fromisoformat(d["paid_on"]), PaymentChannel(d["channel"]), RepaymentStatus(d["status"]))
