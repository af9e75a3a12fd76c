"""Markets' flows through the gateway with real tokens, real processes and the real broker:
- registry merges a community → `registry.community.abolished` → markets lists the merged community's residential
  area under the absorbing community (one trace: gateway → registry → markets); an outright abolition marks the area;
- a residential area no market reaches → `markets.replan.proposed` → markets itself opens a pending case on the
  district's layout plan, which the plan's next version takes in (第六条);
- a food-safety inspection recorded and listed by the duty found wanting, the sampling results read publicly."""
import secrets

import httpx
import pytest

from shared.events.markets import ReplanProposed
from shared.events.registry_places import CommunityAbolished
from shared.tracefile import build_tree
from tests.e2e.flows import spans_once
from tests.services.markets.adapters.test_station_routes import station
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY, MARKETS = "/api/v1/registry", "/api/v1/markets"


def community(name: str) -> dict:
    return {"name": name, "district_code": "110105", "street": "和平街街道", "kind": "urban", "households": 1200,
            "resident_population": 3000, "registered_population": 2800, "effective_on": "2026-01-01"}


async def created(client: httpx.AsyncClient, path: str, body: dict) -> dict:
    response = await client.post(path, json=body)
    assert response.status_code == 201, response.text
    return response.json()


async def areas_of(client: httpx.AsyncClient, **params) -> list[str] | None:
    response = await client.get(f"{MARKETS}/areas", params=params)
    assert response.status_code == 200, response.text
    return sorted(a["id"] for a in response.json()["items"]) or None


async def test_a_merged_communitys_area_moves_under_the_absorbing_one_in_one_trace(secured_stack, officer_client):
    c = officer_client
    absorbing = await created(c, f"{REGISTRY}/communities", community("和平里社区"))
    merged = await created(c, f"{REGISTRY}/communities", community("和平街北社区"))
    gone = await created(c, f"{REGISTRY}/communities", community("小黄庄社区"))
    area = await created(c, f"{REGISTRY}/residential-areas", {
        "name": "和平街十五区", "district_code": "110105", "community_id": merged["id"], "lon": 116.4200,
        "lat": 39.9600, "residents": 2500, "effective_on": "2026-02-01"})
    other = await created(c, f"{REGISTRY}/residential-areas", {
        "name": "小黄庄北街", "district_code": "110105", "community_id": gone["id"], "lon": 116.4300,
        "lat": 39.9700, "residents": 1500, "effective_on": "2026-02-01"})
    await until(lambda: areas_of(c, community_id=merged["id"]), timeout=30, interval=0.2,
                what="markets to learn the area from registry")

    trace_id = secrets.token_hex(16)
    response = await c.post(f"{REGISTRY}/communities/{absorbing['id']}/merge",
                            json={"merged": [merged["id"]], "effective_on": "2026-11-01"},
                            headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert response.status_code == 200, response.text
    moved = await until(lambda: areas_of(c, community_id=absorbing["id"]), timeout=30, interval=0.2,
                        what="the area under the absorbing community in markets")
    assert moved == [area["id"]] and await areas_of(c, community_id=merged["id"]) is None

    abolished = await c.post(f"{REGISTRY}/communities/{gone['id']}/abolish", json={"effective_on": "2026-11-02"})
    assert abolished.status_code == 200, abolished.text
    marked = await until(lambda: areas_of(c, abolished_community_id=gone["id"]), timeout=30, interval=0.2,
                         what="the abolished community's area marked in markets")
    assert marked == [other["id"]]
    refused = await c.post(f"{MARKETS}/stations", json=station(116.43, 39.97) | {"community_id": gone["id"]})
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "community-abolished"

    wanted = (("registry", f"outbox publish {CommunityAbolished.type}"),
              ("markets", f"handle {CommunityAbolished.type}"))
    spans = await until(lambda: spans_once(secured_stack, trace_id, *wanted), timeout=30, what="the merger's spans")
    assert len(build_tree(spans)) == 1, "the merger's trace has a broken link"


async def test_an_uncovered_area_becomes_a_pending_case_on_the_district_plan_taken_in_by_its_revision(
        secured_stack, officer_client):
    c = officer_client
    area = await created(c, f"{REGISTRY}/residential-areas", {
        "name": "团结湖北区", "district_code": "110105", "lon": 116.4700, "lat": 39.9300, "residents": 4000,
        "effective_on": "2026-03-01"})

    async def pending():
        response = await c.get(f"{MARKETS}/layout-plans", params={"pending": "true"})
        assert response.status_code == 200, response.text
        return response.json()["items"] or None

    (plan,) = await until(pending, timeout=30, interval=0.2, what=f"{ReplanProposed.type} handled by markets")
    assert (plan["id"], plan["due_for_revision"], plan["current_version"]) == ("district-110105", True, None)
    (case,) = plan["pending_cases"]
    assert case["area_ids"] == [area["id"]] and case["cause"] == "area_registered"
    version = await c.post(f"{MARKETS}/layout-plans/district-110105/versions",
                           json={"kind": "revision", "on": "2026-11-20", "reference": "朝政发〔2026〕12号"})
    assert version.status_code == 201, version.text
    body = version.json()
    assert body["pending_cases"] == [] and body["versions"][0]["proposals"] == [case["proposal_id"]]
    assert (body["revision_due"], body["due_for_revision"]) == ("2031-11-20", False)


async def test_a_food_safety_inspection_names_the_duties_not_met_and_the_samples_are_public(
        secured_stack, officer_client):
    c = officer_client
    imported = await c.post(f"{MARKETS}/import", json=[{
        "name": "三里屯菜市场", "district_code": "110105", "kind": "standardised_market", "lon": 116.455,
        "lat": 39.935, "areas": {"business": "1000", "vegetable": "600"}, "owner": "市菜市场网点管理机构",
        "operator": "首农菜篮子公司", "opened_on": "2020-01-01"}])
    assert imported.status_code == 200, imported.text
    (market_id,) = imported.json()["ids"]
    sample = {"sampled_on": "2026-11-10", "product": "菠菜", "passed": True, "tested_by": "场内检测室"}
    assert (await c.post(f"{MARKETS}/{market_id}/samples", json=sample)).status_code == 201
    duties = {"incoming_inspection": True, "certificate_retention": False, "purchase_sales_ledger": True,
              "withdrawal": True, "results_displayed": True}
    inspected = await c.post(f"{MARKETS}/{market_id}/food-safety-inspections",
                             json={"on": "2026-11-20", "duties": duties, "testing": {"means": "own_equipment"}})
    assert inspected.status_code == 201, inspected.text
    assert [(f["rule"], f["article"]) for f in inspected.json()["duty_findings"]] == [
        ("certificate-and-ticket-retention", "第二十四条")]
    listed = await c.get(f"{MARKETS}/food-safety-inspections", params={"duty": "certificate_retention"})
    assert [i["id"] for i in listed.json()["items"]] == [inspected.json()["id"]]
    async with httpx.AsyncClient(base_url=secured_stack.gateway, timeout=15) as anonymous:  # 抽检结果公示
        public = await anonymous.get(f"{MARKETS}/{market_id}/food-safety")
    assert public.status_code == 200 and [s["product"] for s in public.json()["samples"]] == ["菠菜"]
