"""The layout plans' 5-year revision cycle through the routes on FerretDB (第六条), and a replanning proposal
reaching the district plan as a pending case (`markets.replan.proposed` through the app's real wiring)."""
from datetime import date

import pytest

from services.markets.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.markets import CoverageGap, ProposedSite, ReplanProposed
from shared.wiring import dependencies_of, event_handlers
from tests.services.markets.adapters.conftest import OFFICER

pytestmark = pytest.mark.infra


async def version(api, plan_id, on, kind="revision", reference="政发〔2021〕1号", **headers):
    return await api.post(f"/layout-plans/{plan_id}/versions", {"kind": kind, "on": on, "reference": reference},
                          **(OFFICER | headers))


async def test_a_plan_past_its_revision_date_is_listed_as_due_and_a_revision_records_a_new_version(api):
    assert (await version(api, "city", "2021-11-20")).status_code == 201
    created = await version(api, "district-110105", "2022-01-10")
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["current_version"], body["revision_due"], body["due_for_revision"]) == (1, "2027-01-10", False)
    assert body["versions"][0]["approving_authority"] == "district_government"
    assert body["versions"][0]["recorded_by"] == "officer-7"
    due = (await api.get("/layout-plans", due_for_revision="true")).json()  # today is 2026-11-20: the city plan's anniversary
    assert [p["id"] for p in due["items"]] == ["city"] and due["total_count"] == 1
    assert [p["id"] for p in (await api.get("/layout-plans", due_for_revision="true", on="2026-11-19")).json()["items"]] == []
    later = (await api.get("/layout-plans", due_for_revision="true", on="2027-01-10")).json()["items"]
    assert [p["id"] for p in later] == ["city", "district-110105"]
    revised = await version(api, "city", "2026-11-20", reference="京政发〔2026〕30号")
    assert revised.status_code == 201, revised.text
    assert [v["version_number"] for v in revised.json()["versions"]] == [1, 2]
    assert revised.json()["revision_due"] == "2031-11-20"
    assert (await api.get("/layout-plans", due_for_revision="true")).json()["items"] == []
    assert [p["id"] for p in (await api.get("/layout-plans", scope="district")).json()["items"]] == \
        ["district-110105"]


async def test_a_version_breaking_a_rule_is_refused_naming_the_rule_and_article(api):
    assert (await version(api, "district-110105", "2022-01-10")).status_code == 201
    earlier = await version(api, "district-110105", "2021-12-31", kind="amendment")
    assert earlier.status_code == 422
    assert [(e["rule"], e["article"]) for e in earlier.json()["errors"]] == [("not-before-previous-version",
                                                                              "第六条")]
    future = await version(api, "city", "2026-11-21")
    assert [e["rule"] for e in future.json()["errors"]] == ["date-in-future"]
    unknown = await version(api, "district-330302", "2022-01-10")
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["rule"] == "layout-plan-id"
    missing = await api.get("/layout-plans/city")
    assert missing.status_code == 404 and missing.json()["errors"][0]["rule"] == "unknown-layout-plan"
    reader = await version(api, "city", "2022-01-10", **{"X-Civic-Role": "street-officer"})
    assert reader.status_code == 403


async def test_a_replanning_proposal_is_pending_on_its_districts_plan_until_the_next_version_takes_it_in(api):
    row = {"id": "a1", "name": "小区a1", "district_code": "110105", "lon": 116.40, "lat": 39.95, "residents": 1000}
    assert (await api.post("/areas/import", [row])).json()["imported"] == 1  # an import proposes nothing itself
    proposed = ReplanProposed(plan_id="replan-m9", closed_market_id="m9", proposed_on=date(2026, 11, 2),
                              gaps=[CoverageGap(area_id="a1", ratio=0.02, deficit_m2=80.0)],
                              sites=[ProposedSite(site_id="boiler-1", area_m2=300.0, covers=["a1"])],
                              stopgap_areas=[])
    envelope = Envelope.wrap(proposed, source="/civic/markets")
    handle = event_handlers(SUBSCRIPTIONS, dependencies_of(api.container))[ReplanProposed.type]
    await handle(envelope)
    await handle(envelope)
    (plan,) = (await api.get("/layout-plans", pending="true")).json()["items"]
    assert (plan["id"], plan["current_version"], plan["due_for_revision"]) == ("district-110105", None, True)
    assert plan["pending_cases"] == [{"proposal_id": "replan-m9", "area_ids": ["a1"], "site_ids": ["boiler-1"],
                                      "stopgap_areas": [], "cause": "market_closed", "opened_on": "2026-11-02"}]
    taken = (await version(api, "district-110105", "2026-11-20", reference="朝政发〔2026〕12号")).json()
    assert taken["pending_cases"] == [] and taken["versions"][0]["proposals"] == ["replan-m9"]
    await handle(envelope)
    assert (await api.get("/layout-plans", pending="true")).json()["items"] == []
