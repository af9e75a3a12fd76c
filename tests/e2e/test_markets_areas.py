"""Registry's event about a new residential area that no market reaches → markets stores it, recomputes the areas
around it and publishes `markets.replan.proposed` naming it — through the real broker and the markets process."""
from datetime import date

import aio_pika
import pytest
from pyproj import Transformer

from shared.bus.topology import Topology
from shared.events.markets import ReplanProposed
from shared.events.registry_places import ResidentialAreaRegistered
from services.markets.domain.geo import BEIJING_TM
from tests.e2e.flows import next_event
from tests.support.bus import producers
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

API = "/api/v1/markets"
_TO_WGS84 = Transformer.from_crs(BEIJING_TM, "EPSG:4326", always_xy=True)
_ORIGIN = (-6000.0, 4000.0)  # metres on the local projection, north-west of Tiananmen


def at(dx: float, dy: float) -> tuple[float, float]:
    return _TO_WGS84.transform(_ORIGIN[0] + dx, _ORIGIN[1] + dy)


def registered() -> ResidentialAreaRegistered:
    lon, lat = at(0, 0)
    return ResidentialAreaRegistered(
        area_id="RA-NEW-1", name="新建居住区一期", district_code="110108", lon=lon, lat=lat, residents=2000,
        kind="new", residential_floor_area="150000", planned_market_area="3000", phased=True,
        housing_completed_percent="20", effective_on=date(2026, 11, 1))


async def test_a_new_uncovered_area_from_registry_gets_a_replanning_proposal(secured_stack, officer_client, infra):
    site_lon, site_lat = at(200, 0)  # 300 m² for the 2000 residents in reach: 0.15 m² each, enough alone
    site = {"id": "BOILER-9", "name": "废置锅炉房", "district_code": "110108", "lon": site_lon, "lat": site_lat,
            "area_m2": 300, "kind": "disused_boiler_room"}
    assert (await officer_client.post(f"{API}/sites/import", json=[site])).json()["imported"] == 1
    topology = Topology(secured_stack.env["CIVIC_NAMESPACE"])
    connection = await aio_pika.connect(infra.amqp_url)
    async with connection:
        channel = await connection.channel()
        watch = await channel.declare_queue(exclusive=True)
        await watch.bind(topology.exchange, ReplanProposed.type)
        async with producers(infra, topology.namespace) as bus:
            envelope = await bus.publish(registered())
        proposed = await next_event(watch, ReplanProposed.type, 30.0)

    assert proposed.type == ReplanProposed.type
    assert proposed.data["plan_id"] == f"replan-area-RA-NEW-1-{envelope.id}"
    assert (proposed.data["cause"], proposed.data["area_id"]) == ("area_registered", "RA-NEW-1")
    assert [g["area_id"] for g in proposed.data["gaps"]] == ["RA-NEW-1"]
    assert proposed.data["sites"] == [{"site_id": "BOILER-9", "area_m2": 300.0, "covers": ["RA-NEW-1"]}]
    assert proposed.data["stopgap_areas"] == []

    async def stored():
        rows = (await officer_client.get(f"{API}/coverage", params={"size": 200})).json()["items"]
        return [r for r in rows if r["area_id"] == "RA-NEW-1"] or None

    (row,) = await until(stored, timeout=10, what="the area in coverage")
    assert row["residents"] == 2000 and row["covered"] is False

