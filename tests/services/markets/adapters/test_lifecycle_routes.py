"""Lifecycle routes against the real FerretDB: each transition an endpoint with its date."""
import pytest

from tests.services.markets.adapters.conftest import DISTRICT_APPROVAL, OFFICER

pytestmark = pytest.mark.infra

PLAN = {"name": "新建小区配套菜市场", "district_code": "110105", "kind": "standardised_market", "lon": 116.47,
        "lat": 39.92, "areas": {"business": "1200", "vegetable": "700"}, "owner": "某开发公司",
        "permit_on": "2026-01-05"}


async def test_a_market_walks_from_planning_permit_to_opening(api):
    created = await api.post("", PLAN)
    assert created.status_code == 201, created.text
    mid = created.json()["id"]
    steps = [("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
             ("/regulator-notification", {"on": "2026-03-15"}),
             ("/purchase-agreement", {"on": "2026-03-20", "presale_permit_on": "2026-04-01"}),
             ("/ownership-transfer", {"on": "2026-05-30"}),  # 71 days after signing: late
             ("/operator-tender", {"on": "2026-06-15", "operator": "首农菜篮子公司"}),
             ("/operator-filing", {"on": "2026-07-01", "licence_on": "2026-06-25"}), ("/opening", {"on": "2026-08-01"})]
    for path, body in steps:
        response = await api.post(f"/{mid}{path}", body)
        assert response.status_code == 200, (path, response.text)
    market = (await api.get(f"/{mid}")).json()
    assert market["status"] == "operating" and market["milestones"]["opened"] == "2026-08-01"
    assert [(c["kind"], c["fine_range"]) for c in market["cases"]] == [
        ("late_ownership_transfer", {"low": "30000.00", "high": "100000.00"})]


async def test_planning_below_half_vegetable_area_is_refused_naming_the_field_and_rule(api):
    response = await api.post("", PLAN | {"areas": {"business": "1200", "vegetable": "599.99"}})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {(e["field"], e["rule"]) for e in response.json()["errors"]} == {
        ("areas.vegetable", "vegetable-area-at-least-half")}
    assert (await api.container.markets.all()) == []


async def test_a_step_out_of_order_is_a_409_and_changes_nothing(api):
    mid = (await api.post("", PLAN)).json()["id"]
    response = await api.post(f"/{mid}/opening", {"on": "2026-02-01"})
    assert response.status_code == 409
    (error,) = response.json()["errors"]
    assert (error["rule"], error["status_now"]) == ("step-needs-status", "planned") and "status_now" not in \
        response.json()
    assert error["allowed"] == ["operator_filed"]
    assert (await api.get(f"/{mid}")).json()["status"] == "planned"


async def test_closure_needs_district_approval(api):
    mid = await api.existing()
    refused = await api.post(f"/{mid}/closure", {"on": "2026-09-10"})
    assert refused.status_code == 422 and refused.json()["errors"] == [{
        "field": "approvals", "rule": "approval-required", "message": "needs the approval of district_commerce",
        "article": "第二十一条", "authority": "district_commerce"}]
    closed = await api.post(f"/{mid}/closure", {"on": "2026-09-10", "approvals": DISTRICT_APPROVAL})
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    stored = await api.container.markets.store.load(mid)
    assert [e["type"] for e in stored.outbox] in ([], ["markets.market.closed"])  # written with the closure


async def test_inspection_fine_and_refusal_by_an_officer(api):
    mid = await api.existing(vegetable="600")
    inspection = {"on": "2026-10-01", "areas": {"business": "1000", "vegetable": "450"}}
    assert (await api.post(f"/{mid}/inspections", inspection)).status_code == 403  # no officer headers
    market = (await api.post(f"/{mid}/inspections", inspection, **OFFICER)).json()
    assert [c["kind"] for c in market["cases"]] == ["reduced_vegetable_area"]
    too_high = await api.post(f"/{mid}/cases/1/fine", {"amount": "30000.01"}, **OFFICER)
    (error,) = too_high.json()["errors"]
    assert too_high.status_code == 422 and (error["field"], error["rule"], error["high"]) == (
        "amount", "fine-within-case-range", "30000.00")
    assert error["article"] == market["cases"][0]["article"] and "high" not in too_high.json()
    assert (await api.post(f"/{mid}/cases/1/refusal", {}, **OFFICER)).status_code == 200
    fined = await api.post(f"/{mid}/cases/1/fine", {"amount": "80000"}, **OFFICER)
    assert fined.json()["cases"][0]["fine"] == "80000.00" and fined.json()["cases"][0]["fined_by"] == "officer-7"


async def test_food_safety_results_are_public(api):
    mid = await api.existing()
    sample = {"sampled_on": "2026-11-19", "product": "菠菜", "passed": False, "tested_by": "场内快检室",
              "note": "农药残留超标"}
    assert (await api.post(f"/{mid}/samples", sample)).status_code == 201
    assert (await api.post(f"/{mid}/samples", sample | {"sampled_on": "2026-11-21"})).status_code == 422  # future
    public = await api.client.get(f"/api/v1/markets/{mid}/food-safety")  # no headers at all
    assert public.status_code == 200 and public.json()["samples"][0]["product"] == "菠菜"


async def test_the_deadline_watcher_lists_breaches_on_a_given_date(api):
    mid = (await api.post("", PLAN)).json()["id"]
    for path, on in (("/completion", "2026-03-01"), ("/acceptance", "2026-03-10")):
        await api.post(f"/{mid}{path}", {"on": on})
    assert (await api.get("/deadlines/breaches", on="2026-03-20")).json()["items"] == []
    breaches = (await api.get("/deadlines/breaches", on="2026-03-22")).json()["items"]
    assert [(b["market_id"], b["rule"], b["days_overdue"]) for b in breaches] == [
        (mid, "notify-regulator-within-10-days", 2)]
