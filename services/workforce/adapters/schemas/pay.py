"""API shapes of payroll and bonus runs: money as exact decimal strings."""
from __future__ import annotations

from pydantic import BaseModel, Field

from shared.schemas import RequestBody


class BonusIn(RequestBody):
    employer_id: str = Field(min_length=1, description="the street office whose workers share the pool")


class PayItemOut(BaseModel):
    code: str = Field(description="base | tenure_allowance | professional_allowance | living_subsidy")
    amount: str
    basis: str


class PaySlipOut(BaseModel):
    worker_id: str
    employer_id: str
    period: str
    tier: str
    total: str
    items: list[PayItemOut]


class PayrollOut(BaseModel):
    period: str = Field(description="yyyy-mm")
    headcount: int
    total: str
    slips: list[PaySlipOut]


class BonusShareOut(BaseModel):
    worker_id: str
    amount: str


class BonusOut(BaseModel):
    employer_id: str
    year: int
    headcount: int
    pool: str
    shares: list[BonusShareOut]
