"""A closure through the app's own consumer on the real broker, then the officer's decision on the proposal."""
import pytest

from tests.services.markets.adapters.conftest import DISTRICT_APPROVAL, OFFICER
from tests.support.runtime import until

pytestmark = pytest.mark.infra

AREAS = [{"id": "a1", "name": "小区一", "district_code": "110101", "lon": 116.4100, "lat": 39.9500,
          "population": 2000}]


async def test_a_closure_leads_to_a_proposal_an_officer_approves_once(api):
    assert (await api.post("/areas/import", AREAS)).json()["imported"] == 1
    mid = await api.existing(lon=116.4100, lat=39.9510, business="300", vegetable="200")
    await until(lambda: api.container.runtime.consumer.consuming, what="the markets consumer")
    assert (await api.post(f"/{mid}/closure", {"on": "2026-09-10", "approvals": DISTRICT_APPROVAL})).status_code == 200

    async def proposal():
        response = await api.get(f"/plans/replan-{mid}")
        return response.json() if response.status_code == 200 else None

    plan = await until(proposal, what="the replanning proposal")
    assert [g["area_id"] for g in plan["gaps"]] == ["a1"] and plan["sites"] == []
    assert [s["area_id"] for s in plan["stopgap_markets"]] == ["a1"]  # no candidate sites imported
    assert plan["gaps"][0]["ratio"] == "0.0000" and plan["proposed_on"] == "2026-11-20"  # decimal string, date
    proposed = (await api.get("/plans", status="proposed")).json()
    assert [p["id"] for p in proposed["items"]] == [f"replan-{mid}"] and proposed["total_count"] == 1
    assert (await api.post(f"/plans/replan-{mid}/decision", {"approve": True})).status_code == 403
    decided = await api.post(f"/plans/replan-{mid}/decision", {"approve": True, "on": "2026-11-19"}, **OFFICER)
    assert decided.json()["status"] == "approved" and decided.json()["decided_by"] == "officer-7"
    assert decided.json()["decided_on"] == "2026-11-19"  # a decision recorded the day after it was taken
    assert (await api.get("/plans", status="proposed")).json()["total_count"] == 0
    assert [p["id"] for p in (await api.get("/plans", status="approved")).json()["items"]] == [f"replan-{mid}"]
    assert (await api.get("/plans", status="open")).status_code == 422
    again = await api.post(f"/plans/replan-{mid}/decision", {"approve": False}, **OFFICER)
    assert again.status_code == 409
    assert [(e["rule"], e["status_now"]) for e in again.json()["errors"]] == [("plan-proposed", "approved")]
