"""Compliance cases through the routes, against the real FerretDB: a case for an unapproved change (or a refusal
naming the rule and the article when the act was lawful), the fine inside the case's range, the city-wide and
per-market pages, and the overdue-case job opening a case once per deadline passed."""
from datetime import date

import pytest

from tests.services.markets.adapters.conftest import DISTRICT_APPROVAL, OFFICER
from tests.services.markets.adapters.test_lifecycle_routes import PLAN
from tests.support.jobs import run_job

pytestmark = pytest.mark.infra
PLAN_APPROVALS = [{"authority": "district_government", "reference": "东政函〔2026〕3号", "approved_on": "2026-09-01"},
                  {"authority": "city_commerce", "reference": "京商函〔2026〕5号", "approved_on": "2026-09-01"}]


def problem(response) -> list[tuple]:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return [(e.get("field"), e["rule"], e.get("article")) for e in response.json()["errors"]]


async def test_an_unapproved_closure_opens_a_case_the_officer_fines_within_its_range(api):
    mid = await api.existing()
    finding = {"kind": "unapproved_closure", "act_on": "2026-09-01", "on": "2026-09-10"}
    assert (await api.post(f"/{mid}/cases", finding)).status_code == 403  # no officer
    opened = await api.post(f"/{mid}/cases", finding, **OFFICER)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert opened.headers["location"] == f"/api/v1/markets/{mid}/cases/1"
    assert (case["market_id"], case["case_number"], case["kind"], case["article"], case["rule"]) == (
        mid, 1, "unapproved_closure", "第三十四条(二)", "approval-required")
    assert (case["fine_range"], case["act_on"], case["opened_on"], case["party"], case["status"]) == (
        {"low": "10000.00", "high": "30000.00"}, "2026-09-01", "2026-09-10", "首农菜篮子公司", "open")
    again = await api.post(f"/{mid}/cases", finding, **OFFICER)
    assert again.status_code == 409 and problem(again) == [("kind", "one-case-per-act", None)]
    too_high = await api.post(f"/{mid}/cases/1/fine", {"amount": "30000.01"}, **OFFICER)
    assert too_high.status_code == 422 and problem(too_high) == [("amount", "fine-within-case-range", "第三十四条(二)")]
    fined = await api.post(f"/{mid}/cases/1/fine", {"amount": "30000"}, **OFFICER)
    assert fined.status_code == 200 and fined.json()["cases"][0]["status"] == "fined"
    assert (await api.get(f"/{mid}")).json()["status"] == "operating"  # the register keeps the lawful status


async def test_with_the_district_approval_the_act_is_lawful_and_no_case_opens(api):
    mid = await api.existing()
    finding = {"kind": "unapproved_sublet", "act_on": "2026-09-01", "approvals": DISTRICT_APPROVAL}
    refused = await api.post(f"/{mid}/cases", finding, **OFFICER)
    assert refused.status_code == 422 and problem(refused) == [("approvals", "approved-act-is-lawful", "第二十一条")]
    closed = await api.post(f"/{mid}/closure", {"on": "2026-09-01", "approvals": DISTRICT_APPROVAL})
    assert closed.status_code == 200
    recorded = await api.post(f"/{mid}/cases", {"kind": "unapproved_closure", "act_on": "2026-09-01"}, **OFFICER)
    assert recorded.status_code == 409 and problem(recorded) == [("status", "approved-act-is-lawful", "第二十一条")]
    assert (await api.get(f"/{mid}")).json()["cases"] == []


async def test_a_relocation_before_the_replacement_is_built_is_a_30000_to_100000_case(api):
    mid = await api.existing()
    replacement = (await api.post("", PLAN | {"lon": 116.4105, "lat": 39.9505, "name": "补建菜市场"})).json()["id"]
    finding = {"kind": "unapproved_relocation", "act_on": "2026-09-01", "approvals": PLAN_APPROVALS,
               "replacement_market_id": replacement, "party": "某拆迁公司"}
    opened = await api.post(f"/{mid}/cases", finding, **OFFICER)
    assert opened.status_code == 201, opened.text
    case = opened.json()
    assert (case["article"], case["fine_range"], case["rule"], case["party"], case["approved_by"]) == (
        "第三十五条", {"low": "30000.00", "high": "100000.00"}, "replacement-built-first", "某拆迁公司",
        ["district_government", "city_commerce"])
    unknown = await api.post(f"/{mid}/cases", finding | {"replacement_market_id": "nowhere"}, **OFFICER)
    assert unknown.status_code == 422 and problem(unknown) == [("replacement_market_id", "unknown-market", None)]
    future = await api.post(f"/{mid}/cases", finding | {"on": "2026-11-21"}, **OFFICER)
    assert future.status_code == 422 and problem(future)[0][:2] == ("on", "date-in-future")
    missing = await api.post("/nowhere/cases", finding, **OFFICER)
    assert missing.status_code == 404 and problem(missing) == [("market_id", "unknown-market", None)]


async def test_the_cases_are_pages_city_wide_and_per_market(api):
    first, second = await api.existing(), await api.existing(name="安贞菜市场", lon=116.4200)
    for mid, kind in ((first, "unapproved_closure"), (first, "unapproved_suspension"),
                      (second, "unapproved_merger")):
        response = await api.post(f"/{mid}/cases", {"kind": kind, "act_on": "2026-09-01"}, **OFFICER)
        assert response.status_code == 201, response.text
    await api.post(f"/{first}/cases/1/fine", {"amount": "10000"}, **OFFICER)
    everything = (await api.get("/cases")).json()
    assert everything["total_count"] == 3 and [(c["market_id"], c["case_number"]) for c in everything["items"]] == \
        sorted([(first, 1), (first, 2), (second, 1)])
    open_cases = (await api.get("/cases", status="open")).json()
    assert sorted((c["market_id"], c["kind"]) for c in open_cases["items"]) == sorted(
        [(first, "unapproved_suspension"), (second, "unapproved_merger")])
    assert (await api.get("/cases", kind="unapproved_merger")).json()["total_count"] == 1
    assert (await api.get("/cases", district_code="110108")).json()["total_count"] == 0
    paged = (await api.get("/cases", page=2, size=2)).json()
    assert (len(paged["items"]), paged["total_count"]) == (1, 3)
    mine = (await api.get(f"/{first}/cases", status="fined")).json()
    assert [c["case_number"] for c in mine["items"]] == [1]
    assert (await api.get(f"/{second}/cases/1")).json()["kind"] == "unapproved_merger"
    unknown = await api.client.get(f"/api/v1/markets/{second}/cases/9")
    assert unknown.status_code == 404 and problem(unknown) == [("case_number", "unknown-case", None)]
    assert (await api.get("/cases", kind="late_payment")).status_code == 422


async def walk(api, mid: str, steps) -> None:
    for path, body in steps:
        response = await api.post(f"/{mid}{path}", body)
        assert response.status_code == 200, (path, response.text)


async def test_the_overdue_job_opens_the_developers_case_on_day_61_once(api):
    mid = (await api.post("", PLAN)).json()["id"]
    await walk(api, mid, [("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
                          ("/regulator-notification", {"on": "2026-03-15"}),
                          ("/purchase-agreement", {"on": "2026-03-20"})])  # day 60: 2026-05-19
    day_60 = await run_job(api.client, "/api/v1/markets", "overdue-cases", {"on": "2026-05-19"}, headers=OFFICER)
    assert day_60.status_code == 200 and day_60.json() == {"on": "2026-05-19", "opened": []}, day_60.text
    day_61 = await run_job(api.client, "/api/v1/markets", "overdue-cases", {"on": "2026-05-20"}, headers=OFFICER)
    assert day_61.json()["opened"] == [{"market_id": mid, "case_number": 1, "kind": "late_ownership_transfer",
                                        "due_on": "2026-05-19"}]
    again = await run_job(api.client, "/api/v1/markets", "overdue-cases", {"on": "2026-06-01"}, headers=OFFICER)
    assert again.json()["opened"] == []
    (case,) = (await api.get(f"/{mid}/cases")).json()["items"]
    assert (case["fine_range"], case["party"], case["rule"], case["act_on"]) == (
        {"low": "30000.00", "high": "100000.00"}, "某开发公司", "transfer-ownership-within-60-days", None)
    await walk(api, mid, [("/ownership-transfer", {"on": "2026-06-10"})])
    (case,) = (await api.get(f"/{mid}/cases")).json()["items"]
    assert case["act_on"] == "2026-06-10"


async def test_the_overdue_job_sees_a_filing_that_never_comes_and_a_tender_the_district_owes(api):
    late, licensed = (await api.post("", PLAN)).json()["id"], (await api.post("", PLAN)).json()["id"]
    before = [("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
              ("/regulator-notification", {"on": "2026-03-15"}), ("/purchase-agreement", {"on": "2026-03-20"}),
              ("/ownership-transfer", {"on": "2026-04-01"})]
    await walk(api, late, before)
    await walk(api, licensed, before + [("/operator-tender", {"on": "2026-04-20", "operator": "首农菜篮子公司"}),
                                        ("/operator-licence", {"on": "2026-05-01"})])
    run = await run_job(api.client, "/api/v1/markets", "overdue-cases", {"on": "2026-06-01"}, headers=OFFICER)
    assert sorted((r["market_id"], r["kind"], r["due_on"]) for r in run.json()["opened"]) == sorted([
        (late, "late_tender", "2026-05-31"), (licensed, "late_filing", "2026-05-11")])
    tender_case = (await api.get(f"/{late}/cases/1")).json()
    assert (tender_case["fine_range"], tender_case["article"], tender_case["party"]) == (
        None, "第十三条第二款", "district_commerce")
    no_fine = await api.post(f"/{late}/cases/1/fine", {"amount": "1000"}, **OFFICER)
    assert no_fine.status_code == 409 and problem(no_fine) == [("case_number", "case-carries-a-fine", "第十三条第二款")]
    await walk(api, late, [("/operator-tender", {"on": "2026-06-05", "operator": "首农菜篮子公司"})])
    assert (await api.get(f"/{late}/cases/1")).json()["status"] == "resolved"
    filed = await api.post(f"/{licensed}/operator-filing", {"on": "2026-06-02"})
    assert filed.status_code == 200 and filed.json()["milestones"]["licence"] == "2026-05-01"
    assert [c["kind"] for c in filed.json()["cases"]] == ["late_filing"]
    mismatch = await api.post(f"/{late}/operator-filing", {"on": "2026-06-06"})
    assert mismatch.status_code == 422 and problem(mismatch) == [("licence_on", "licence-date-required", "第十四条")]


async def test_the_daily_run_opens_the_cases_as_of_beijings_today(api):
    mid = (await api.post("", PLAN)).json()["id"]
    await walk(api, mid, [("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
                          ("/regulator-notification", {"on": "2026-03-15"}),
                          ("/purchase-agreement", {"on": "2026-09-21"})])
    await api.container.open_overdue_cases_today()  # today 2026-11-20: day 60 after signing, nothing yet
    assert (await api.get(f"/{mid}/cases")).json()["total_count"] == 0
    api.container.today = lambda: date(2026, 11, 21)
    await api.container.open_overdue_cases_today()
    await api.container.open_overdue_cases_today()
    assert [c["kind"] for c in (await api.get(f"/{mid}/cases")).json()["items"]] == ["late_ownership_transfer"]
    assert api.container.overdue_watch is not None and api.container.overdue_watch.name == "overdue-cases"
