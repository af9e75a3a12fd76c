"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from services.insurance.application.accounts import AccountView
from services.insurance.application.arrears import ArrearsView
from services.insurance.domain.account import PaymentMethod
from services.insurance.domain.back_payment import BackPayment
from services.insurance.domain.fines import Fine, Offence, Severity, fines_owed
from services.insurance.domain.members import Member, RemovalReason
from services.insurance.domain.repayment import PaymentChannel, Repayment
from services.insurance.domain.statement import Statement
from shared.params import Yuan
from shared.schemas import RequestBody

Money = Decimal


class AccountOut(BaseModel):
    employer_id: str
    name: str
    uscc: str
    district_code: str
    status: str
    mode: str
    payment_method: str
    arrears: Decimal
    opened_on: date
    stage: str
    recovery_opened_on: date | None

    @classmethod
    def of(cls, view: AccountView) -> "AccountOut":
        account, arrears = view.account, view.arrears
        return cls(employer_id=account.employer_id, name=account.name, uscc=account.uscc,
                   district_code=account.district_code, status=account.status.value, mode=account.mode.value,
                   payment_method=account.payment_method.value, arrears=arrears, opened_on=account.opened_on,
                   stage=account.stage.value, recovery_opened_on=account.recovery_opened_on)


class PaymentMethodIn(RequestBody):
    payment_method: PaymentMethod


class IndustryClassIn(RequestBody):
    industry_class: int = Field(ge=1, le=8, description="工伤保险行业风险类别")


class SharesIn(RequestBody):
    employer: Decimal = Decimal(0)
    individual: Decimal = Decimal(0)


class RateTableIn(RequestBody):
    shares: dict[str, SharesIn]
    work_injury_by_class: dict[int, Decimal]

    def plain_shares(self) -> dict[str, dict[str, Decimal]]:
        return {k: {"employer": v.employer, "individual": v.individual} for k, v in self.shares.items()}


class MemberIn(RequestBody):
    resident_id: str = Field(min_length=15, max_length=18)
    name: str = Field(min_length=1, max_length=100)
    on: date | None = None


class RemovalIn(RequestBody):
    reason: RemovalReason
    on: date | None = None


class MemberOut(BaseModel):
    resident_id: str
    employer_id: str
    name: str
    joined_on: date
    removed_on: date | None
    removal_reason: str | None

    @classmethod
    def of(cls, m: Member) -> "MemberOut":
        return cls(resident_id=m.resident_id, employer_id=m.employer_id, name=m.name, joined_on=m.joined_on,
                   removed_on=m.removed_on, removal_reason=m.removal_reason and m.removal_reason.value)


class ArrearOut(BaseModel):
    period: str
    outstanding: Money
    due_date: date
    late_fee: Money


class FineOut(BaseModel):
    id: str
    employer_id: str
    offence: str
    severity: str
    amount: Money
    imposed_on: date
    reason: str
    status: str
    paid_on: date | None

    @classmethod
    def of(cls, f: Fine) -> "FineOut":
        return cls(id=f.id, employer_id=f.employer_id, offence=f.offence.value, severity=f.severity.value,
                   amount=f.amount, imposed_on=f.imposed_on, reason=f.reason, status=f.status.value, paid_on=f.paid_on)


class ArrearsOut(BaseModel):
    employer_id: str
    as_of: date
    months: list[ArrearOut]
    open_fines: list[FineOut]
    contributions: Money
    late_fees: Money
    fines: Money
    total: Money

    @classmethod
    def of(cls, view: ArrearsView) -> "ArrearsOut":
        employer_id, as_of, fees = view.employer_id, view.as_of, view.late_fees
        months = [ArrearOut(period=a.period, outstanding=a.outstanding, due_date=a.due_date, late_fee=f)
                  for a, f in zip(view.months, fees)]
        contributions = sum((a.outstanding for a in view.months), Decimal("0.00"))
        late = sum(fees, Decimal("0.00"))
        open_fines = [f for f in view.fines if f.owed_on(as_of) > 0]
        owed_fines = fines_owed(open_fines, as_of)
        return cls(employer_id=employer_id, as_of=as_of, months=months,
                   open_fines=[FineOut.of(f) for f in open_fines], contributions=contributions, late_fees=late,
                   fines=owed_fines, total=contributions + late + owed_fines)


class StatementOut(BaseModel):
    employer_id: str
    period: str
    headcount: int
    status: str
    lines: list[dict]
    total: Money
    received: Money
    outstanding: Money

    @classmethod
    def of(cls, s: Statement) -> "StatementOut":
        lines = [{"type": ln.kind.value, "employer": str(ln.employer), "individual": str(ln.individual),
                  "amount": str(ln.amount), "received": str(s.received[ln.kind])} for ln in s.lines]
        return cls(employer_id=s.employer_id, period=s.period, headcount=s.headcount, status=s.status.value,
                   lines=lines, total=s.total, received=s.received_total, outstanding=s.outstanding)


class PaymentRow(BaseModel):
    employer_id: str
    amount: str


class PaymentsIn(RequestBody):
    on: date
    batch: str = Field(min_length=1, max_length=100, description="receipt batch id; each is applied once")
    payments: list[PaymentRow]


class RepaymentIn(RequestBody):
    periods: list[str] = Field(min_length=1)
    amount: Yuan
    paid_on: date
    channel: PaymentChannel


class RepaymentResultIn(RequestBody):
    received: bool


class RepaymentOut(BaseModel):
    id: str
    employer_id: str
    periods: list[str]
    amount: Money
    paid_on: date
    channel: str
    status: str

    @classmethod
    def of(cls, r: Repayment) -> "RepaymentOut":
        return cls(id=r.id, employer_id=r.employer_id, periods=list(r.periods), amount=r.amount, paid_on=r.paid_on,
                   channel=r.channel.value, status=r.status.value)


class WageIn(RequestBody):
    wage: Yuan = Field(gt=0)


class BaseCorrectionIn(RequestBody):
    wage: Yuan = Field(gt=0, description="the corrected previous-year monthly average wage")
    on: date


PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class BackPaymentItemIn(RequestBody):
    period: str = Field(pattern=PERIOD_PATTERN)
    resident_id: str = Field(min_length=15, max_length=18)


class BackPaymentIn(RequestBody):
    items: list[BackPaymentItemIn] = Field(min_length=1)
    amount: Yuan
    paid_on: date
    channel: PaymentChannel

    def wanted(self) -> list[tuple[str, str]]:
        """(period, resident id) of each item."""
        return [(i.period, i.resident_id) for i in self.items]


class BackPaymentOut(BaseModel):
    id: str
    employer_id: str
    items: list[dict]
    contributions: Money
    late_fees: dict[str, Money]
    total: Money
    paid_on: date
    channel: str
    status: str

    @classmethod
    def of(cls, b: BackPayment) -> "BackPaymentOut":
        items = [{"period": i.period, "resident_id": i.resident_id, "base": str(i.base), "amount": str(i.amount),
                  "lines": {k.value: {"employer": str(e), "individual": str(v)} for k, (e, v) in i.lines.items()}}
                 for i in b.items]
        return cls(id=b.id, employer_id=b.employer_id, items=items, contributions=b.contributions,
                   late_fees=b.late_fees, total=b.total, paid_on=b.paid_on, channel=b.channel.value,
                   status=b.status.value)


class FineIn(RequestBody):
    offence: Offence
    severity: Severity
    amount: Yuan
    imposed_on: date
    reason: str = Field(min_length=1, max_length=500)


class FinePaymentIn(RequestBody):
    amount: Yuan
    paid_on: date
