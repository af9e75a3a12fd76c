"""Payroll (one run a month, itemised slips, exact money as strings) and the yearly bonus, on the real servers."""
from datetime import date
from decimal import Decimal

import pytest

from tests.services.workforce.factory import resident_id
from tests.services.workforce.payloads import hire_body, rule_of, rules_of
from tests.support.jobs import run_job, start_job

pytestmark = pytest.mark.infra


async def hire(api, born, **overrides):
    body = hire_body(**overrides)
    body["person"] |= {"resident_id": resident_id(born)}
    response = await api.post("/workers", json=body)
    assert response.status_code == 201, response.text
    return response.json()["id"]


async def test_a_months_payroll_is_itemised_exact_and_runs_once(api, known):
    head = await hire(api, date(1980, 1, 1), kind="elected", posts=["committee_deputy_director", "station_head"],
                      certificates=[{"kind": "social_worker", "number": "S-1", "registered_on": "2021-05-31"}])
    staff = await hire(api, date(1990, 1, 1), start_date="2021-01-01", closing_date="2020-12-01")
    await api.post(f"/workers/{staff}/assessments", json={"year": 2021, "grade": "excellent", "task_completion": 99,
                                                           "satisfaction": 97, "notified_on": "2022-01-10"})
    response = await run_job(api, "", "payroll", {"month": "2022-05"})
    assert response.status_code == 200, response.text
    run = response.json()
    slips = {s["worker_id"]: s for s in run["slips"]}
    # cross-appointed deputy director + station head: head pay once; 2 years' service but no passing grade.
    assert slips[head]["tier"] == "head"
    assert {i["code"]: i["amount"] for i in slips[head]["items"]} == {
        "base": "720.00", "tenure_allowance": "960.00", "professional_allowance": "80.00"}
    assert slips[staff]["total"] == "1380.00"  # 590 + (740 + 50)
    assert run["headcount"] == 2 and run["total"] == str(Decimal("1760.00") + Decimal("1380.00"))
    second = await run_job(api, "", "payroll", {"month": "2022-05"})
    assert second.status_code == 409 and rule_of(second) == "one-payroll-run"
    assert (await api.get("/payroll/2022-05")).json() == run


async def test_a_badly_written_period_is_refused(api):
    response = await start_job(api, "", "payroll", {"month": "2022-5"})
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["month"]
    assert (await api.get("/payroll/2022-5")).status_code == 422


async def test_a_months_payroll_read_takes_a_month_of_the_platform_s_years(api):
    for bad in ("9999-12", "0000-01", "2026-13"):
        response = await api.get(f"/payroll/{bad}")
        assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json", bad
    assert (await api.get("/payroll/2026-11")).status_code == 404


async def test_the_bonus_pool_is_3600_per_head_and_the_shares_sum_to_it(api, known):
    ids = [await hire(api, date(1985 + i, 1, 1)) for i in range(3)]
    for worker_id, grade in zip(ids, ("excellent", "pass", "basic_pass")):
        await api.post(f"/workers/{worker_id}/assessments", json={
            "year": 2021, "grade": grade, "task_completion": 90, "satisfaction": 90, "notified_on": "2022-01-05"})
    response = await api.post("/bonus/2021", json={"employer_id": "street-1"})
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["pool"] == "10800.00" and run["headcount"] == 3
    assert sum(Decimal(s["amount"]) for s in run["allocations"]) == Decimal("10800.00")
    assert all(s["amount"].count(".") == 1 and len(s["amount"].split(".")[1]) == 2 for s in run["allocations"])
    again = await api.post("/bonus/2021", json={"employer_id": "street-1"})
    assert again.status_code == 409 and rule_of(again) == "one-bonus-run"
    assert (await api.get("/bonus/2021", params={"employer_id": "street-1"})).json() == run
    unknown = await api.post("/bonus/2021", json={"employer_id": "street-9"})
    assert unknown.status_code == 422 and rules_of(unknown) == {("employer_id", "unknown-employer")}


async def test_the_payroll_shows_the_one_child_fee_and_the_housing_fund(api, known):
    """第五条(一)4: 独生子女费 (default 5 yuan a month while the child is under 18) among the pay items; 住房公积金
    (default 12 % + 12 % of the month's wage) beside them, the personal share withheld from the net."""
    worker = await hire(api, date(1988, 1, 1), start_date="2021-01-01", closing_date="2020-12-01")
    certificate = {"number": "OC-0001", "issued_on": "2022-04-10", "child_birth_date": "2015-08-01"}
    recorded = await api.put(f"/workers/{worker}/one-child-certificate", json=certificate)
    assert recorded.status_code == 200, recorded.text
    bad = await api.put(f"/workers/{worker}/one-child-certificate", json=certificate | {"issued_on": "2015-07-01"})
    assert bad.status_code == 422 and rules_of(bad) == {("child_birth_date", "child-born-before-issue")}
    run = (await run_job(api, "", "payroll", {"month": "2022-05"})).json()
    [slip] = [s for s in run["slips"] if s["worker_id"] == worker]
    assert {i["code"]: i["amount"] for i in slip["items"]} == {
        "base": "590.00", "tenure_allowance": "740.00", "professional_allowance": "0.00", "one_child_fee": "5.00"}
    assert {c["code"]: c["amount"] for c in slip["housing_fund"]} == {
        "housing_fund_unit": "159.60", "housing_fund_personal": "159.60"}
    assert (slip["total"], slip["net"]) == ("1335.00", "1175.40")
    assert (await api.get("/payroll/2022-05")).json() == run
