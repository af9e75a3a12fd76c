"""docs/api.md in insurance, through the routes on the real FerretDB: every listing a page with indexed filters,
the reads a portal needs (an account's bases, a month's statements), business dates in the body, money with two
decimals, months bounded, and every refusal naming its rule."""
from datetime import date
from decimal import Decimal

import pytest

from services.insurance.domain.account import AccountStatus
from tests.services.insurance.adapters.test_cycle_routes import _setup

pytestmark = pytest.mark.infra

BASE = Decimal("10000.00")


def _page(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"items", "page", "size", "total_count"}, body
    return body


async def test_accounts_are_paged_and_filtered_by_payment_method_status_and_district(api):
    for unit, method in (("a1", "bank_debit"), ("a2", "cash_cheque"), ("a3", "cash_cheque"), ("a4", "cash_cheque")):
        await api.account(unit, method)
    gone = await api.container.accounts.get("a4")
    await api.container.runtime.db["accounts"].update_one({"_id": gone.employer_id},
                                                          {"$set": {"status": AccountStatus.DEREGISTERED.value}})

    cash = _page(await api.get("/accounts", payment_method="cash_cheque", status="open", size=1))
    assert (cash["total_count"], cash["page"], cash["size"]) == (2, 1, 1)
    assert [a["employer_id"] for a in cash["items"]] == ["a2"]
    second = _page(await api.get("/accounts", payment_method="cash_cheque", status="open", size=1, page=2))
    assert [a["employer_id"] for a in second["items"]] == ["a3"]
    assert _page(await api.get("/accounts", district_code="110108"))["total_count"] == 4
    assert _page(await api.get("/accounts", district_code="110101"))["total_count"] == 0

    bad = await api.get("/accounts", payment_method="barter")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "payment_method"
    assert (await api.get("/accounts", size=201)).status_code == 422
    indexes = await api.container.runtime.db["accounts"].index_information()
    assert {"payment_method", "status", "district_code"} <= set(indexes)


async def test_a_months_statements_are_paged_by_payment_method_and_status(api):
    await _setup(api, ("s1", "bank_debit"), ("s2", "cash_cheque"), ("s3", "cash_cheque"))
    assert (await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})).status_code == 200
    stranger = {"on": "2026-12-15", "batch": "r0", "payments": [{"employer_id": "nobody", "amount": 1}]}
    refused = await api.post("/cycles/2026-11/payments", stranger)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "payments.0.employer_id"
    paid = {"on": "2026-12-15", "batch": "r1", "payments": [{"employer_id": "s2", "amount": 2600}]}
    assert (await api.post("/cycles/2026-11/payments", paid)).json()["statuses"] == {"s2": "paid"}

    everyone = _page(await api.get("/cycles/2026-11/statements"))
    assert [s["employer_id"] for s in everyone["items"]] == ["s1", "s2", "s3"]
    cash = _page(await api.get("/cycles/2026-11/statements", payment_method="cash_cheque"))
    assert [(s["employer_id"], s["status"]) for s in cash["items"]] == [("s2", "paid"), ("s3", "issued")]
    to_pay = _page(await api.get("/cycles/2026-11/statements", payment_method="cash_cheque", status="issued"))
    assert (to_pay["total_count"], [s["employer_id"] for s in to_pay["items"]]) == (1, ["s3"])
    one = _page(await api.get("/cycles/2026-11/statements", size=2, page=2))
    assert (one["total_count"], [s["employer_id"] for s in one["items"]]) == (3, ["s3"])
    assert one["items"][0]["received_amount"] == "0.00" and one["items"][0]["total"] == "2600.00"
    assert _page(await api.get("/cycles/2026-10/statements"))["total_count"] == 0


async def test_an_accounts_statements_members_fines_and_back_payments_are_pages(api):
    await _setup(api, ("p1", "bank_debit"))
    for period, on in (("2026-10", "2026-10-28"), ("2026-11", "2026-11-28")):
        await api.job("month-statements", {"month": period, "on": on})
    first = _page(await api.get("/accounts/p1/statements", size=1))
    second = _page(await api.get("/accounts/p1/statements", size=1, page=2))
    assert first["total_count"] == 2 and [first["items"][0]["period"], second["items"][0]["period"]] == [
        "2026-10", "2026-11"]
    assert _page(await api.get("/accounts/p1/members"))["total_count"] == 1
    assert _page(await api.get("/accounts/p1/fines", status="imposed"))["items"] == []
    assert _page(await api.get("/accounts/p1/back-payments", status="filed"))["items"] == []
    rates = _page(await api.get("/rates"))
    assert rates["total_count"] == 1 and rates["items"][0]["effective_from"] == "2000-01-01"

    for path in ("/accounts/nobody/statements", "/accounts/nobody/members", "/accounts/nobody/fines",
                 "/accounts/nobody/back-payments", "/accounts/nobody/bases/2026", "/accounts/nobody/arrears"):
        missing = await api.get(path)
        assert missing.status_code == 404, path
        assert missing.json()["errors"][0] == {"field": "employer_id", "rule": "unknown-account",
                                               "message": missing.json()["detail"]}, path


async def test_the_generated_bases_of_an_account_are_read_with_corrections_and_money_has_two_decimals(api):
    unit = await api.account("b1")
    corrected, kept = [await api.member(unit, on="2026-03-10") for _ in range(2)]
    newcomer = await api.member(unit, on="2026-04-10")
    api.clock.today = date(2026, 4, 1)
    assert (await api.job("wage-bases", {"year": 2026, "on": "2026-04-01"})).json()["bases"] == 2
    fixed = await api.client.put(f"/api/v1/insurance/accounts/{unit}/bases/2026/{corrected}",
                                 json={"wage": 9000})  # `on` left out: today in Beijing (1 April)
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["wage"], fixed.json()["base"]) == ("9000.00", "9000.00")

    bases = _page(await api.get(f"/accounts/{unit}/bases/2026"))
    found = {b["resident_id"]: (b["base"], b["corrected"]) for b in bases["items"]}
    assert found[corrected] == ("9000.00", True)
    assert found[kept][1] is False and Decimal(found[kept][0]) > 0 and found[kept][0].count(".") == 1
    assert found[newcomer] == (None, False)  # joined after the generation: charged the floor
    assert bases["total_count"] == 3 and len(_page(await api.get(f"/accounts/{unit}/bases/2026", size=2))["items"]) == 2


async def test_debit_results_and_declarations_take_their_date_in_the_body_or_today_in_beijing(api):
    await _setup(api, ("d1", "bank_debit"), ("d2", "bank_debit"))
    await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    early = await api.post("/cycles/2026-11/debit-results", {"on": "2026-11-30", "rows": []})
    assert early.status_code == 409 and early.json()["errors"][0]["rule"] == "debit-results-days"
    assert early.json()["errors"][0]["last_day"] == "2026-12-20" and "第九条" in early.json()["errors"][0]["article"]
    bad = await api.post("/cycles/2026-11/debit-results", {"on": "2026-12-04", "rows": [{"employer_id": "d1",
                                                                                         "amount": "1.234"}]})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "rows.0.amount"
    body = {"on": "2026-12-04", "batch": "first", "rows": [{"employer_id": "d1", "amount": 2600},
                                                           {"employer_id": "d2", "amount": "0"}]}
    applied = await api.post("/cycles/2026-11/debit-results", body)
    assert applied.status_code == 200, applied.text
    assert applied.json()["statuses"] == {"d1": "paid", "d2": "failed"}
    overpaid = await api.post("/cycles/2026-11/debit-results", body | {"batch": "second"})
    assert overpaid.status_code == 422  # d1 has paid: a JSON row is named by its place in the body
    assert [(e["field"], e["rule"]) for e in overpaid.json()["errors"]] == [("rows.0.amount", "overpaid")]
    again = await api.post("/cycles/2026-11/debit-results", body | {"rows": [{"employer_id": "d2", "amount": 0}]})
    assert again.status_code == 409 and again.json()["errors"][0]["rule"] == "step-once"
    api.clock.today = date(2026, 12, 21)  # a CSV is imported today: after the 20th it is refused
    late = await api.post("/cycles/2026-11/debit-results", content=b"employer_id,amount\nd2,2600.00\n",
                          params={"batch": "second"}, headers={"content-type": "text/csv"})
    assert late.status_code == 409 and late.json()["errors"][0]["field"] == "on"

    member = (await api.get("/accounts/d1/members")).json()["items"][0]["resident_id"]
    api.clock.today = date(2026, 4, 1)
    after = await api.post("/accounts/d1/bases/2026", {"rows": [{"resident_id": member, "wage": 9000}]})
    assert after.status_code == 409 and after.json()["errors"][0]["rule"] == "declaration-days"
    on_time = await api.post("/accounts/d1/bases/2026", {"on": "2026-03-31",
                                                         "rows": [{"resident_id": member, "wage": 9000}]})
    assert on_time.json() == {"accepted": 1, "errors": []}
    assert (await api.post("/accounts/d1/bases/2026", {"on": "31 March", "rows": []})).status_code == 422


@pytest.mark.parametrize("path", [
    "/cycles/{m}/statements", "/cycles/{m}/debit-file", "/cycles/{m}/payments", "/cycles/{m}/debit-results",
    "/accounts/u1/declarations/{m}"])
@pytest.mark.parametrize("month", ["9999-12", "0000-01", "2026-13", "1999-12"])
async def test_a_month_outside_the_platforms_years_is_a_422_naming_the_parameter(api, path, month):
    url = path.format(m=month)
    response = await (api.get(url) if url.endswith("/cycles/" + month + "/statements") else
                      api.post(url, {"on": "2026-12-04", "batch": "b", "payments": [], "rows": []}))
    assert response.status_code == 422, (url, response.text)
    assert response.json()["errors"][0]["field"] == "period"


async def test_refusals_name_their_rule_and_facts_inside_the_error_entry(api):
    await _setup(api, ("r1", "bank_debit"))
    await api.job("month-statements", {"month": "2026-11", "on": "2026-11-28"})
    await api.job("month-close", {"month": "2026-11", "on": "2026-12-31"})
    form = {"periods": ["2026-11"], "amount": "2639.00", "paid_on": "2027-01-19", "channel": "cheque"}
    filed = (await api.post("/accounts/r1/repayments", form)).json()
    assert (await api.post(f"/accounts/r1/repayments/{filed['id']}/result", {"arrived": False})).status_code == 200
    twice = await api.post(f"/accounts/r1/repayments/{filed['id']}/result", {"arrived": True})
    assert twice.status_code == 409
    assert twice.json()["errors"][0]["rule"] == "concluded-once" and twice.json()["errors"][0]["status"] == "cancelled"
    assert "第十一条" in twice.json()["errors"][0]["article"] and twice.json()["status"] == 409  # HTTP status
    unknown = await api.post("/accounts/r1/repayments/nope/result", {"arrived": True})
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["rule"] == "unknown-repayment"
    nobody = await api.post("/accounts/nobody/repayments", form)
    assert nobody.status_code == 404 and nobody.json()["errors"][0]["rule"] == "unknown-account"
    too_long = await api.get("/accounts/" + "x" * 65)
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "employer_id"


async def test_a_fine_and_its_payment_left_undated_are_dated_today_in_beijing(api):
    unit = await api.account("t1")
    officer = {"X-Civic-Role": "insurance-officer"}
    fine = {"offence": "declaration", "severity": "serious", "amount": "1000.00", "reason": "wage bases not declared"}
    made = await api.post(f"/accounts/{unit}/fines", fine, headers=officer)
    assert made.status_code == 201 and made.json()["imposed_on"] == "2026-11-10", made.text  # the injected Today
    api.clock.today = date(2026, 11, 12)
    paid = await api.post(f"/accounts/{unit}/fines/{made.json()['id']}/payment", {"amount": 1000})
    assert (paid.json()["paid_on"], paid.json()["amount"]) == ("2026-11-12", "1000.00")
    listed = _page(await api.get(f"/accounts/{unit}/fines", status="paid"))
    assert [f["id"] for f in listed["items"]] == [made.json()["id"]]
