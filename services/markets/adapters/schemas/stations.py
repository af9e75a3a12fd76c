"""API shapes of convenience service stations."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from services.markets.domain.stations import EDUCATION, Applicant, Station
from shared.schemas import RequestBody

YUAN = dict(gt=0, max_digits=12, decimal_places=2)


class OperatorIn(RequestBody):
    name: str = Field(min_length=1, max_length=100)
    resident_id: str = Field(min_length=18, max_length=18)
    local_household_registration: bool
    education: str = Field(description=" / ".join(EDUCATION))

    def to_domain(self) -> Applicant:
        return Applicant(self.name, self.resident_id.upper(), self.local_household_registration, self.education)


class StationIn(RequestBody):
    name: str = Field(min_length=1, max_length=200)
    lon: float
    lat: float
    operator: OperatorIn
    agreement_start: date
    deposit: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="保证金, yuan")


class AmountIn(RequestBody):
    amount: Decimal = Field(**YUAN)
    on: date


class ReconcileIn(RequestBody):
    on: date
    reported_balance: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class StationOut(BaseModel):
    id: str
    name: str
    lon: float
    lat: float
    operator: str
    agreement_start: str
    agreement_end: str
    deposit: str
    balance: str
    status: str
    monthly_counts: dict[str, int]
    reconciliations: list[dict[str, Any]]
    exited_on: str | None

    @classmethod
    def of(cls, s: Station) -> "StationOut":
        return cls(id=s.id, name=s.name, lon=s.lon, lat=s.lat, operator=s.operator.name,
                   agreement_start=s.agreement_start.isoformat(), agreement_end=s.agreement_end.isoformat(),
                   deposit=str(s.deposit), balance=str(s.balance), status=s.status, monthly_counts=s.monthly_counts,
                   reconciliations=list(s.reconciliations), exited_on=s.exited_on and s.exited_on.isoformat())


class ExitReviewOut(BaseModel):
    month: str
    exited: list[str]
