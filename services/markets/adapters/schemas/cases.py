"""Compliance cases: an officer's finding of an unapproved act, the city-wide and per-market listings, and the
overdue-case job."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from services.markets.adapters.schemas.markets import ApprovedIn, CaseOut
from services.markets.application.cases import Finding
from services.markets.domain.market import Case, Market
from shared.jobs.params import JobOn
from shared.schemas import RequestBody

ActKind = Literal["unapproved_sublet", "unapproved_suspension", "unapproved_merger", "unapproved_closure",
                  "unapproved_demolition", "unapproved_relocation", "unapproved_rebuilding"]
CaseKind = Literal["late_ownership_transfer", "late_filing", "late_opening", "late_tender", "change_of_use",
                   "reduced_vegetable_area", "unapproved_sublet", "unapproved_suspension", "unapproved_merger",
                   "unapproved_closure", "unapproved_demolition", "unapproved_relocation", "unapproved_rebuilding"]
CaseStatus = Literal["open", "fined", "resolved"]


class ActCaseIn(ApprovedIn):
    """`on`: the day the case is opened (default today in Beijing); `act_on`: the day of the act; `approvals`: the
    approvals that existed (with every one the act is lawful and no case opens)."""

    kind: ActKind
    act_on: date = Field(description="the day the market was sub-let, suspended, merged, closed, demolished, "
                                     "relocated or rebuilt")
    replacement_market_id: str | None = Field(default=None, min_length=1, max_length=64,
                                              description="the market the replacement plan names (第二十二条)")
    party: str | None = Field(default=None, min_length=1, max_length=200,
                              description="who did it, when not the operator (拆迁单位)")

    def finding(self) -> Finding:
        return Finding(self.kind, self.act_on, tuple(self.approval_list()), self.replacement_market_id, self.party)


class MarketCaseOut(CaseOut):
    """A case with the market it belongs to."""

    market_id: str
    district_code: str

    @classmethod
    def of_market(cls, market: Market, case: Case) -> "MarketCaseOut":
        return cls(market_id=market.id, district_code=market.district_code, **CaseOut.of(case).model_dump())


class OverdueCasesIn(RequestBody):
    on: JobOn = None


class OverdueCaseOut(BaseModel):
    market_id: str
    case_number: int
    kind: str
    due_on: date


class OverdueCasesOut(BaseModel):
    on: date
    opened: list[OverdueCaseOut] = Field(description="the cases this run opened (none for a deadline already "
                                                     "having its case)")
