"""The community projection, required vs actual staff, the shortfall event, and station rosters."""
import pytest

from shared.events.workforce import StaffingShortfall
from tests.services.workforce.adapters.conftest import TODAY, watching
from tests.services.workforce.payloads import hire_body, rules_of

pytestmark = pytest.mark.infra

WEEK = [{"day": d, "opens": "08:30", "closes": "16:30"} for d in ("mon", "tue", "wed", "thu", "fri")]


async def test_required_vs_actual_per_community_and_a_shortfall_is_published_once(api, infra):
    communities = [{"id": "c1", "name": "东升社区", "rural": False, "households": 1501},
                   {"id": "v1", "name": "北村", "rural": True, "households": 599},
                   {"id": "w1", "name": "温州社区", "rural": False, "households": 2401, "migrants": 4100,
                    "profile": "wenzhou"}]
    async with watching(api, infra, StaffingShortfall.type) as published:
        assert (await api.post("/communities/import", json={"communities": communities})).status_code == 204
        await api.post("/communities/import", json={"communities": communities[:1]})  # still short: no new event
        events = await published(3)
        assert (await api.post("/workers", json=hire_body(community_id="c1"))).status_code == 201
        assert await published(1, seconds=1.0) == []
    assert sorted((e.subject, e.data["required"], e.data["shortfall"]) for e in events) == [
        ("c1", 4, 4), ("v1", 2, 2), ("w1", 9, 9)]
    assert events[0].data["detected_on"] == TODAY.isoformat()
    rows = {r["community_id"]: r for r in (await api.get("/staffing")).json()}
    assert (rows["c1"]["required"], rows["c1"]["actual"], rows["c1"]["shortfall"]) == (4, 1, 3)
    assert rows["w1"]["police_assistants_required"] == 8 and rows["c1"]["police_assistants_required"] is None


async def test_a_roster_under_40_hours_is_refused_with_the_shortfall(api):
    await api.post("/communities/import", json={"communities": [{"id": "c1", "name": "x", "rural": False,
                                                                 "households": 900}]})
    short = WEEK[:4] + [{"day": "fri", "opens": "08:30", "closes": "12:30"}]
    refused = await api.put("/stations/c1/roster", json={"openings": short})
    assert refused.status_code == 422 and refused.json()["shortfall"] == "4.00"
    assert rules_of(refused) == {("openings", "minimum-weekly-hours")}
    assert (await api.get("/stations/c1/roster")).status_code == 404
    accepted = await api.put("/stations/c1/roster", json={"openings": WEEK})
    assert accepted.status_code == 200 and accepted.json()["weekly_hours"] == "40.00"
    assert (await api.get("/stations/c1/roster")).json()["weekly_hours"] == "40.00"
