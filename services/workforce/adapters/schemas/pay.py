"""API shapes of payroll and bonus runs: money as exact decimal strings (two decimals, with their pattern)."""
from __future__ import annotations

from pydantic import BaseModel, Field

from services.workforce.adapters.schemas.numbers import Money, PeriodText
from shared.schemas import RequestBody


class BonusIn(RequestBody):
    employer_id: str = Field(min_length=1, max_length=100,
                             description="the street office whose workers share the pool (registered with registry)")


class PayItemOut(BaseModel):
    code: str = Field(description="pay: base | tenure_allowance | professional_allowance | one_child_fee | "
                                  "living_subsidy; contributions: housing_fund_unit | housing_fund_personal")
    amount: Money
    basis: str


class PaySlipOut(BaseModel):
    worker_id: str
    employer_id: str
    period: PeriodText
    tier: str
    total: Money = Field(description="the month's pay items added up")
    net: Money | None = Field(None, description="total less the personal housing-fund share withheld (None on "
                                                "runs stored before the housing fund was itemised)")
    items: list[PayItemOut]
    housing_fund: list[PayItemOut] = Field([], description="住房公积金: the unit's and the person's contributions "
                                                            "(the personal one is withheld from the total)")


class PayrollOut(BaseModel):
    period: PeriodText
    headcount: int
    total: Money
    slips: list[PaySlipOut]


class BonusAllocationOut(BaseModel):
    worker_id: str
    amount: Money


class BonusOut(BaseModel):
    employer_id: str
    year: int
    headcount: int
    pool: Money
    allocations: list[BonusAllocationOut] = Field(description="each worker's share of the pool")
