"""Records: the unit's yearly summary for its staff and each person's yearly statement, as JSON or printable HTML."""
from __future__ import annotations

from decimal import Decimal
from html import escape
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from services.insurance.adapters.cycle_schemas import (
    PersonMonthOut, PersonStatementOut, UnitMonthOut, UnitSummaryOut, UnitTotalsOut)
from services.insurance.adapters.routes.dependencies import READ_OWN, ContainerDep, EmployerId, ResidentId
from services.insurance.application import records as record_cases
from shared.access import allow
from shared.auth import Role
from shared.params import Year

router = APIRouter(prefix="/api/v1/insurance", tags=["insurance records"])
Format = Annotated[Literal["json", "html"], Query()]
HTML = {200: {"content": {"text/html": {}}, "description": "with format=html: the printable page"}}


@router.get("/accounts/{employer_id}/summary/{year}", response_model=UnitSummaryOut, responses=HTML, **READ_OWN)
async def unit_summary(employer_id: EmployerId, year: Year, c: ContainerDep, format: Format = "json"):
    summary = await record_cases.unit_summary(c.accounts, c.statements, employer_id, year)
    months = summary.months
    totals = UnitTotalsOut(payable=sum((m.due for m in months), Decimal("0.00")),
                           paid=sum((m.paid for m in months), Decimal("0.00")),
                           arrears=sum((m.arrears for m in months), Decimal("0.00")))
    body = UnitSummaryOut(employer_id=employer_id, name=summary.account.name, year=year, totals=totals,
                          months=[UnitMonthOut(period=m.period, headcount=m.headcount, payable=m.due, paid=m.paid,
                                               arrears=m.arrears) for m in months])
    if format == "html":
        return HTMLResponse(_page(f"{summary.account.name} {year} 年度社会保险费缴纳情况",
                                  ["月份", "人数", "应缴", "实缴", "欠缴"],
                                  [[m.period, m.headcount, m.due, m.paid, m.arrears] for m in months],
                                  totals.model_dump()))
    return body


@router.get("/accounts/{employer_id}/members/{resident_id}/statement/{year}", response_model=PersonStatementOut,
            responses=HTML, **allow(Role.INSURANCE_OFFICER, employer="employer_id"))  # personal data: not registry
async def person_statement(employer_id: EmployerId, resident_id: ResidentId, year: Year, c: ContainerDep,
                           format: Format = "json"):
    mine = await record_cases.person_statement(c.accounts, c.members, c.bases, c.statements, c.rates, c.policy,
                                               employer_id, resident_id, year)
    credit = str(mine.pension_credit)
    months = [PersonMonthOut(period=m.period, base=m.base, employer=m.employer, individual=m.individual,
                             pension_individual=m.pension_individual, arrived=m.paid) for m in mine.months]
    body = PersonStatementOut(resident_id=resident_id, name=mine.member.name, employer_id=employer_id, year=year,
                              months=months, pension_individual_account_credit=credit)
    if format == "html":
        return HTMLResponse(_page(f"{mine.member.name} {year} 年度个人缴费信息对账单",
                                  ["月份", "缴费基数", "单位缴纳", "个人缴纳", "养老个人账户", "到账"],
                                  [[m.period, m.base, m.employer, m.individual, m.pension_individual,
                                    "是" if m.paid else "否"] for m in mine.months],
                                  {"养老个人账户记入": credit}))
    return body


def _page(title: str, headers: list[str], rows: list[list], totals: dict) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    foot = "".join(f"<p>{escape(str(k))}: {escape(str(v))}</p>" for k, v in totals.items())
    return (f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>table{border-collapse:collapse}td,th{border:1px solid #333;padding:2px 8px}"
            "@media print{body{font-size:10pt}}</style>"
            f"<h1>{escape(title)}</h1><table><tr>{head}</tr>{body}</table>{foot}</html>")
