"""Fines (罚款) and back-payments (补缴): small collections of one document per record."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.insurance.domain.back_payment import BackPayment, BackPaymentStatus, Item
from services.insurance.domain.fines import Fine, FineStatus, Offence, Severity
from services.insurance.domain.rates import InsuranceType
from services.insurance.domain.repayment import PaymentChannel
from shared.mongo import Collection, Database


class FineRepository:
    def __init__(self, db: Database) -> None:
        self._fines: Collection = db["fines"]

    async def ensure_indexes(self) -> None:
        await self._fines.create_index([("employer_id", 1)], name="employer")

    async def get(self, fine_id: str) -> Fine | None:
        doc = await self._fines.find_one({"_id": fine_id})
        return None if doc is None else _fine(doc)

    async def of_employer(self, employer_id: str) -> list[Fine]:
        return sorted([_fine(d) async for d in self._fines.find({"employer_id": employer_id})],
                      key=lambda f: (f.imposed_on, f.id))

    async def save(self, f: Fine) -> None:
        doc = {"employer_id": f.employer_id, "offence": f.offence.value, "severity": f.severity.value,
               "amount": str(f.amount), "imposed_on": f.imposed_on.isoformat(), "reason": f.reason,
               "status": f.status.value, "paid_on": f.paid_on and f.paid_on.isoformat()}
        await self._fines.replace_one({"_id": f.id}, doc, upsert=True)


class BackPaymentRepository:
    def __init__(self, db: Database) -> None:
        self._back_payments: Collection = db["back_payments"]

    async def ensure_indexes(self) -> None:
        await self._back_payments.create_index([("employer_id", 1)], name="employer")

    async def get(self, back_payment_id: str) -> BackPayment | None:
        doc = await self._back_payments.find_one({"_id": back_payment_id})
        return None if doc is None else _back_payment(doc)

    async def of_employer(self, employer_id: str) -> list[BackPayment]:
        return [_back_payment(d) async for d in self._back_payments.find({"employer_id": employer_id})]

    async def save(self, b: BackPayment) -> None:
        items = [{"period": i.period, "resident_id": i.resident_id, "base": str(i.base),
                  "lines": {k.value: {"employer": str(e), "individual": str(v)} for k, (e, v) in i.lines.items()}}
                 for i in b.items]  # FerretDB v1 stores no nested arrays: lines are a sub-document
        doc = {"employer_id": b.employer_id, "items": items,
               "late_fees": {p: str(fee) for p, fee in b.late_fees.items()}, "paid_on": b.paid_on.isoformat(),
               "channel": b.channel.value, "status": b.status.value}
        await self._back_payments.replace_one({"_id": b.id}, doc, upsert=True)


def _fine(d: dict) -> Fine:
    return Fine(d["_id"], d["employer_id"], Offence(d["offence"]), Severity(d["severity"]), Decimal(d["amount"]),
                date.fromisoformat(d["imposed_on"]), d["reason"], FineStatus(d["status"]),
                date.fromisoformat(d["paid_on"]) if d.get("paid_on") else None)


def _back_payment(d: dict) -> BackPayment:
    items = tuple(Item(i["period"], i["resident_id"], Decimal(i["base"]),
                       {InsuranceType(k): (Decimal(v["employer"]), Decimal(v["individual"]))
                        for k, v in i["lines"].items()}) for i in d["items"])
    return BackPayment(d["_id"], d["employer_id"], items, {p: Decimal(f) for p, f in d["late_fees"].items()},
                       date.fromisoformat(d["paid_on"]), PaymentChannel(d["channel"]), BackPaymentStatus(d["status"]))
