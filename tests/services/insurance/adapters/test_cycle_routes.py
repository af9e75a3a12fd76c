"""A month of collection through the routes on the real FerretDB: statements → debit → payments → close."""
from datetime import date
from decimal import Decimal

import pytest

pytestmark = pytest.mark.infra

BASE = Decimal("10000.00")  # one person each: 2600.00 a month with the default rates (26 %)


async def _setup(api, *units):
    for unit, method in units:
        await api.account(unit, method)
        rid = await api.member(unit, on="2026-09-10")
        await api.container.bases.write_bases(2026, {rid: BASE})


async def test_one_pays_one_pays_short_one_fails_and_the_arrears_and_late_fees_come_out_right(api):
    await _setup(api, ("paid", "bank_debit"), ("short", "bank_debit"), ("failed", "bank_debit"),
                 ("cash", "cash_cheque"))
    made = await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    assert made.json()["statements"] == 4
    assert (await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})).status_code == 409
    api.clock.today = date(2026, 12, 3)  # the bank is debiting the first file: no file today
    third = await api.post("/cycles/2026-11/debit-file")
    assert third.status_code == 409 and third.json()["errors"][0]["rule"] == "debit-file-days"
    debit = await api.post("/cycles/2026-11/debit-file", {"on": "2026-12-01"})
    assert sorted(debit.text.splitlines()[1:]) == ["failed,2600.00", "paid,2600.00", "short,2600.00"]

    bad = await _debit(api, "paid,2600.01\n")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "line 2.amount"
    results = await _debit(api, "paid,2600.00\nshort,2450.00\nfailed,0\n")
    assert results.json()["statuses"] == {"paid": "paid", "short": "short", "failed": "failed"}
    assert results.json()["dunned"] == ["failed", "short"]  # 未到 → 催缴, before the month closes
    assert (await _debit(api, "paid,0\n")).status_code == 409, "the same bank file twice"
    cash = {"on": "2026-12-15", "batch": "r1", "payments": [{"employer_id": "cash", "amount": "2600.00"}]}
    assert (await api.post("/cycles/2026-11/payments", cash)).json()["statuses"] == {"cash": "paid"}
    late = cash | {"on": "2026-12-21", "batch": "r2"}
    assert (await api.post("/cycles/2026-11/payments", late)).status_code == 409

    assert (await api.job("month-close", {"month": "2026-11", "on": "2026-12-20"})).status_code == 409
    early = await api.job("month-close", {"month": "2026-11", "on": "2026-12-30"})  # month end is the 31st
    assert early.status_code == 409 and early.json()["errors"][0]["rule"] == "close-days"
    closed = (await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})).json()
    assert closed["arrears"] == "2750.00"  # 150.00 short + 2600.00 failed

    statement = (await api.get("/accounts/short/statements")).json()["items"][0]
    assert {ln["type"]: ln["received_amount"] for ln in statement["lines"]} == {
        "pension": "2400.00", "unemployment": "50.00", "work_injury": "0.00", "maternity": "0.00"}
    arrears = (await api.get("/accounts/failed/arrears", on="2027-01-19")).json()
    assert (arrears["contributions"], arrears["late_fees"]) == ("2600.00", "39.00")  # 0.05 % × 30 days
    assert (await api.get("/accounts/paid")).json()["arrears"] == "0.00"

    first = (await api.job("escalations", {"on": "2027-01-05"})).json()["escalated"]
    assert first == {"failed": ["dunning"], "short": ["dunning"]}
    later = (await api.job("escalations", {"on": "2027-03-20"})).json()["escalated"]
    assert later == {"failed": ["audit"], "short": ["audit"]}  # 90 days after the 20 Dec due date
    assert (await api.get("/accounts/failed")).json()["stage"] == "audit"
    batch = await api.container.runtime.db["closings"].find_one({"period": "2026-11"})
    assert sorted(batch["accounts"]) == ["cash", "failed", "paid", "short"]


async def test_steps_out_of_order_are_refused_and_nothing_is_written(api):
    await _setup(api, ("u1", "bank_debit"))
    assert (await _debit(api, "u1,1.00\n")).status_code == 409
    assert (await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})).status_code == 409
    assert (await api.job("month-statements", {"month": "2026-11", "on": "2026-11-29"})).status_code == 409
    assert await api.container.runtime.db["statements"].count_documents({}) == 0
    assert await api.container.runtime.db["cycle_steps"].count_documents({}) == 0
    for period, on in (("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")):
        await api.job("month-statements", {"month": period, "on": on})
    refused = await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})
    assert refused.status_code == 409 and "close 2026-10" in refused.json()["detail"]
    assert await api.container.runtime.db["closes"].count_documents({}) == 0


async def test_two_fully_unpaid_months_switch_to_active_declaration_until_the_unit_declares(api):
    await _setup(api, ("late", "bank_debit"), ("fine", "bank_debit"))
    for period, on in (("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")):
        await api.job("month-statements", {"month": period, "on": on})
    await api.job("month-close", {"month": "2026-10", "on": "2026-11-30"})
    closed = await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})
    switched = closed.json()["switched_to_declaration"]
    assert sorted(switched) == ["fine", "late"]
    await _pay_everything(api, "fine")
    assert (await api.get("/accounts/late")).json()["mode"] == "active_declaration"
    assert (await api.job("month-statements", {"month": "2027-01", "on": "2027-01-28"})).json()["statements"] == 1
    assert (await api.post("/accounts/late/declarations/2027-02")).status_code == 204
    assert (await api.job("month-statements", {"month": "2027-02", "on": "2027-02-27"})).json()["statements"] == 2


async def test_a_repayment_must_be_exact_and_a_failed_one_is_cancelled(api):
    await _setup(api, ("u1", "bank_debit"))
    await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})
    form = {"periods": ["2026-11"], "amount": "2600.00", "paid_on": "2027-01-19", "channel": "cheque"}
    wrong = await api.post("/accounts/u1/repayments", form)
    assert wrong.status_code == 422 and "2639.00" in wrong.json()["detail"]
    filed = (await api.post("/accounts/u1/repayments", form | {"amount": "2639.00"})).json()
    bounced = await api.post(f"/accounts/u1/repayments/{filed['id']}/result", {"arrived": False})
    assert bounced.json()["status"] == "cancelled"
    assert (await api.get("/accounts/u1")).json()["arrears"] == "2600.00"
    again = await api.post(f"/accounts/u1/repayments/{filed['id']}/result", {"arrived": True})
    assert again.status_code == 409, "a cancelled record must be filed again"
    refiled = (await api.post("/accounts/u1/repayments", form | {"amount": "2639.00"})).json()
    assert (await api.post(f"/accounts/u1/repayments/{refiled['id']}/result", {"arrived": True})).status_code == 200
    assert (await api.get("/accounts/u1")).json()["arrears"] == "0.00"
    assert (await api.get("/accounts/u1/statements")).json()["items"][0]["status"] == "settled"


async def _pay_everything(api, unit):
    for period in ("2026-10", "2026-11"):
        arrears = (await api.get(f"/accounts/{unit}/arrears", on="2027-01-10")).json()
        month = next(m for m in arrears["months"] if m["period"] == period)
        amount = Decimal(month["outstanding"]) + Decimal(month["late_fee"])
        filed = (await api.post(f"/accounts/{unit}/repayments", {"periods": [period], "amount": str(amount),
                                                                 "paid_on": "2027-01-10", "channel": "cash"})).json()
        await api.post(f"/accounts/{unit}/repayments/{filed['id']}/result", {"arrived": True})
    assert (await api.get(f"/accounts/{unit}")).json()["mode"] == "auto"


async def _debit(api, rows: str, on: date = date(2026, 12, 4)):
    """The bank's CSV, imported today (in Beijing): the clock says which day that is."""
    api.clock.today = on
    return await api.post("/cycles/2026-11/debit-results", content=f"employer_id,amount\n{rows}".encode(),
                          headers={"content-type": "text/csv"})


async def test_the_unit_summary_and_the_persons_yearly_statement_show_what_was_paid(api):
    await _setup(api, ("u1", "bank_debit"))
    rid = (await api.get("/accounts/u1/members")).json()["items"][0]["resident_id"]
    for period, on in (("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")):
        await api.job("month-statements", {"month": period, "on": on})
    await _debit(api, "u1,2600.00\n")  # November paid, October never
    summary = (await api.get("/accounts/u1/summary/2026")).json()
    assert [(m["period"], m["paid"], m["arrears"]) for m in summary["months"]] == [
        ("2026-10", "0.00", "2600.00"), ("2026-11", "2600.00", "0.00")]
    assert summary["totals"] == {"payable": "5200.00", "paid": "2600.00", "arrears": "2600.00"}
    mine = (await api.get(f"/accounts/u1/members/{rid}/statement/2026")).json()
    assert [(m["period"], m["individual"], m["arrived"]) for m in mine["months"]] == [
        ("2026-10", "850.00", False), ("2026-11", "850.00", True)]  # 8 % + 0.5 % of 10 000.00
    assert mine["pension_individual_account_credit"] == "800.00"
    page = await api.client.get(f"/api/v1/insurance/accounts/u1/members/{rid}/statement/2026",
                                params={"format": "html"})
    assert page.headers["content-type"].startswith("text/html") and "对账单" in page.text and "800.00" in page.text
