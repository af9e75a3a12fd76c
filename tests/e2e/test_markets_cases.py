"""Compliance cases through the gateway with real tokens (issue 23, item 1): the commerce officer opens a case for
an unapproved closure, a lawful (approved) one is refused naming the rule and the article, and the overdue-case job
opens the developer's case for a transfer never made, in the trace of the request that started it."""
import pytest

from shared.tracefile import read_spans
from tests.e2e.flows import spans_once
from tests.e2e.tokens import sign_in
from tests.support.jobs import poll_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/markets"
MARKET = {"name": "和平里菜市场", "district_code": "110101", "kind": "standardised_market", "lon": 116.41,
          "lat": 39.95, "areas": {"business": "1000", "vegetable": "600"}, "owner": "市菜市场网点管理机构",
          "operator": "首农菜篮子公司", "opened_on": "2020-01-01"}
PLAN = {"name": "新建小区配套菜市场", "district_code": "110105", "kind": "standardised_market", "lon": 116.47,
        "lat": 39.92, "areas": {"business": "1200", "vegetable": "700"}, "owner": "某开发公司",
        "permit_on": "2026-01-05"}


async def test_an_unapproved_closure_is_a_case_an_approved_one_is_not(secured_stack, officer_client):
    c = officer_client
    mid = (await c.post(f"{API}/import", json=[MARKET])).json()["ids"][0]
    approval = [{"authority": "district_commerce", "reference": "东商审〔2026〕8号", "approved_on": "2026-09-01"}]
    lawful = await c.post(f"{API}/{mid}/cases", json={"kind": "unapproved_closure", "act_on": "2026-09-01",
                                                      "approvals": approval})
    assert lawful.status_code == 422 and lawful.headers["content-type"].startswith("application/problem+json")
    assert [(e["rule"], e["article"]) for e in lawful.json()["errors"]] == [("approved-act-is-lawful", "第二十一条")]
    opened = await c.post(f"{API}/{mid}/cases", json={"kind": "unapproved_closure", "act_on": "2026-09-01"})
    assert opened.status_code == 201, opened.text
    assert (opened.json()["article"], opened.json()["fine_range"]) == (
        "第三十四条(二)", {"low": "10000.00", "high": "30000.00"})
    listed = (await c.get(f"{API}/cases", params={"status": "open"})).json()
    assert [(row["market_id"], row["kind"]) for row in listed["items"]] == [(mid, "unapproved_closure")]
    fined = await c.post(f"{API}/{mid}/cases/1/fine", json={"amount": "20000"})
    assert fined.status_code == 200 and fined.json()["cases"][0]["fined_by"] == "commerce", fined.text


async def test_the_overdue_job_opens_the_developers_case_in_the_trace_of_its_post(secured_stack, officer_client):
    c = officer_client
    commerce = {"Authorization": f"Bearer {await sign_in(c, 'commerce')}"}  # the collection root: DemoTokens
    planned = await c.post(API, json=PLAN, headers=commerce)  # signs only paths below a service's prefix
    assert planned.status_code == 201, planned.text
    mid = planned.json()["id"]
    for path, body in (("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
                       ("/regulator-notification", {"on": "2026-03-15"}),
                       ("/purchase-agreement", {"on": "2026-03-20"})):
        assert (await c.post(f"{API}/{mid}{path}", json=body)).status_code == 200
    started = await c.post(f"{API}/jobs/overdue-cases", json={"on": "2026-05-20"})  # day 61 after signing
    assert started.status_code == 202, started.text
    job = await poll_job(c, started.headers["location"])
    assert job["status"] == "succeeded", job
    assert job["result"]["opened"] == [{"market_id": mid, "case_number": 1, "kind": "late_ownership_transfer",
                                        "due_on": "2026-05-19"}]
    case = (await c.get(f"{API}/{mid}/cases/1")).json()
    assert (case["party"], case["fine_range"]) == ("某开发公司", {"low": "30000.00", "high": "100000.00"})

    def the_jobs_span():
        return next((s for s in read_spans(secured_stack.var_dir / "traces") if s["name"] == "job overdue-cases"
                     and s["attributes"].get("civic.job.id") == job["job_id"]), None)

    job_span = await until(the_jobs_span, timeout=30, what="the job's span")
    spans = await until(lambda: spans_once(secured_stack, job_span["trace_id"], ("markets", "POST /api/v1/markets/jobs/overdue-cases")),
                        timeout=30, what="the request's spans")
    trace = {s["span_id"]: s for s in spans}
    assert job_span["service"] == "markets" and job_span["parent_id"] in trace, "it continues the request's span"
    servers = {(s["service"], s["name"]) for s in trace.values() if s["kind"] == "SERVER"}
    assert ("markets", "POST /api/v1/markets/jobs/overdue-cases") in servers, servers
    assert any(service == "gateway" and name.startswith("POST ") for service, name in servers), servers
