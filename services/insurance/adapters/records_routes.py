"""Records: the unit's yearly summary for its staff and each person's yearly statement, as JSON or printable HTML."""
from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from services.insurance.application.bases import effective_policy
from services.insurance.bootstrap import Container
from services.insurance.domain import records
from shared.errors import NotFound
from shared.params import Year
from shared.wiring import container_of

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance records"])
ContainerDep = Annotated[Container, Depends(container_of)]
Format = Annotated[Literal["json", "html"], Query()]


@router.get("/accounts/{employer_id}/summary/{year}")
async def unit_summary(employer_id: str, year: Year, c: ContainerDep, format: Format = "json"):
    account = await c.accounts.get(employer_id)
    if account is None:
        raise NotFound(f"no contribution account for employer {employer_id}")
    months = records.unit_summary(await c.statements.of_employer(employer_id), year)
    body = {"employer_id": employer_id, "name": account.name, "year": year,
            "months": [_plain(m) for m in months],
            "totals": {k: str(sum((getattr(m, k) for m in months), Decimal("0.00")))
                       for k in ("due", "paid", "arrears")}}
    if format == "html":
        return HTMLResponse(_page(f"{account.name} {year} 年度社会保险费缴纳情况",
                                  ["月份", "人数", "应缴", "实缴", "欠缴"],
                                  [[m.period, m.headcount, m.due, m.paid, m.arrears] for m in months], body["totals"]))
    return body


@router.get("/accounts/{employer_id}/members/{resident_id}/statement/{year}")
async def person_statement(employer_id: str, resident_id: str, year: Year, c: ContainerDep, format: Format = "json"):
    member, account = await c.members.get(resident_id), await c.accounts.get(employer_id)
    if member is None or account is None or member.employer_id != employer_id:
        raise NotFound(f"{resident_id} is not insured with employer {employer_id}")
    policy = await effective_policy(c.bases, c.policy)
    bases = {y: b for y in (year - 1, year) if (b := await c.bases.base_of(y, resident_id)) is not None}
    floors = {y: policy.bounds_for(y).floor for y in (year - 1, year)}
    statements = {s.period: s for s in await c.statements.of_employer(employer_id)}
    months = records.person_statement(member, year, bases, floors, statements, await c.rates.all(),
                                      account.industry_class)
    credit = records.pension_account_credit(months)
    body = {"resident_id": resident_id, "name": member.name, "employer_id": employer_id, "year": year,
            "months": [_plain(m) for m in months], "pension_individual_account_credit": str(credit)}
    if format == "html":
        return HTMLResponse(_page(f"{member.name} {year} 年度个人缴费信息对账单",
                                  ["月份", "缴费基数", "单位缴纳", "个人缴纳", "养老个人账户", "到账"],
                                  [[m.period, m.base, m.employer, m.individual, m.pension_individual,
                                    "是" if m.paid else "否"] for m in months],
                                  {"养老个人账户记入": str(credit)}))
    return body


def _page(title: str, headers: list[str], rows: list[list], totals: dict) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    foot = "".join(f"<p>{escape(str(k))}: {escape(str(v))}</p>" for k, v in totals.items())
    return (f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>table{border-collapse:collapse}td,th{border:1px solid #333;padding:2px 8px}"
            "@media print{body{font-size:10pt}}</style>"
            f"<h1>{escape(title)}</h1><table><tr>{head}</tr>{body}</table>{foot}</html>")


def _plain(row) -> dict:
    """Money as strings (never float) in JSON."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in vars(row).items()}
