"""Registry's residential-area events through the app's real wiring (bootstrap's `event_handlers`) on FerretDB:
the reference rows, stale records, the planning flag, replanning for new gaps, and resolution when a market opens."""
from datetime import date

import pytest

from services.markets.application.subscriptions import SUBSCRIPTIONS
from services.markets.domain.geo import project
from shared.events import Envelope
from shared.events.markets import ReplanProposed
from shared.events.registry_places import ResidentialAreaRegistered, ResidentialAreaRemoved, ResidentialAreaUpdated
from shared.wiring import dependencies_of, event_handlers

pytestmark = pytest.mark.infra

ORIGIN = (116.40, 39.95)


def at(dx, dy):
    """(lon, lat) about dx, dy metres from ORIGIN."""
    return ORIGIN[0] + dx / 85_200, ORIGIN[1] + dy / 111_000


def record(event_type=ResidentialAreaRegistered, area_id="n1", dx=0, dy=0, residents=3000, on=date(2026, 6, 1), **extra):
    lon, lat = at(dx, dy)
    fields = {"area_id": area_id, "name": f"小区{area_id}", "district_code": "110105", "lon": lon, "lat": lat,
              "residents": residents, "kind": "existing", "effective_on": on} | extra
    return Envelope.wrap(event_type(**fields), source="/civic/registry")


async def deliver(api, envelope):
    await event_handlers(SUBSCRIPTIONS, dependencies_of(api.container))[envelope.type](envelope)


async def plans_of(api):
    return await api.container.plans.open_proposals()


async def test_a_registered_area_is_stored_like_an_imported_row_and_an_older_update_never_overwrites_it(api):
    await deliver(api, record(on=date(2026, 6, 1), residents=3000))
    await deliver(api, record(ResidentialAreaUpdated, on=date(2026, 5, 1), residents=10))  # older: ignored
    (row,) = await api.container.areas.all()
    lon, lat = at(0, 0)
    assert row["population"] == 3000 and row["x"] == pytest.approx(project([lon], [lat])[0][0])
    await deliver(api, record(ResidentialAreaUpdated, on=date(2026, 7, 1), residents=2500))
    assert [a["population"] for a in await api.container.areas.all()] == [2500]
    coverage = (await api.get("/coverage")).json()
    assert [(c["area_id"], c["residents"]) for c in coverage["items"]] == [("n1", 2500)]


async def test_a_removed_area_leaves_coverage_and_an_older_record_cannot_bring_it_back(api):
    await deliver(api, record(on=date(2026, 6, 1)))
    removal = ResidentialAreaRemoved(area_id="n1", district_code="110105", effective_on=date(2026, 8, 1))
    await deliver(api, Envelope.wrap(removal, source="/civic/registry"))
    await deliver(api, record(ResidentialAreaUpdated, on=date(2026, 7, 1)))
    assert await api.container.areas.all() == [] and (await api.get("/coverage")).json()["items"] == []


async def test_a_new_area_below_2_percent_is_stored_but_flagged_for_the_officer(api):
    await deliver(api, record(residents=0, **{
        "kind": "new", "residential_floor_area": "150000", "planned_market_area": "2999.99"}))
    assert [a["id"] for a in await api.container.areas.all()] == ["n1"]
    (flagged,) = (await api.get("/areas/planning-breaches")).json()["items"]
    assert flagged["area_id"] == "n1" and [b["rule"] for b in flagged["breaches"]] == ["market-floor-area-2-percent"]


async def test_an_uncovered_new_area_gets_one_proposal_even_if_redelivered(api):
    await api.existing(lon=at(100, 0)[0], lat=at(100, 0)[1], business="250", vegetable="200")
    await deliver(api, record(area_id="old", dx=-200, residents=1000))  # 250 m² / 1000: covered
    assert await plans_of(api) == []
    message = record(area_id="n1", dx=300, residents=3000)  # 250 / 4000 = 0.0625 each: both below 0.1
    await deliver(api, message)
    await deliver(api, message)
    (proposal,) = await plans_of(api)
    assert proposal.id == f"replan-area-n1-{message.id}" and proposal.cause == "area_registered"
    assert sorted(g.area_id for g in proposal.plan.gaps) == ["n1", "old"]
    assert sorted(proposal.plan.stopgap_areas) == ["n1", "old"]  # no candidate sites imported
    stored = await api.container.runtime.db["plans"].find_one({"_id": proposal.id})
    assert [e["type"] for e in stored["_outbox"]] in ([ReplanProposed.type], [])  # [] once the relay sent it
    again = record(ResidentialAreaUpdated, area_id="n1", dx=300, residents=3100, on=date(2026, 6, 2))
    await deliver(api, again)
    assert len(await plans_of(api)) == 1, "gaps an open plan names are not proposed again"


async def test_a_market_opening_nearby_resolves_the_open_proposal(api):
    await deliver(api, record(area_id="n1", residents=3000))
    (proposal,) = await plans_of(api)
    lon, lat = at(200, 0)
    plan = {"name": "配套菜市场", "district_code": "110105", "kind": "standardised_market", "lon": lon, "lat": lat,
            "areas": {"business": "400", "vegetable": "300"}, "owner": "某开发公司", "permit_on": "2026-01-05"}
    mid = (await api.post("", plan)).json()["id"]
    for path, body in [("/completion", {"on": "2026-03-01"}), ("/acceptance", {"on": "2026-03-10"}),
                       ("/purchase-agreement", {"on": "2026-03-20"}), ("/ownership-transfer", {"on": "2026-04-01"}),
                       ("/operator-tender", {"on": "2026-04-15", "operator": "首农菜篮子公司"}),
                       ("/operator-filing", {"on": "2026-05-01", "licence_on": "2026-04-25"}),
                       ("/opening", {"on": "2026-06-01"})]:
        assert (await api.post(f"/{mid}{path}", body)).status_code == 200, path
    resolved = (await api.get(f"/plans/{proposal.id}")).json()
    assert resolved["status"] == "resolved" and resolved["resolved_areas"] == ["n1"]
    assert resolved["resolved_on"] == "2026-11-20" and await plans_of(api) == []


async def test_a_planned_market_of_a_phased_project_is_listed_once_half_of_the_housing_is_done(api):
    lon, lat = at(0, 0)
    plan = {"name": "分期配套菜市场", "district_code": "110105", "kind": "standardised_market", "lon": lon,
            "lat": lat, "areas": {"business": "400", "vegetable": "300"}, "owner": "某开发公司",
            "permit_on": "2026-01-05", "residential_area_id": "p1"}
    progress = {"phased": True, "residents": 0}
    await deliver(api, record(area_id="p1", on=date(2026, 6, 1), housing_completed_percent="49.99", **progress))
    created = await api.post("", plan)
    assert created.json()["residential_area_id"] == "p1", created.text
    assert (await api.get("/deadlines/breaches", on="2026-07-01")).json()["items"] == []
    await deliver(api, record(ResidentialAreaUpdated, area_id="p1", on=date(2026, 6, 20),
                              housing_completed_percent="50", **progress))
    (breach,) = (await api.get("/deadlines/breaches", on="2026-07-01")).json()["items"]
    assert breach == {"market_id": created.json()["id"], "rule": "market-before-half-of-housing",
                      "started_on": "2026-06-20", "step_due": "2026-06-20", "days_overdue": 11}
