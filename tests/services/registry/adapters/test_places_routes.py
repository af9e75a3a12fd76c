"""Communities, stations, compliance, residential areas and their bulk imports through the registry app, on the
real FerretDB and RabbitMQ (events watched on the namespace's exchange; workforce's count published as it would)."""
import json
from datetime import date

import pytest

from services.registry.domain.station import STANDING_POSTS
from shared.events.registry_places import (CommunityAbolished, CommunityRegistered, CommunityUpdated,
                                           ResidentialAreaRegistered)
from shared.events.workforce import StaffingCounted
from tests.services.registry.adapters.bus import bus_of
from tests.support.runtime import until

pytestmark = pytest.mark.infra

WATCHED = (CommunityRegistered.type, CommunityUpdated.type, CommunityAbolished.type, ResidentialAreaRegistered.type)
PROBLEM = "application/problem+json"


def community(**overrides) -> dict:
    return {"name": "苏州街社区", "district_code": "110108", "street": "海淀街道", "kind": "urban",
            "households": 1501, "resident_households": 1400, "registered_households": 1000,
            "resident_population": 4000, "registered_population": 3000, "migrant_population": 600,
            "area_km2": "0.9", "effective_on": "2026-03-01"} | overrides


def station(**overrides) -> dict:
    return {"name": "海淀街道苏州街社区服务站", "work_space_m2": "50", "separate_from_committee_office": True,
            "standing_posts": list(STANDING_POSTS), "special_posts": ["elderly_care"], "weekly_hours": "40"} | overrides


@pytest.fixture
async def bus(api, infra):
    runtime = api.container.runtime
    await until(lambda: runtime.publisher.ready and runtime.consumer.consuming, what="registry's consumer")
    async with bus_of(runtime.settings.namespace, infra, WATCHED) as bus:
        yield bus


async def registered(api, **overrides) -> dict:
    response = await api.post("/communities", community(**overrides))
    assert response.status_code == 201, response.text
    return response.json()


async def test_register_change_and_list_by_district_publish_the_contract_events(api, bus):
    created = await registered(api)
    await registered(api, name="东村", district_code="110105", street="来广营乡", kind="rural")
    duplicate = await api.post("/communities", community())  # same name in the same street
    assert duplicate.status_code == 409 and "name" not in duplicate.json()
    assert [(e["field"], e["rule"], e["name"]) for e in duplicate.json()["errors"]] == [
        ("name", "unique-name", "海淀街道苏州街社区")]
    changed = await api.post(f"/communities/{created['id']}/changes",
                             community(households=1800, change="resized", effective_on="2026-06-01"))
    assert changed.status_code == 200 and changed.json()["figures"]["households"] == 1800
    listed = (await api.get("/communities", district_code="110108")).json()
    assert [c["id"] for c in listed["items"]] == [created["id"]] and listed["total_count"] == 1
    assert (listed["page"], listed["size"]) == (1, 50)
    assert (await api.get("/communities", district_code="11010")).status_code == 422
    assert (await api.get("/communities", size=201)).status_code == 422  # shared.paging's maximum
    updated = await bus.wait_for(CommunityUpdated.type)
    assert updated[0].subject == created["id"] and updated[0].data["households"] == 1800
    assert len(await bus.wait_for(CommunityRegistered.type, count=2)) == 2


async def test_bad_figures_are_422_naming_field_and_rule_and_nothing_is_stored(api):
    response = await api.post("/communities", community(district_code="110199", households=-1))
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    assert {(e["field"], e["rule"]) for e in response.json()["errors"]} == {("households", "greater_than_equal")}
    response = await api.post("/communities", community(district_code="110103"))
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "beijing-district"
    assert await api.container.runtime.db["communities"].count_documents({}) == 0


async def test_merge_abolishes_the_merged_and_the_survivor_carries_them(api, bus):
    a, b = await registered(api), await registered(api, name="知春里社区", households=500)
    response = await api.post(f"/communities/{a['id']}/merge", {"merged": [b["id"]], "effective_on": "2026-07-01"})
    assert response.status_code == 200 and response.json()["figures"]["households"] == 2001
    assert response.json()["absorbed"] == [b["id"]]
    gone = (await api.get(f"/communities/{b['id']}")).json()
    assert (gone["status"], gone["merged_into"]) == ("abolished", a["id"])
    abolished = await bus.wait_for(CommunityAbolished.type)
    assert abolished[0].data["merged_into"] == a["id"]
    again = await api.post(f"/communities/{b['id']}/abolish", {"effective_on": "2026-08-01"})
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert [(e.get("field"), e["rule"], e["abolished_on"]) for e in again.json()["errors"]] == [
        (None, "community-active", "2026-07-01")]
    assert (await api.get("/communities", district_code="110108")).json()["total_count"] == 1


async def test_station_norms_each_give_a_422_and_a_good_station_is_stored(api):
    c = await registered(api)
    bad = station(name="苏州街服务站", work_space_m2="49.99", weekly_hours="39.5", special_posts=["a", "b", "c"],
                  standing_posts=list(STANDING_POSTS)[:5], villages_served=["东村"])
    response = await api.client.put(f"/api/v1/registry/communities/{c['id']}/station", json=bad)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
    assert {(e["field"], e["rule"]) for e in response.json()["errors"]} == {
        ("name", "station-name"), ("work_space_m2", "urban-min-50-m2"), ("weekly_hours", "min-40-hours-a-week"),
        ("special_posts", "at-most-2-special-posts"), ("standing_posts", "six-standing-posts"),
        ("villages_served", "one-station-per-urban-community")}
    assert (await api.get(f"/communities/{c['id']}/station")).status_code == 404
    response = await api.client.put(f"/api/v1/registry/communities/{c['id']}/station", json=station())
    assert response.status_code == 200, response.text
    assert (await api.get(f"/communities/{c['id']}/station")).json()["name"] == "海淀街道苏州街社区服务站"


async def test_compliance_uses_workforces_count_of_actual_staff(api, bus):
    c = await registered(api)
    await api.client.put(f"/api/v1/registry/communities/{c['id']}/station", json=station())
    report = (await api.get(f"/communities/{c['id']}/compliance", profile="beijing")).json()
    staffing = next(n for n in report["norms"] if n["norm"] == "station-staffing")
    assert (staffing["status"], staffing["expected"], staffing["observed"]) == ("unknown", "4", None)
    await bus.publish(StaffingCounted(community_id=c["id"], actual=3, counted_on=date(2026, 3, 2)))

    async def counted():
        found = (await api.get(f"/communities/{c['id']}/compliance")).json()
        return next(n for n in found["norms"] if n["norm"] == "station-staffing")["observed"] == "3"
    await until(counted, what="the staffing count")
    report = (await api.get(f"/communities/{c['id']}/compliance", profile="beijing")).json()
    assert report["compliant"] is False
    wenzhou = (await api.get(f"/communities/{c['id']}/compliance", profile="wenzhou")).json()
    funds = next(n for n in wenzhou["norms"] if n["norm"] == "running-funds")
    assert funds["expected"] == "176800.00 yuan"  # 100000 + 60 × (1400 × 0.7 + 1000 × 0.3)
    assert (await api.get(f"/communities/{c['id']}/compliance", profile="shanghai")).status_code == 422


async def test_the_service_catalogue_has_its_three_categories(api):
    page = (await api.get("/service-catalogue")).json()
    catalogue = page["items"]
    assert [c["name"] for c in catalogue] == ["公共服务事项", "公益服务事项", "便利服务事项"]
    assert page["total_count"] == 3 and any("代缴燃气" in g["services"] for g in catalogue[2]["groups"])
    second = (await api.get("/service-catalogue", size=1, page=2)).json()
    assert [c["key"] for c in second["items"]] == [catalogue[1]["key"]] and second["total_count"] == 3


async def test_csv_import_keeps_valid_lines_reports_the_others_and_puts_one_event_per_row_in_the_outbox(api, bus):
    header = "name,district_code,street,kind,households,resident_population,effective_on\n"
    good = [f"第{n}社区,110108,海淀街道,urban,{1000 + n},3000,2026-03-01" for n in range(300)]
    bad = ["坏社区,110199,海淀街道,urban,100,300,2026-03-01",       # line 302: unknown district
           "第0社区,110108,海淀街道,urban,1000,3000,2026-03-01",     # line 303: duplicate name
           "缺户数社区,110108,海淀街道,urban,,3000,2026-03-01"]      # line 304: households missing
    body = (header + "\n".join(good + bad) + "\n").encode()
    response = await api.client.post("/api/v1/registry/communities/import", content=body,
                                     headers={"content-type": "text/csv"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["received"], result["imported"]) == (303, 300)
    assert [(e["line"], e["rule"]) for e in result["errors"]] == [
        (302, "beijing-district"), (303, "unique-name"), (304, "missing")]
    db = api.container.runtime.db
    assert await db["communities"].count_documents({}) == 300
    doc = await db["communities"].find_one({"_id": result["ids"][0]})
    assert [e["type"] for e in doc["_outbox"]] == [CommunityRegistered.type]
    published = await bus.wait_for(CommunityRegistered.type, count=300, timeout=60)
    assert {e.subject for e in published} == set(result["ids"])
    one = (await api.get(f"/communities/{result['ids'][5]}")).json()
    changed = await api.post(f"/communities/{one['id']}/changes",
                             community(name="第5社区", households=9, change="figures"))
    assert changed.status_code == 200, changed.text  # an imported record is an ordinary aggregate


async def test_residential_areas_register_import_update_remove(api, bus):
    area = {"name": "华清嘉园", "district_code": "110108", "lon": 116.33, "lat": 39.99, "residents": 5000,
            "effective_on": "2026-03-01"}
    response = await api.post("/residential-areas", area)
    assert response.status_code == 201, response.text
    area_id = response.json()["id"]
    outside = await api.post("/residential-areas", area | {"name": "上海某小区", "lon": 121.47, "lat": 31.23})
    assert outside.status_code == 422 and outside.json()["errors"][0]["rule"] == "within-beijing"
    rows = [area | {"name": f"小区{n}"} for n in range(3)] + [area | {"name": "新区", "kind": "new"}, {"name": "x"}]
    result = (await api.client.post("/api/v1/registry/residential-areas/import", content=json.dumps(rows),
                                    headers={"content-type": "application/json"})).json()
    assert result["imported"] == 3 and {e["line"] for e in result["errors"]} == {4, 5}
    assert len(await bus.wait_for(ResidentialAreaRegistered.type, count=4)) == 4
    updated = await api.post(f"/residential-areas/{area_id}/changes", area | {"residents": 5200})
    assert updated.json()["facts"]["residents"] == 5200
    assert (await api.post(f"/residential-areas/{area_id}/remove", {"effective_on": "2026-05-01"})).status_code == 200
    assert (await api.get("/residential-areas", district_code="110108")).json()["total_count"] == 3


async def test_an_area_or_a_merger_naming_a_community_registry_does_not_keep_is_a_422_naming_the_field(api):
    area = {"name": "清华园小区", "district_code": "110108", "lon": 116.33, "lat": 39.99, "residents": 800,
            "effective_on": "2026-03-01"}
    unknown = await api.post("/residential-areas", area | {"community_id": "no-such-community"})
    assert unknown.status_code == 422, unknown.text
    assert [(e["field"], e["rule"]) for e in unknown.json()["errors"]] == [("community_id", "unknown-community")]
    home = await registered(api)
    created = await api.post("/residential-areas", area | {"community_id": home["id"]})
    assert created.status_code == 201 and created.json()["facts"]["community_id"] == home["id"], created.text
    rows = [area | {"name": "甲小区", "community_id": home["id"]}, area | {"name": "乙小区", "community_id": "gone"}]
    result = (await api.client.post("/api/v1/registry/residential-areas/import", content=json.dumps(rows),
                                    headers={"content-type": "application/json"})).json()
    assert result["imported"] == 1 and [(e["line"], e["field"], e["rule"]) for e in result["errors"]] == [
        (2, "community_id", "unknown-community")]

    merger = await api.post(f"/communities/{home['id']}/merge", {"merged": ["nowhere"], "effective_on": "2026-07-01"})
    assert merger.status_code == 422, merger.text
    assert [(e["field"], e["rule"]) for e in merger.json()["errors"]] == [("merged.0", "unknown-community")]
    assert (await api.post("/communities/nowhere/merge", {"merged": [home["id"]], "effective_on": "2026-07-01"})
            ).status_code == 404
    assert (await api.get(f"/communities/{home['id']}")).json()["status"] == "active"


async def test_a_county_seat_community_is_held_to_2000_to_4000_households_in_the_wenzhou_profile(api):
    created = await api.post("/communities", community(name="县城社区", households=4001, seat="county_seat"))
    assert created.status_code == 201 and created.json()["figures"]["seat"] == "county_seat", created.text
    report = (await api.get(f"/communities/{created.json()['id']}/compliance", profile="wenzhou")).json()
    scale = next(n for n in report["norms"] if n["norm"] == "community-scale")
    assert (scale["status"], scale["expected"], scale["observed"], scale["article"]) == (
        "fail", "2000–4000", "4001", "第八条")
    city = await api.post("/communities", community(name="市区社区", households=4001))
    report = (await api.get(f"/communities/{city.json()['id']}/compliance", profile="wenzhou")).json()
    assert next(n for n in report["norms"] if n["norm"] == "community-scale")["status"] == "pass"
    bad = await api.post("/communities", community(name="x社区", seat="capital"))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"].endswith("seat")
