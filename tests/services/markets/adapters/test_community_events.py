"""Registry's community decisions reach markets (`registry.community.abolished`, through the app's real wiring on
FerretDB): a merged community's areas, markets and stations move to the absorbing community; an outright
abolition marks its areas and leaves coverage as it was; a community abolished cannot be named any more."""
from datetime import date

import pytest

from services.markets.application.subscriptions import SUBSCRIPTIONS
from shared.events import Envelope
from shared.events.registry_places import CommunityAbolished, ResidentialAreaRegistered, ResidentialAreaUpdated
from shared.wiring import dependencies_of, event_handlers
from tests.services.markets.adapters.test_station_routes import station

pytestmark = pytest.mark.infra

ORIGIN = (116.40, 39.95)


def area(area_id, community_id, dx=0, on=date(2026, 6, 1), event_type=ResidentialAreaRegistered):
    lon, lat = ORIGIN[0] + dx / 85_200, ORIGIN[1]
    return Envelope.wrap(event_type(area_id=area_id, name=f"小区{area_id}", district_code="110105", lon=lon, lat=lat,
                                    residents=1000, kind="existing", community_id=community_id, effective_on=on),
                         source="/civic/registry")


def abolished(community_id, merged_into=None, on=date(2026, 9, 1)):
    return Envelope.wrap(CommunityAbolished(community_id=community_id, district_code="110105", effective_on=on,
                                            merged_into=merged_into), source="/civic/registry")


async def deliver(api, envelope):
    await event_handlers(SUBSCRIPTIONS, dependencies_of(api.container))[envelope.type](envelope)


async def area_ids(api, **params):
    return sorted(a["id"] for a in (await api.get("/areas", **params)).json()["items"])


async def market_in(api, community_id):
    plan = {"name": "配套菜市场", "district_code": "110105", "kind": "standardised_market", "lon": ORIGIN[0],
            "lat": ORIGIN[1], "areas": {"business": "400", "vegetable": "300"}, "owner": "某开发公司",
            "permit_on": "2026-01-05", "community_id": community_id}
    return await api.post("", plan)


async def test_a_merged_communitys_areas_markets_and_stations_move_to_the_absorbing_one_even_if_redelivered(api):
    await deliver(api, area("a1", "old"))
    await deliver(api, area("a2", "new", dx=300))
    market = (await market_in(api, "old")).json()
    opened = await api.post("/stations", station(community_id="old"))
    assert opened.status_code == 201, opened.text
    before = (await api.get("/coverage")).json()["items"]
    merger = abolished("old", merged_into="new")
    await deliver(api, merger)
    await deliver(api, merger)
    assert await area_ids(api, community_id="new") == ["a1", "a2"] and await area_ids(api, community_id="old") == []
    assert (await api.get(f"/{market['id']}")).json()["community_id"] == "new"
    assert (await api.get(f"/stations/{opened.json()['id']}")).json()["community_id"] == "new"
    assert (await api.get("/coverage")).json()["items"] == before, "a merger moves no resident"


async def test_an_area_record_naming_the_merged_community_arriving_late_lands_under_the_absorbing_one(api):
    await deliver(api, abolished("b", merged_into="c", on=date(2026, 10, 1)))
    await deliver(api, abolished("a", merged_into="b"))  # the earlier merger's event came second
    await deliver(api, area("a1", "a", on=date(2026, 11, 1)))
    assert await area_ids(api, community_id="c") == ["a1"]


async def test_an_outright_abolition_marks_the_areas_keeps_them_in_coverage_and_refuses_the_community(api):
    await deliver(api, area("a1", "gone"))
    await deliver(api, abolished("gone"))
    (row,) = (await api.get("/areas", abolished_community_id="gone")).json()["items"]
    assert (row["id"], row["community_id"], row["community_abolished_on"]) == ("a1", None, "2026-09-01")
    assert [r["area_id"] for r in (await api.get("/coverage")).json()["items"]] == ["a1"]
    refused = await market_in(api, "gone")
    assert refused.status_code == 422, refused.text
    (error,) = refused.json()["errors"]
    assert (error["field"], error["rule"], error["abolished_on"]) == ("community_id", "community-abolished",
                                                                       "2026-09-01")
    merged = abolished("m", merged_into="gone", on=date(2026, 8, 1))  # merged into one abolished since
    await deliver(api, area("a2", "m", dx=300))
    await deliver(api, merged)
    assert await area_ids(api, abolished_community_id="m") == ["a2"]
    await deliver(api, area("a2", "new-one", dx=300, on=date(2026, 12, 1), event_type=ResidentialAreaUpdated))
    assert await area_ids(api, community_id="new-one") == ["a2"], "registry names the area's new community"
