"""docs/api.md on markets, against the real FerretDB: the register and the stations as pages filtered on indexed
fields, references to residential areas and communities markets knows (else a 422 naming the field), `on` defaulting
to today in Beijing, refusals naming their rule, and path parameters that never answer 500."""
from datetime import date

import pytest

from services.markets.domain.geo import project
from shared.events import Envelope
from shared.events.registry_places import ResidentialAreaRegistered
from tests.services.markets.adapters.conftest import OFFICER, market_row
from tests.services.markets.adapters.test_area_events import deliver
from tests.services.markets.adapters.test_lifecycle_routes import PLAN
from tests.services.markets.adapters.test_station_routes import station
from tests.support.jobs import run_job

pytestmark = pytest.mark.infra


def area_event(area_id="ra-1", community_id="c-1", lon=116.47, lat=39.92) -> Envelope:
    event = ResidentialAreaRegistered(area_id=area_id, name=f"小区{area_id}", district_code="110105",
                                      community_id=community_id, lon=lon, lat=lat, residents=1000, kind="existing",
                                      effective_on=date(2026, 6, 1))
    return Envelope.wrap(event, source="/civic/registry")


async def test_the_register_is_a_page_filtered_by_district_status_and_community(api):
    await deliver(api, area_event())
    operating = await api.existing()  # district 110101, operating, no community
    planned = (await api.post("", PLAN | {"residential_area_id": "ra-1"})).json()
    assert planned["community_id"] == "c-1"  # its residential area's community
    other = (await api.post("", PLAN | {"district_code": "110108"})).json()["id"]

    everything = (await api.get("")).json()
    assert (everything["page"], everything["size"], everything["total_count"]) == (1, 50, 3)
    assert [m["id"] for m in everything["items"]] == sorted([operating, planned["id"], other])
    assert [m["id"] for m in (await api.get("", district_code="110101")).json()["items"]] == [operating]
    assert [m["id"] for m in (await api.get("", status="planned")).json()["items"]] == sorted([planned["id"], other])
    by_community = (await api.get("", community_id="c-1")).json()
    assert [m["id"] for m in by_community["items"]] == [planned["id"]] and by_community["total_count"] == 1
    second = (await api.get("", page=2, size=2)).json()
    assert len(second["items"]) == 1 and second["total_count"] == 3
    for bad in ({"status": "open"}, {"district_code": "1101"}, {"size": 0}, {"page": 0}):
        refused = await api.get("", **bad)
        assert refused.status_code == 422, bad
        assert refused.json()["errors"][0]["field"].endswith(next(iter(bad))) and refused.json()["errors"][0]["rule"]


async def test_the_market_register_is_indexed_on_its_filters(api):
    async def names(collection):
        return {index["name"] async for index in await collection.list_indexes()}

    assert {"status", "district_code", "community_id"} <= await names(api.container.markets.collection)
    assert {"status", "community_id"} <= await names(api.container.stations.collection)


async def test_a_plan_naming_an_unknown_residential_area_or_community_is_a_422_naming_the_field(api):
    refused = await api.post("", PLAN | {"residential_area_id": "nowhere", "community_id": "c-unknown"})
    assert refused.status_code == 422
    assert {(e["field"], e["rule"]) for e in refused.json()["errors"]} == {
        ("residential_area_id", "unknown-residential-area"), ("community_id", "unknown-community")}
    assert (await api.get("")).json()["total_count"] == 0
    await deliver(api, area_event(area_id="ra-2", community_id="c-2"))
    named = await api.post("", PLAN | {"community_id": "c-2"})
    assert named.status_code == 201 and named.json()["community_id"] == "c-2", named.text


async def test_stations_are_a_page_filtered_by_status_and_community_and_name_known_communities(api):
    await deliver(api, area_event(community_id="c-1", lon=116.30, lat=39.90))
    unknown = await api.post("/stations", station(community_id="c-9"))
    assert unknown.status_code == 422 and [(e["field"], e["rule"]) for e in unknown.json()["errors"]] == [
        ("community_id", "unknown-community")]
    first = await api.post("/stations", station(community_id="c-1"))
    assert first.status_code == 201 and first.json()["community_id"] == "c-1", first.text
    assert first.json()["agreement_start"] == "2026-01-01" and first.json()["deposit"] == "2000.00"
    second = (await api.post("/stations", station(lat=39.9600))).json()["id"]
    review = {"month": "2026-10", "on": "2026-11-01"}
    exited = await run_job(api.client, "/api/v1/markets", "station-exit-review", review, headers=OFFICER)
    assert exited.status_code == 200 and len(exited.json()["exited"]) == 2, exited.text  # both exit

    page = (await api.get("/stations")).json()
    assert page["total_count"] == 2 and [s["id"] for s in page["items"]] == sorted([first.json()["id"], second])
    assert [s["id"] for s in (await api.get("/stations", community_id="c-1")).json()["items"]] == [
        first.json()["id"]]
    assert (await api.get("/stations", status="active")).json() == {"items": [], "page": 1, "size": 50,
                                                                    "total_count": 0}
    assert (await api.get("/stations", status="exited")).json()["total_count"] == 2
    assert (await api.get("/stations", status="closed")).status_code == 422


async def test_on_left_out_is_today_in_beijing_and_a_date_out_of_range_is_a_422(api):
    mid = (await api.post("", PLAN)).json()["id"]
    built = await api.post(f"/{mid}/completion", {})
    assert built.status_code == 200 and built.json()["milestones"]["built"] == "2026-11-20"  # the injected Today
    absurd = await api.post(f"/{mid}/acceptance", {"on": "9999-12-31"})
    assert absurd.status_code == 422 and absurd.json()["errors"][0]["field"].endswith("on")
    assert (await api.get(f"/{mid}")).json()["status"] == "built"


async def test_answers_carry_typed_dates_and_decimal_strings(api):
    mid = await api.existing(business="1000", vegetable="600")
    inspected = (await api.post(f"/{mid}/inspections", {"on": "2026-10-01", "areas": {
        "business": "1000", "vegetable": "450"}}, **OFFICER)).json()
    assert inspected["areas"] == {"business": "1000.00", "vegetable": "450.00", "direct_supply": "0.00",
                                  "direct_supply_adopted": False}
    (case,) = inspected["cases"]
    assert case["case_number"] == 1 and case["opened_on"] == "2026-10-01" and "number" not in case
    assert inspected["late_steps"] == [] and "late" not in inspected


async def test_refusals_name_their_rule_and_path_parameters_never_answer_500(api):
    missing = await api.get("/no-such-market")
    assert missing.status_code == 404 and missing.json()["errors"] == [
        {"field": "market_id", "rule": "unknown-market", "message": "no market no-such-market"}]
    assert (await api.post("/no-such-market/completion", {})).json()["errors"][0]["rule"] == "unknown-market"
    assert (await api.get("/stations/nope")).json()["errors"][0]["rule"] == "unknown-station"
    assert (await api.get("/plans/nope")).json()["errors"][0]["rule"] == "unknown-plan"
    mid = await api.existing()
    no_case = await api.post(f"/{mid}/cases/7/refusal", {}, **OFFICER)
    assert no_case.status_code == 404 and no_case.json()["errors"][0]["rule"] == "unknown-case"
    for path in (f"/{mid}/cases/99999999999999999999999/fine", f"/{mid}/cases/0/fine", f"/{'m' * 65}/closure"):
        refused = await api.post(path, {"amount": "100"}, **OFFICER)
        assert refused.status_code == 422, (path, refused.text)
        assert refused.json()["errors"][0]["field"].split(".")[-1] in ("case_number", "market_id")
    replacement = await api.post(f"/{mid}/relocation", {"replacement_market_id": "gone", "approvals": []})
    assert replacement.status_code == 422 and [(e["field"], e["rule"]) for e in replacement.json()["errors"]] == [
        ("replacement_market_id", "unknown-market")]
    decided = await api.post("/plans/nope/decision", {"approve": True}, **OFFICER)
    assert decided.status_code == 404 and decided.json()["errors"][0]["field"] == "plan_id"


async def test_imported_areas_read_residents_and_their_community(api):
    rows = [{"id": "i1", "name": "小区", "district_code": "110101", "lon": 116.41, "lat": 39.95, "residents": 1200,
             "community_id": "c-imp"}]
    assert (await api.post("/areas/import", rows)).json()["imported"] == 1
    (row,) = await api.container.areas.all()
    assert (row["population"], row["community_id"], row["x"]) == (1200, "c-imp", project([116.41], [39.95])[0][0])
    assert (await api.post("", PLAN | {"community_id": "c-imp"})).status_code == 201
    assert market_row()["district_code"] == "110101"


async def test_reference_rows_are_pages_filtered_by_district_and_community(api):
    await deliver(api, area_event(area_id="ra-1", community_id="c-1"))
    rows = [{"id": "i1", "name": "小区", "district_code": "110101", "lon": 116.41, "lat": 39.95, "residents": 1200}]
    await api.post("/areas/import", rows)
    areas = (await api.get("/areas")).json()
    assert [(a["id"], a["residents"], a["community_id"]) for a in areas["items"]] == [
        ("i1", 1200, None), ("ra-1", 1000, "c-1")] and areas["total_count"] == 2
    assert areas["items"][1]["effective_on"] == "2026-06-01"
    assert [a["id"] for a in (await api.get("/areas", district_code="110105")).json()["items"]] == ["ra-1"]
    assert [a["id"] for a in (await api.get("/areas", community_id="c-1")).json()["items"]] == ["ra-1"]
    sites = [{"id": "s1", "name": "锅炉房", "district_code": "110105", "lon": 116.47, "lat": 39.92, "area_m2": 300.5,
              "kind": "disused_boiler_room"}]
    await api.post("/sites/import", sites)
    assert (await api.get("/sites", district_code="110105")).json()["items"] == [
        {"id": "s1", "name": "锅炉房", "district_code": "110105", "lon": 116.47, "lat": 39.92, "area_m2": "300.50",
         "kind": "disused_boiler_room"}]
    assert (await api.get("/sites", district_code="110101")).json()["total_count"] == 0
    await api.post("/stations/postal-outlets/import", [{"id": "p1", "name": "邮局", "lon": 116.43, "lat": 39.95}])
    outlets = (await api.get("/stations/postal-outlets", size=1)).json()
    assert outlets == {"items": [{"id": "p1", "name": "邮局", "lon": 116.43, "lat": 39.95}], "page": 1, "size": 1,
                       "total_count": 1}
