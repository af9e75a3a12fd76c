"""API shapes of convenience service stations."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pydantic import BaseModel, Field

from services.markets.adapters.schemas.markets import On
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
    applicant: OperatorIn = Field(description="the operator applying (经营者): name, resident id, household "
                                              "registration, education")
    agreement_start: date
    deposit: Decimal = Field(ge=0, max_digits=12, decimal_places=2, description="保证金, yuan")
    community_id: str | None = Field(default=None, min_length=1, max_length=64,
                                     description="registry's community the station serves; one markets knows")


class AmountIn(On):
    amount: Decimal = Field(**YUAN)


class ReconcileIn(On):
    reported_balance: Decimal = Field(ge=0, max_digits=12, decimal_places=2)


class ReconciliationOut(BaseModel):
    """A day's close (日终轧帐): the ledger's opening, deposits, spending and closing balance, the balance the station
    reported and the difference, in yuan."""

    on: date
    opening: Decimal
    deposits: Decimal
    spent: Decimal
    count: int
    closing: Decimal
    reported: Decimal
    difference: Decimal
    ledger_consistent: bool


class StationOut(BaseModel):
    id: str
    name: str
    lon: float
    lat: float
    operator: str = Field(description="the operator's name")
    agreement_start: date
    agreement_end: date
    deposit: Decimal
    balance: Decimal
    status: str
    monthly_counts: dict[str, int]
    reconciliations: list[ReconciliationOut]
    exited_on: date | None
    community_id: str | None

    @classmethod
    def of(cls, s: Station) -> "StationOut":
        return cls(id=s.id, name=s.name, lon=s.lon, lat=s.lat, operator=s.operator.name,
                   agreement_start=s.agreement_start, agreement_end=s.agreement_end, deposit=s.deposit,
                   balance=s.balance, status=s.status, monthly_counts=s.monthly_counts,
                   reconciliations=[ReconciliationOut(**r) for r in s.reconciliations], exited_on=s.exited_on, community_id=s.community_id)


class ExitReviewOut(BaseModel):
    month: str
    exited: list[str]
