"""The dated rate table under /api/v1/insurance: read by anyone, changed by an officer."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Header

from services.insurance.adapters.schemas import RateTableIn
from services.insurance.bootstrap import Container
from services.insurance.domain.rates import DEFAULT_RATES, checked_table
from shared.errors import DomainError
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance rates"])
ContainerDep = Annotated[Container, Depends(container_of)]

OFFICER = "officer"


@router.put("/rates/{effective_from}", status_code=204)
async def set_rates(effective_from: date, body: RateTableIn, c: ContainerDep,
                    x_civic_role: Annotated[str | None, Header()] = None) -> None:
    """An officer records the rate table in force from a date (the first month charged is the one starting on
    or after it)."""
    if x_civic_role != OFFICER:
        raise Forbidden("only an officer (X-Civic-Role: officer) may change the rate table")
    shares = {k: {"employer": v.employer, "individual": v.individual} for k, v in body.shares.items()}
    await c.rates.save(checked_table(effective_from, shares, body.work_injury_by_class))


@router.get("/rates")
async def list_rates(c: ContainerDep) -> list[dict]:
    tables = sorted([DEFAULT_RATES, *await c.rates.all()], key=lambda t: t.effective_from)
    return [{"effective_from": t.effective_from,
             "shares": {k.value: {"employer": str(s.employer), "individual": str(s.individual)}
                        for k, s in t.shares.items()},
             "work_injury_by_class": {c: str(r) for c, r in t.work_injury_by_class.items()}} for t in tables]


class Forbidden(DomainError):
    status = 403
    code = "forbidden"
    title = "Not allowed for this role"
