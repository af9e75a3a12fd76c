"""API shapes, separate from the domain and from the stored documents."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from services.insurance.application.accounts import AccountView
from services.insurance.application.arrears import ArrearsView
from services.insurance.domain.account import Account, PaymentMethod
from services.insurance.domain.fines import Fine, Offence, Severity, fines_owed
from services.insurance.domain.repayment import PaymentChannel, Repayment
from services.insurance.domain.statement import Line, Statement
from shared.numbers import Money
from shared.params import MONTH_PATTERN, Yuan
from shared.schemas import RequestBody


class AccountSummaryOut(BaseModel):
    """An account in a listing: what an officer pages through (the arrears are on the account's own read)."""

    employer_id: str
    name: str
    uscc: str
    district_code: str
    status: str
    mode: str
    payment_method: str
    stage: str
    opened_on: date
    unit_type: str | None = None
    address: str | None = None
    certificate_status: str = Field("valid", description="valid, or lapsed (not inspected: no additions)")
    certificate_lapsed_on: date | None = None

    @classmethod
    def of(cls, account: Account) -> "AccountSummaryOut":
        return cls(employer_id=account.employer_id, name=account.name, uscc=account.uscc,
                   district_code=account.district_code, status=account.status.value, mode=account.mode.value,
                   payment_method=account.payment_method.value, stage=account.stage.value,
                   opened_on=account.opened_on, unit_type=account.unit_type, address=account.address,
                   certificate_status=account.certificate_status.value,
                   certificate_lapsed_on=account.certificate_lapsed_on)


class AccountOut(AccountSummaryOut):
    """An account's own read: its listing row, with the arrears and when recovery began."""

    arrears: Money
    recovery_opened_on: date | None

    @classmethod
    def of(cls, view: AccountView) -> "AccountOut":
        row = AccountSummaryOut.of(view.account).model_dump()
        return cls(**row, arrears=view.arrears, recovery_opened_on=view.account.recovery_opened_on)


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


class ArrearOut(BaseModel):
    period: str
    outstanding: Money
    payment_due: date
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
        months = [ArrearOut(period=a.period, outstanding=a.outstanding, payment_due=a.due_date, late_fee=f)
                  for a, f in zip(view.months, fees)]
        contributions = sum((a.outstanding for a in view.months), Decimal("0.00"))
        late = sum(fees, Decimal("0.00"))
        open_fines = [f for f in view.fines if f.owed_on(as_of) > 0]
        owed_fines = fines_owed(open_fines, as_of)
        return cls(employer_id=employer_id, as_of=as_of, months=months,
                   open_fines=[FineOut.of(f) for f in open_fines], contributions=contributions, late_fees=late,
                   fines=owed_fines, total=contributions + late + owed_fines)


class StatementLineOut(BaseModel):
    """One insurance type of a statement: the employer's and the individual's shares, and what has arrived."""

    type: str
    employer: Money
    individual: Money
    amount: Money
    received_amount: Money

    @classmethod
    def of(cls, s: Statement, ln: Line) -> "StatementLineOut":
        return cls(type=ln.kind.value, employer=ln.employer, individual=ln.individual, amount=ln.amount,
                   received_amount=s.received[ln.kind])


class StatementOut(BaseModel):
    employer_id: str
    period: str
    headcount: int
    status: str
    lines: list[StatementLineOut]
    total: Money
    received_amount: Money
    outstanding: Money

    @classmethod
    def of(cls, s: Statement) -> "StatementOut":
        return cls(employer_id=s.employer_id, period=s.period, headcount=s.headcount, status=s.status.value,
                   lines=[StatementLineOut.of(s, ln) for ln in s.lines], total=s.total,
                   received_amount=s.received_total, outstanding=s.outstanding)


class PaymentRow(BaseModel):
    employer_id: str = Field(min_length=1, max_length=64)
    amount: Yuan

    def row(self) -> dict[str, str]:
        return {"employer_id": self.employer_id, "amount": str(self.amount)}


class PaymentsIn(RequestBody):
    on: date | None = Field(None, description="the day the money arrived; today in Beijing when left out")
    batch: str = Field(min_length=1, max_length=100, description="receipt batch id; each is applied once")
    payments: list[PaymentRow]


class RepaymentIn(RequestBody):
    periods: list[Annotated[str, Field(pattern=MONTH_PATTERN)]] = Field(min_length=1)
    amount: Yuan
    paid_on: date | None = Field(None, description="today in Beijing when left out")
    channel: PaymentChannel


class ResultIn(RequestBody):
    """The agency's conclusion of a repayment or back-payment: did the money arrive (a failed debit or a bounced
    cheque: no, and the record is cancelled)."""

    arrived: bool


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


class DebitResultsIn(RequestBody):
    """The bank's results as JSON (or the same rows as `text/csv`, imported today in Beijing)."""

    on: date | None = Field(None, description="the day the results are imported; today in Beijing when left out")
    batch: str = Field("first-debit", min_length=1, max_length=100, description="each batch is applied once")
    rows: list[PaymentRow]


class FineIn(RequestBody):
    offence: Offence
    severity: Severity
    amount: Yuan
    imposed_on: date | None = Field(None, description="today in Beijing when left out")
    reason: str = Field(min_length=1, max_length=500)


class FinePaymentIn(RequestBody):
    amount: Yuan
    paid_on: date | None = Field(None, description="today in Beijing when left out")
