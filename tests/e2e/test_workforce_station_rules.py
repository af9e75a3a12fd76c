"""Issue 23.4 through the gateway with real tokens: a community registered with registry reaches workforce in the
registering request's trace and may follow the Wenzhou norm, compared like for like with Beijing's; new station
staff need a valid certificate or the street office's recorded reason; the station check names a missing head,
deputy or special post; the payroll carries the one-child fee and the housing fund."""
import secrets

import pytest

from shared.events.registry_places import CommunityRegistered
from tests.e2e.flows import register_employer, spans_once
from tests.services.workforce.payloads import QUALIFICATION, hire_body
from tests.support.jobs import run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]
API = "/api/v1/workforce"
_PROJECTION = (("registry", f"outbox publish {CommunityRegistered.type}"),
               ("workforce", f"handle {CommunityRegistered.type}"))
STANDING = ["employment_labour_rights", "welfare_social_security", "population_family_planning_health",
            "public_security_governance", "mass_organisations", "general_affairs"]


async def test_a_registry_community_under_the_wenzhou_norm_its_station_and_pay(secured_stack, officer_client):
    c = officer_client
    street = await register_employer(c)  # the street office that employs the workers
    trace_id = secrets.token_hex(16)
    registered = await c.post("/api/v1/registry/communities", headers={
        "traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}, json={
        "name": "东升社区", "district_code": "110108", "street": "东升镇", "kind": "urban", "households": 2401,
        "resident_population": 6000, "registered_population": 4000, "migrant_population": 4100,
        "effective_on": "2026-03-01"})
    assert registered.status_code == 201, registered.text
    community = registered.json()["id"]

    row = await until(lambda: _staffing_row(c, community), timeout=30, interval=0.2,
                      what="the registered community in workforce's staffing overview")
    assert {(p["profile"], p["required"]) for p in row["profiles"]} == {("beijing", 5), ("wenzhou", 9)}

    chosen = await c.put(f"{API}/communities/{community}/profile", json={"profile": "wenzhou"})
    assert chosen.status_code == 200, chosen.text
    assert (chosen.json()["profile"], chosen.json()["required"], chosen.json()["police_assistants_required"]) == (
        "wenzhou", 9, 8)

    body = hire_body(employer_id=street["id"], community_id=community, posts=["station_head"], certificates=[])
    refused = await until(lambda: _hire(c, body), timeout=30, interval=0.3, what="workforce knowing the street")
    assert refused.status_code == 422, refused.text
    [entry] = refused.json()["errors"]
    assert entry["rule"] == "station-staff-certificate" and "第二十一条" in entry["article"]
    head = await c.post(f"{API}/workers", json=body | {"certificate_exception": "资格证续期审核中"})
    assert head.status_code == 201 and head.json()["certificate_exception"] == "资格证续期审核中", head.text

    posts = {"standing": STANDING, "special": ["养老服务", "流动人口服务", "物业协调"], "approved_on": "2026-03-10"}
    check = await c.put(f"{API}/stations/{community}/posts", json=posts)
    assert check.status_code == 200, check.text
    assert {(f["rule"], f["article"]) for f in check.json()["unmet"]} == {
        ("station-deputy-head", "社区服务站建设管理办法 第十九条"),
        ("special-posts-1-to-2", "社区服务站建设管理办法 第十一条")}
    deputy = hire_body(employer_id=street["id"], community_id=community, posts=["station_deputy_head"],
                       certificates=[QUALIFICATION])
    assert (await c.post(f"{API}/workers", json=deputy)).status_code == 201  # hire_body: a new resident ID each
    await c.put(f"{API}/stations/{community}/posts", json=posts | {"special": ["养老服务"]})
    assert (await c.get(f"{API}/stations/{community}/check")).json()["compliant"] is True

    worker = head.json()["id"]
    certificate = {"number": "OC-7", "issued_on": "2020-01-10", "child_birth_date": "2012-04-01"}
    assert (await c.put(f"{API}/workers/{worker}/one-child-certificate", json=certificate)).status_code == 200
    payroll = await run_job(c, API, "payroll", {"month": "2020-05"})
    assert payroll.status_code == 200, payroll.text
    [slip] = [s for s in payroll.json()["slips"] if s["worker_id"] == worker]
    assert {i["code"]: i["amount"] for i in slip["items"]}["one_child_fee"] == "5.00"
    assert {x["code"]: x["amount"] for x in slip["housing_fund"]} == {  # 12 % of 720 + 960
        "housing_fund_unit": "201.60", "housing_fund_personal": "201.60"}
    # the community reached workforce in the trace of the request that registered it (read last: spans are exported
    # in batches)
    spans = await until(lambda: spans_once(secured_stack, trace_id, *_PROJECTION), timeout=60,
                        what="the spans of gateway, registry and workforce")
    assert ("workforce", f"handle {CommunityRegistered.type}") in {(s["service"], s["name"]) for s in spans}


async def _staffing_row(client, community_id):
    response = await client.get(f"{API}/staffing", params={"size": 200})
    assert response.status_code == 200, response.text
    return next((r for r in response.json()["items"] if r["community_id"] == community_id), None)


async def _hire(client, body):
    """The hire's answer, once workforce knows the street office from registry's event."""
    response = await client.post(f"{API}/workers", json=body)
    return None if response.status_code == 422 and "unknown-employer" in response.text else response


