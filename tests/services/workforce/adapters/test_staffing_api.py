"""The community projection, required vs actual staff, the shortfall event, and station rosters."""
from datetime import date

import pytest

from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished, CommunityRegistered, CommunityUpdated
from shared.events.workforce import StaffingCounted, StaffingShortfall
from tests.services.workforce.adapters.conftest import TODAY, watching
from tests.services.workforce.payloads import hire_body, rules_of

pytestmark = pytest.mark.infra

WEEK = [{"day": d, "opens": "08:30", "closes": "16:30"} for d in ("mon", "tue", "wed", "thu", "fri")]


async def test_required_vs_actual_per_community_and_a_shortfall_is_published_once(api, infra, street):
    communities = [{"id": "c1", "name": "东升社区", "kind": "urban", "households": 1501},
                   {"id": "v1", "name": "北村", "kind": "rural", "households": 599},
                   {"id": "w1", "name": "温州社区", "kind": "urban", "households": 2401, "migrant_population": 4100,
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
    page = (await api.get("/staffing")).json()
    rows = {r["community_id"]: r for r in page["items"]}
    assert (page["total_count"], page["page"], page["size"]) == (3, 1, 50)
    assert (rows["c1"]["required"], rows["c1"]["actual"], rows["c1"]["shortfall"]) == (4, 1, 3)
    assert rows["w1"]["police_assistants_required"] == 8 and rows["c1"]["police_assistants_required"] is None
    assert (rows["v1"]["kind"], rows["w1"]["kind"], rows["w1"]["migrant_population"]) == ("rural", "urban", 4100)
    short = (await api.get("/staffing", params={"short": "true", "size": 2})).json()
    assert (short["total_count"], [r["community_id"] for r in short["items"]]) == (3, ["c1", "v1"])
    assert (await api.get("/staffing", params={"district_code": "110108"})).json()["total_count"] == 0
    assert (await api.get("/staffing", params={"district_code": "1101"})).status_code == 422


async def test_a_roster_under_40_hours_is_refused_with_the_shortfall(api):
    await api.post("/communities/import", json={"communities": [{"id": "c1", "name": "x", "kind": "urban",
                                                                 "households": 900}]})
    short = WEEK[:4] + [{"day": "fri", "opens": "08:30", "closes": "12:30"}]
    refused = await api.put("/stations/c1/roster", json={"openings": short})
    assert refused.status_code == 422 and "shortfall" not in refused.json()
    assert rules_of(refused) == {("openings", "minimum-weekly-hours")}
    assert refused.json()["errors"][0]["shortfall"] == "4.00"
    assert (await api.get("/stations/c1/roster")).status_code == 404
    accepted = await api.put("/stations/c1/roster", json={"openings": WEEK})
    assert accepted.status_code == 200 and accepted.json()["weekly_hours"] == "40.00"
    assert accepted.json()["openings"][0] == {"day": "mon", "opens": "08:30:00", "closes": "16:30:00",
                                              "staff_on_duty": 1}
    assert (await api.get("/stations/c1/roster")).json()["weekly_hours"] == "40.00"


async def test_registry_s_community_events_feed_the_overview_and_a_hire_is_counted(api, infra, street):
    handle = api.container.runtime.handlers
    record = dict(community_id="r1", name="西山社区", district_code="110108", street="香山街道", rural=True,
                  households=601, resident_population=1500, registered_population=1400, migrant_population=100,
                  effective_on=date(2026, 3, 1))
    await handle[CommunityRegistered.type](Envelope.wrap(CommunityRegistered(**record), source="/civic/registry"))
    stale = CommunityUpdated(**record | {"households": 100, "effective_on": date(2026, 1, 1), "change": "figures"})
    await handle[CommunityUpdated.type](Envelope.wrap(stale, source="/civic/registry"))
    rows = {r["community_id"]: r for r in (await api.get("/staffing")).json()["items"]}
    assert (rows["r1"]["required"], rows["r1"]["actual"], rows["r1"]["kind"]) == (3, 0, "rural")
    async with watching(api, infra, StaffingCounted.type) as published:
        hired = await api.post("/workers", json=hire_body(community_id="r1"))
        assert hired.status_code == 201, hired.text
        [counted] = await published(1)
    assert (counted.subject, counted.data["actual"], counted.data["counted_on"]) == ("r1", 1, TODAY.isoformat())
    abolished = CommunityAbolished(community_id="r1", district_code="110108", effective_on=date(2026, 6, 1))
    await handle[CommunityAbolished.type](Envelope.wrap(abolished, source="/civic/registry"))
    assert "r1" not in {r["community_id"] for r in (await api.get("/staffing")).json()["items"]}
    page = (await api.get("/staffing/reassignments")).json()
    [waiting] = page["items"]
    assert page["total_count"] == 1
    assert waiting["community_id"] == "r1" and waiting["abolished_on"] == "2026-06-01"
    assert [w["worker_id"] for w in waiting["workers"]] == [hired.json()["id"]]
    roster = await api.put("/stations/r1/roster", json={"openings": WEEK})
    assert roster.status_code == 422 and rules_of(roster) == {("community_id", "community-abolished")}
    into_abolished = await api.post("/workers", json=hire_body(community_id="r1"))
    assert into_abolished.status_code == 422 and rules_of(into_abolished) == {("community_id", "community-abolished")}
    await handle[CommunityRegistered.type](Envelope.wrap(CommunityRegistered(**record | {"community_id": "r2"}),
                                                         source="/civic/registry"))
    moved = await api.post(f"/workers/{hired.json()['id']}/transfer",
                           json={"community_id": "r2", "effective_on": "2026-06-02"})
    assert moved.status_code == 200 and moved.json()["community_id"] == "r2"
    assert (await api.get("/staffing/reassignments")).json()["items"] == []
    same = await api.post(f"/workers/{hired.json()['id']}/transfer",
                          json={"community_id": "r2", "effective_on": "2026-06-03"})
    assert same.status_code == 422 and rules_of(same) == {("community_id", "another-community")}


async def test_records_stored_before_the_counts_were_kept_are_recounted_once_at_start(api, street):
    """A community and an abolished one with a worker, as stored before the counts were kept with the records (no
    counts, no query flags), reach the overview and the reassignment list after the start-up recount."""
    communities = api.container.communities.collection
    legacy = {"name": "旧社区", "rural": False, "households": 900, "migrants": 0, "profile": "beijing",
              "district_code": "110108", "effective_on": None, "abolished_on": None, "merged_into": None,
              "short": True, "counted": 0, "_rev": 1}
    await communities.insert_one(legacy | {"_id": "old", "id": "old"})
    await communities.insert_one(legacy | {"_id": "old-gone", "id": "old-gone"})
    hired = await api.post("/workers", json=hire_body(community_id="old-gone"))
    assert hired.status_code == 201, hired.text
    await communities.replace_one({"_id": "old-gone"}, legacy | {"id": "old-gone", "abolished_on": "2026-03-01",
                                                                 "counted": 1})
    assert (await api.get("/staffing")).json()["total_count"] == 0
    await api.container.init_db()
    [row] = (await api.get("/staffing")).json()["items"]
    assert (row["community_id"], row["required"], row["actual"]) == ("old", 3, 0)
    [waiting] = (await api.get("/staffing/reassignments")).json()["items"]
    assert (waiting["community_id"], [w["worker_id"] for w in waiting["workers"]]) == ("old-gone",
                                                                                       [hired.json()["id"]])
