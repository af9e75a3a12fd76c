"""The monthly cycle, wage bases and escalation under /api/v1/insurance (every step takes its date)."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from services.insurance.adapters.schemas import BaseCorrectionIn, OnIn, PaymentsIn, WageIn
from services.insurance.application import arrears as arrears_cases
from services.insurance.application import bases as base_cases
from services.insurance.bootstrap import Container
from services.insurance.domain.calendar import Period
from shared.errors import InvalidInput
from shared.params import Year
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance cycle"])
ContainerDep = Annotated[Container, Depends(container_of)]


@router.post("/cycles/{period}/statements")
async def generate_statements(period: str, body: OnIn, c: ContainerDep) -> dict:
    count = await c.cycle.generate_statements(Period.parse(period), body.on)
    return {"period": period, "statements": count}


@router.post("/cycles/{period}/debit-file")
async def debit_file(period: str, c: ContainerDep) -> Response:
    """CSV for the bank: account, amount (first debit, and re-debits of what is still outstanding)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["employer_id", "amount"])
    writer.writerows((e, str(a)) for e, a in await c.cycle.debit_file(Period.parse(period)))
    return Response(out.getvalue(), media_type="text/csv")


@router.post("/cycles/{period}/debit-results")
async def debit_results(period: str, request: Request, c: ContainerDep, on: Annotated[date, Query()],
                        batch: Annotated[str, Query(min_length=1, max_length=100)] = "first-debit") -> dict:
    """The bank's CSV (employer_id, amount debited): paid / short / failed follow from the amount; each batch once."""
    rows = await csv_rows(request)
    applied = await c.cycle.record_payments(Period.parse(period), f"debit-{batch}", rows, on)
    return _summary(period, applied)


@router.post("/cycles/{period}/payments")
async def cash_payments(period: str, body: PaymentsIn, c: ContainerDep) -> dict:
    """Cash and cheque receipts until the 20th of the following month."""
    rows = [p.model_dump() for p in body.payments]
    applied = await c.cycle.record_payments(Period.parse(period), f"cash-{body.batch}", rows, body.on)
    return _summary(period, applied)


@router.post("/cycles/{period}/close")
async def close_month(period: str, body: OnIn, c: ContainerDep) -> dict:
    closing = await c.cycle.close(Period.parse(period), body.on)
    arrears = sum(s.outstanding for s in closing.statements)
    return {"period": period, "closed": len(closing.statements), "arrears": str(arrears),
            "switched_to_declaration": closing.to_switch}


@router.post("/escalations/run")
async def run_escalation(body: OnIn, c: ContainerDep) -> dict:
    run = await arrears_cases.run_escalation(c.accounts, c.statements, c.policy, body.on)
    return {"as_of": body.on, "escalated": run.escalated}


@router.post("/accounts/{employer_id}/bases/{year}")
async def declare_wages(employer_id: str, year: Year, request: Request, c: ContainerDep,
                        on: Annotated[date, Query()]) -> dict:
    """Yearly wage declaration: JSON `{"rows": [{resident_id, wage}]}` or CSV; bad rows reported by line."""
    rows = await csv_rows(request) if _is_csv(request) else await json_rows(request)
    check = await base_cases.declare_wages(c.members, c.bases, employer_id, year, rows, on,
                                           first_line=2 if _is_csv(request) else 1)
    return {"accepted": len(check.valid), "errors": [p.as_dict() for p in check.problems]}


@router.post("/bases/{year}/generate")
async def generate_bases(year: Year, body: OnIn, c: ContainerDep) -> dict:
    count = await base_cases.generate_bases(c.members, c.bases, c.steps, c.policy, year, body.on)
    return {"year": year, "bases": count}


@router.put("/accounts/{employer_id}/bases/{year}/{resident_id}")
async def correct_base(employer_id: str, year: Year, resident_id: str, body: BaseCorrectionIn,
                       c: ContainerDep) -> dict:
    """核对: a unit corrects a person's generated base from 1 April until 20 April inclusive (409 after)."""
    base = await base_cases.correct_base(c.members, c.bases, c.steps, c.policy, employer_id, year, resident_id,
                                         body.wage, body.on)
    return {"year": year, "resident_id": resident_id, "wage": str(body.wage), "base": str(base)}


@router.put("/average-wages/{year}", status_code=204)
async def set_average_wage(year: Year, body: WageIn, c: ContainerDep) -> None:
    """The city's average monthly wage of `year`: floor and ceiling of the next year's bases derive from it."""
    await c.bases.set_average_wage(year, body.wage)


def _is_csv(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("text/csv")


async def csv_rows(request: Request) -> list[dict]:
    try:
        text = (await request.body()).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.on("body", "utf-8", "the CSV must be UTF-8") from None
    return list(csv.DictReader(io.StringIO(text)))


async def json_rows(request: Request) -> list[dict]:
    """`{"rows": [{resident_id, wage}, …]}`; anything else is a 422 (it was a 500 from `request.json()`)."""
    try:
        body = await request.json()
    except ValueError:
        raise InvalidInput.on("body", "json", 'the body is JSON {"rows": [...]} or text/csv') from None
    rows = body.get("rows", []) if isinstance(body, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise InvalidInput.on("rows", "list-of-objects", "rows is a list of {resident_id, wage} objects")
    return rows


def _summary(period: str, applied) -> dict:
    return {"period": period, "applied": len(applied),
            "statuses": {s.employer_id: s.status.value for s in applied}}

