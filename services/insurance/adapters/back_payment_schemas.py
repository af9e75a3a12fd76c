"""API shapes of back-payments (补缴)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.insurance.domain.back_payment import BackPayment
from services.insurance.domain.repayment import PaymentChannel
from shared.numbers import Money
from shared.params import MONTH_PATTERN, Yuan
from shared.schemas import RequestBody


class BackPaymentItemIn(RequestBody):
    period: str = Field(pattern=MONTH_PATTERN)
    resident_id: str = Field(min_length=15, max_length=18)


class BackPaymentIn(RequestBody):
    items: list[BackPaymentItemIn] = Field(min_length=1)
    amount: Yuan
    paid_on: date | None = Field(None, description="today in Beijing when left out")
    channel: PaymentChannel

    def wanted(self) -> list[tuple[str, str]]:
        """(period, resident id) of each item."""
        return [(i.period, i.resident_id) for i in self.items]


class SharesOut(BaseModel):
    employer: Money
    individual: Money


class BackPaymentItemOut(BaseModel):
    period: str
    resident_id: str
    base: Money
    amount: Money
    by_type: dict[str, SharesOut] = Field(description="the employer's and the individual's share by insurance type")


class BackPaymentOut(BaseModel):
    id: str
    employer_id: str
    items: list[BackPaymentItemOut]
    contributions: Money
    late_fees_by_month: dict[str, Money]
    total: Money
    paid_on: date
    channel: str
    status: str

    @classmethod
    def of(cls, b: BackPayment) -> "BackPaymentOut":
        items = [BackPaymentItemOut(period=i.period, resident_id=i.resident_id, base=i.base, amount=i.amount,
                                    by_type={k.value: SharesOut(employer=e, individual=v)
                                           for k, (e, v) in i.lines.items()})
                 for i in b.items]
        return cls(id=b.id, employer_id=b.employer_id, items=items, contributions=b.contributions,
                   late_fees_by_month=b.late_fees, total=b.total, paid_on=b.paid_on, channel=b.channel.value,
                   status=b.status.value)
