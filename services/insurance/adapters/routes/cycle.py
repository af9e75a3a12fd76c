"""The monthly cycle under /api/v1/insurance: statements → debit → payments → close (each step takes its date);
the statements and the close are jobs (`routes/jobs.py`)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from services.insurance.adapters.cycle_schemas import PaymentsApplied
from services.insurance.adapters.escalation_schemas import DebitFileIn, DunningNoticeOut
from services.insurance.adapters.routes.dependencies import OFFICER_ONLY, READ_OWN, SCHEDULED, ContainerDep, EmployerId
from services.insurance.adapters.schemas import DebitResultsIn, PaymentsIn, StatementOut
from services.insurance.adapters.translators import csv_rows, csv_text, is_csv, json_body, json_or_csv
from services.insurance.application import arrears as arrears_cases
from services.insurance.application import listings
from services.insurance.domain.account import PaymentMethod
from services.insurance.domain.calendar import Period
from services.insurance.domain.statement import Statement, StatementStatus
from shared.access import allow
from shared.auth import Role
from shared.paging import PageOut, Paging
from shared.params import Month

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance cycle"])


@router.post("/cycles/{period}/debit-file", response_class=Response,
             responses={200: {"content": {"text/csv": {}}, "description": "employer_id,amount"}}, **SCHEDULED)
async def debit_file(period: Month, c: ContainerDep, body: DebitFileIn | None = None) -> Response:
    """CSV for the bank: account, amount — the first debit on the 1st/2nd of the following month, re-debits of what
    is still outstanding from the 4th to the 20th (`on`, optional body, default today in Beijing)."""
    on = (body.on if body else None) or c.today()
    rows = [(e, str(a)) for e, a in await c.cycle.debit_file(Period.parse(period), on)]
    return Response(csv_text(["employer_id", "amount"], rows), media_type="text/csv")


@router.post("/cycles/{period}/debit-results", response_model=PaymentsApplied,
             **json_or_csv(DebitResultsIn, SCHEDULED))
async def debit_results(period: Month, request: Request, c: ContainerDep,
                        batch: Annotated[str, Query(min_length=1, max_length=100,
                                                    description="with a CSV body: the batch id")] = "first-debit"
                        ) -> PaymentsApplied:
    """The bank's results, JSON `{"on", "batch", "rows": [{employer_id, amount}]}` or the bank's CSV (employer_id,
    amount debited; imported today in Beijing, `?batch=`), from the 4th to the 20th of the following month: paid /
    short / failed follow from the amount; each batch once. Every bank-debit unit whose money has not arrived is
    dunned (`dunned`; `GET /cycles/{period}/dunning-notices`)."""
    if is_csv(request):
        rows, on, field = await csv_rows(request), c.today(), None
    else:
        body = await json_body(request, DebitResultsIn)
        rows, on, batch, field = [row.row() for row in body.rows], body.on or c.today(), body.batch, "rows"
    applied, dunned = await c.cycle.record_debit_results(Period.parse(period), batch, rows, on, field)
    await _settle_waiting(c, applied, on)
    return PaymentsApplied.of(period, applied, [n.employer_id for n in dunned])


@router.post("/cycles/{period}/payments", response_model=PaymentsApplied, **OFFICER_ONLY)
async def cash_payments(period: Month, body: PaymentsIn, c: ContainerDep) -> PaymentsApplied:
    """Cash and cheque receipts until the 20th of the following month."""
    rows, on = [p.row() for p in body.payments], body.on or c.today()
    applied = await c.cycle.record_payments(Period.parse(period), f"cash-{body.batch}", rows, on, "payments")
    await _settle_waiting(c, applied, on)
    return PaymentsApplied.of(period, applied)


async def _settle_waiting(c: ContainerDep, applied: list[Statement], on) -> None:
    """A unit waiting to deregister on a month still in its collection may go on once that month is paid."""
    await arrears_cases.settle_waiting(c.accounts, c.statements, c.fines, [s.employer_id for s in applied], on)


@router.get("/cycles/{period}/statements", response_model=PageOut[StatementOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER))
async def list_period_statements(period: Month, c: ContainerDep, paging: Paging,
                                 payment_method: PaymentMethod | None = None,
                                 status: StatementStatus | None = None) -> PageOut[StatementOut]:
    """A month's statements by employer id, e.g. the cash-paying units still to pay
    (`?payment_method=cash_cheque&status=issued`): officers only."""
    found = await listings.period_statements(c.accounts, c.statements, Period.parse(period), paging.page,
                                             paging.size, payment_method=payment_method, status=status)
    return PageOut.of(found.items, found.total_count, paging, StatementOut.of)


@router.get("/cycles/{period}/dunning-notices", response_model=PageOut[DunningNoticeOut],
            **allow(Role.INSURANCE_OFFICER, Role.REGISTRY_OFFICER))
async def list_dunning_notices(period: Month, c: ContainerDep, paging: Paging) -> PageOut[DunningNoticeOut]:
    """The month's dunning notices (催缴): every bank-debit unit whose money had not arrived after a debit-results
    import, with what it still owed and the day it must pay by."""
    found = await c.dunning.page(paging.page, paging.size, period=str(Period.parse(period)))
    return PageOut.of(found.items, found.total, paging, DunningNoticeOut.of)


@router.get("/accounts/{employer_id}/dunning-notices", response_model=PageOut[DunningNoticeOut], **READ_OWN)
async def list_account_dunning_notices(employer_id: EmployerId, c: ContainerDep,
                                       paging: Paging) -> PageOut[DunningNoticeOut]:
    """A unit's dunning notices, month by month: the unit reads its own."""
    found = await c.dunning.page(paging.page, paging.size, employer_id=employer_id)
    return PageOut.of(found.items, found.total, paging, DunningNoticeOut.of)
