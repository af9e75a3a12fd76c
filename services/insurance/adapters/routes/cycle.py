"""The monthly cycle under /api/v1/insurance: statements → debit → payments → close (each step takes its date);
the statements and the close are jobs (`routes/jobs.py`)."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from services.insurance.adapters.cycle_schemas import PaymentsApplied
from services.insurance.adapters.routes.dependencies import OFFICER_ONLY, SCHEDULED, ContainerDep
from services.insurance.adapters.schemas import PaymentsIn
from services.insurance.adapters.translators import csv_rows, csv_text
from services.insurance.domain.calendar import Period

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance cycle"])


@router.post("/cycles/{period}/debit-file", response_class=Response,
             responses={200: {"content": {"text/csv": {}}, "description": "employer_id,amount"}}, **SCHEDULED)
async def debit_file(period: str, c: ContainerDep) -> Response:
    """CSV for the bank: account, amount (first debit, and re-debits of what is still outstanding)."""
    rows = [(e, str(a)) for e, a in await c.cycle.debit_file(Period.parse(period))]
    return Response(csv_text(["employer_id", "amount"], rows), media_type="text/csv")


@router.post("/cycles/{period}/debit-results", response_model=PaymentsApplied, **SCHEDULED)
async def debit_results(period: str, request: Request, c: ContainerDep, on: Annotated[date, Query()],
                        batch: Annotated[str, Query(min_length=1, max_length=100)] = "first-debit"
                        ) -> PaymentsApplied:
    """The bank's CSV (employer_id, amount debited): paid / short / failed follow from the amount; each batch once."""
    rows = await csv_rows(request)
    return PaymentsApplied.of(period, await c.cycle.record_payments(Period.parse(period), f"debit-{batch}", rows, on))


@router.post("/cycles/{period}/payments", response_model=PaymentsApplied, **OFFICER_ONLY)
async def cash_payments(period: str, body: PaymentsIn, c: ContainerDep) -> PaymentsApplied:
    """Cash and cheque receipts until the 20th of the following month."""
    rows = [p.model_dump() for p in body.payments]
    return PaymentsApplied.of(period, await c.cycle.record_payments(Period.parse(period), f"cash-{body.batch}",
                                                                    rows, body.on))
