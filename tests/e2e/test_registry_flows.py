"""Registry's flows of issue 22 through the gateway on real processes, each one connected trace:

- a community merged into another (`registry.community.abolished`, consumed by registry itself): its
  smart-community title is withdrawn (第八、二十条);
- the annual inspection (年检, 第十九条) is checked against insurance's real closed month
  (`insurance.month.closed`): headcount and contributions paid, and wage base and insurance types where insurance
  publishes them;
- a unit deregistered through the ordinary saga (insurance finds nothing owed) loses its certified technology
  centre (第十五条第4项).
"""
import secrets

import pytest

from services.insurance.domain.calendar import Period
from shared.clock import beijing_today
from shared.events.insurance import MonthClosed
from shared.events.registry import DeregistrationRequested, EmployerDeregistered
from shared.events.registry_places import CommunityAbolished
from shared.tracefile import build_tree, read_spans, render
from tests.e2e.flows import account_of, new_uscc
from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id
from tests.support.jobs import run_job
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

REGISTRY = "/api/v1/registry"
INSURANCE = "/api/v1/insurance"
INSPECTION_DOCUMENTS = ["business_licence", "inspection_form", "organisation_code_certificate", "payroll_list",
                        "registration_certificate"]
FIGURES = {"main_revenue": "180000000.00", "st_spending": "6000000.00", "rd_staff": 60,
           "equipment_value": "5500000.00"}


def traced() -> tuple[str, dict[str, str]]:
    """A trace id and the caller's own span (a portal's one operation) as the `traceparent` header."""
    trace_id = secrets.token_hex(16)
    return trace_id, {"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"}


async def one_trace_with(stack, trace_id: str, service: str, span: str):
    """The trace once `service` ran `span` in it under the gateway's request and every span's parent is on file
    (each process exports its spans in batches of its own, so a child can be on file before its parent): one tree,
    hanging under the caller's span (the traceparent the test sent)."""
    async def spans():
        found = read_spans(stack.var_dir / "traces", trace_id)
        names = {(s["service"], s["name"]) for s in found}
        wanted = (service, span) in names and "gateway" in {s["service"] for s in found}
        known = {s["span_id"] for s in found}
        callers = {root.record["parent_id"] for root in build_tree(found)}  # each request under the caller's span
        return found if wanted and len(callers) == 1 and not callers & known else None

    try:
        await until(spans, timeout=30, interval=0.3, what=f"{service} {span} in one connected trace {trace_id}")
    except AssertionError:
        found = read_spans(stack.var_dir / "traces", trace_id)
        raise AssertionError(render(build_tree(found))) from None


async def community(client, name: str) -> dict:
    body = {"name": name, "district_code": "110108", "street": "学院路街道", "kind": "urban", "households": 1800,
            "resident_population": 5000, "registered_population": 4200, "migrant_population": 800,
            "effective_on": "2025-01-02"}
    created = await client.post(f"{REGISTRY}/communities", json=body)
    assert created.status_code == 201, created.text
    return created.json()


async def test_a_merged_community_loses_its_star_title_in_one_trace(secured_stack, officer_client):
    c = officer_client
    starred, absorbing = await community(c, "星级社区"), await community(c, "吸收社区")
    applied = await c.post(f"{REGISTRY}/star-applications", json={
        "community_id": starred["id"], "round": "pilot", "indicators_met": 25, "mechanism": True,
        "requested_stars": 3, "applied_on": "2025-10-01"})
    assert applied.status_code == 201, applied.text
    application = f"{REGISTRY}/star-applications/{applied.json()['id']}"
    for step, body in (("recommendation", {"recommended": True, "recommended_on": "2025-11-10"}),
                       ("evaluation", {"approved": True, "evaluated_on": "2025-11-20", "notice_from": "2025-11-21"}),
                       ("naming", {"named_on": "2025-11-28"})):
        done = await c.post(f"{application}/{step}", json=body)
        assert done.status_code == 200, done.text
    assert (await c.get(f"{REGISTRY}/star-communities/{starred['id']}")).json()["stars"] == 3

    trace_id, headers = traced()
    merged = await c.post(f"{REGISTRY}/communities/{absorbing['id']}/merge",
                          json={"merged": [starred["id"]], "effective_on": "2026-06-01"}, headers=headers)
    assert merged.status_code == 200, merged.text

    async def withdrawn():
        record = (await c.get(f"{REGISTRY}/star-communities/{starred['id']}")).json()
        return record if record["closed_on"] else None

    record = await until(withdrawn, timeout=30, interval=0.2, what="the star title withdrawn")
    assert (record["stars"], record["closed_on"], record["merged_into"]) == (0, "2026-06-01", absorbing["id"])
    assert record["history"][-1] | {"on": None} == {"on": None, "what": "title withdrawn", "stars_before": 3,
                                                    "stars_after": 0, "detail": f"community merged into "
                                                                                f"{absorbing['id']}"}
    await one_trace_with(secured_stack, trace_id, "registry", f"handle {CommunityAbolished.type}")


async def test_the_inspection_is_checked_against_insurances_closed_month(secured_stack, officer_client):
    c, today = officer_client, beijing_today()
    month = Period.parse(f"{today:%Y-%m}").previous().previous()
    period, closed_on = str(month), month.next().last_day().isoformat()
    registered = await c.post(f"{REGISTRY}/employers", json={
        "name": "海淀年检科技有限公司", "uscc": new_uscc(), "district_code": "110108", "on": f"{month.year - 1}-06-01"})
    assert registered.status_code == 201, registered.text
    employer = registered.json()
    await account_of(c, employer["id"])
    assert (await c.put(f"{INSURANCE}/average-wages/{month.year - 1}", json={"wage": "10000.00"})).status_code == 204
    member = {"resident_id": resident_id(), "name": "赵六", "on": f"{period}-12", **NEW_PERSON}
    assert (await c.post(f"{INSURANCE}/accounts/{employer['id']}/members", json=member)).status_code == 201
    assert (await run_job(c, INSURANCE, "month-statements", {"month": period, "on": f"{period}-28"})).status_code \
        == 200
    trace_id, headers = traced()
    closed = await run_job(c, INSURANCE, "month-close", {"month": period, "on": closed_on}, headers=headers)
    assert closed.status_code == 200, closed.text

    async def recorded():
        body = (await c.get(f"{REGISTRY}/employers/{employer['id']}")).json()
        return body["insurance_record"] if (body["insurance_record"] or {}).get("period") == period else None

    record = await until(recorded, timeout=30, interval=0.2, what="registry's record of the closed month")
    await one_trace_with(secured_stack, trace_id, "registry", f"handle {MonthClosed.type}")
    paid = record["paid_by_year"][str(month.year)]
    assert record["wage_base_total"] is not None and record["insurance_types"], record  # insurance publishes both
    form = {"insurance_types": record["insurance_types"], "insured_headcount": 1,
            "wage_base_total": record["wage_base_total"], "documents": INSPECTION_DOCUMENTS}
    inspect = f"{REGISTRY}/employers/{employer['id']}/inspections/{month.year}"
    refused = await c.post(inspect, json=form | {"insured_headcount": 2})
    assert refused.status_code == 422, refused.text
    assert {(e["field"], e["rule"], e["article"]) for e in refused.json()["errors"]} == {
        ("insured_headcount", "matches-insurance", "第十九条第2项"),
        ("contributions_paid", "contributions-paid-declared", "第十九条第3项")}
    wrong = await c.post(inspect, json=form | {"wage_base_total": "1.00", "contributions_paid": paid})
    assert [(e["field"], e["rule"]) for e in wrong.json()["errors"]] == [("wage_base_total", "matches-insurance")]
    types = await c.post(inspect, json=form | {"insurance_types": ["pension"], "contributions_paid": paid})
    assert [(e["field"], e["rule"]) for e in types.json()["errors"]] == [("insurance_types", "matches-insurance")]
    passed = await c.post(inspect, json=form | {"contributions_paid": paid})
    assert passed.status_code == 200 and passed.json()["inspected_years"] == [month.year], passed.text


@pytest.mark.skipif("insurance" not in DeregistrationRequested.consumers,
                    reason="insurance does not handle registry.employer.deregistration_requested yet")
async def test_an_ordinary_deregistration_revokes_the_certified_centre_in_one_trace(secured_stack, officer_client):
    c = officer_client
    registered = await c.post(f"{REGISTRY}/employers", json={
        "name": "海淀技术中心有限公司", "uscc": new_uscc(), "district_code": "110108", "on": "2025-01-06"})
    employer = registered.json()
    await account_of(c, employer["id"])
    applied = await c.post(f"{REGISTRY}/technology-centres/applications", json={
        "employer_id": employer["id"], "enterprise_name": employer["name"], "applied_on": "2026-04-28",
        "centre_established_on": "2024-03-01", "figures": FIGURES})
    assert applied.status_code == 201, applied.text
    decided = await c.post(f"{REGISTRY}/technology-centres/{employer['id']}/decision",
                           json={"certified": True, "decided_on": "2026-07-15"})
    assert decided.json()["status"] == "certified", decided.text

    trace_id, headers = traced()
    requested = await c.post(f"{REGISTRY}/employers/{employer['id']}/deregistration",
                             json={"reason": "dissolution", "event_date": beijing_today().isoformat()},
                             headers=headers)
    assert requested.status_code == 202, requested.text

    async def revoked():
        centre = (await c.get(f"{REGISTRY}/technology-centres/{employer['id']}")).json()
        return centre if centre["status"] == "revoked" else None

    centre = await until(revoked, timeout=30, interval=0.2, what="the technology centre revoked")
    [revocation] = centre["revocations"]
    assert revocation["cause"] == "enterprise_terminated" and "dissolution" in revocation["detail"]
    assert "forced=False" in revocation["detail"]
    await one_trace_with(secured_stack, trace_id, "registry", f"handle {EmployerDeregistered.type}")
