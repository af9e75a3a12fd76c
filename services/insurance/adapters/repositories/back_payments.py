"""Back-payments (补缴): one document per record, found by employer. Mapped by hand: an item's lines stay
sub-documents `{type: {employer, individual}}` (FerretDB v1 stores no nested arrays)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from services.insurance.domain.back_payment import BackPayment, BackPaymentStatus, Item
from services.insurance.domain.rates import InsuranceType
from services.insurance.domain.repayment import PaymentChannel
from shared.repository import AggregateRepository, Codec, Page


def _document(b: BackPayment) -> dict:
    items = [{"period": i.period, "resident_id": i.resident_id, "base": str(i.base),
              "lines": {k.value: {"employer": str(e), "individual": str(v)} for k, (e, v) in i.lines.items()}}
             for i in b.items]
    return {"id": b.id, "employer_id": b.employer_id, "items": items,
            "late_fees": {p: str(fee) for p, fee in b.late_fees.items()}, "paid_on": b.paid_on.isoformat(),
            "channel": b.channel.value, "status": b.status.value}


def _back_payment(d: dict) -> BackPayment:
    items = tuple(Item(i["period"], i["resident_id"], Decimal(i["base"]),
                       {InsuranceType(k): (Decimal(v["employer"]), Decimal(v["individual"]))
                        for k, v in i["lines"].items()}) for i in d["items"])
    return BackPayment(d["id"], d["employer_id"], items, {p: Decimal(f) for p, f in d["late_fees"].items()},
                       date.fromisoformat(d["paid_on"]), PaymentChannel(d["channel"]), BackPaymentStatus(d["status"]))


@dataclass
class BackPaymentRepository(AggregateRepository[BackPayment]):
    codec: Codec[BackPayment] = Codec(encode=_document, decode=_back_payment)
    what: str = "back-payment"
    indexes: Sequence[str | tuple[str, dict[str, Any]]] = field(default=(
        ("employer_id", {"name": "employer"}), (("employer_id", "status"), {"name": "employer_status"})))

    async def of_employer(self, employer_id: str) -> list[BackPayment]:
        return await self.find({"employer_id": employer_id})

    async def listing(self, employer_id: str, page: int, size: int, *, status: str | None = None) -> Page[BackPayment]:
        """A page of the unit's records by paid on, optionally of one status."""
        query = {"employer_id": employer_id} | ({"status": status} if status else {})
        return await self.page(query, page, size, sort="paid_on")
