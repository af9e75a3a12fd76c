"""Close a market through the gateway → markets.market.closed → replanning → markets.replan.proposed naming the
uncovered areas and a plan that, applied, covers them — real processes, real servers, one trace."""
import secrets

import pytest
from pyproj import Transformer

from services.markets.domain.geo import BEIJING_TM
from shared.events.markets import MarketClosed, ReplanProposed
from shared.tracefile import build_tree
from tests.e2e.flows import spans_once
from tests.support.runtime import until

pytestmark = [pytest.mark.infra, pytest.mark.e2e]

API = "/api/v1/markets"
_TO_WGS84 = Transformer.from_crs(BEIJING_TM, "EPSG:4326", always_xy=True)
_ORIGIN = (5000.0, 5000.0)  # metres on the local projection, north-east of Tiananmen


def at(dx: float, dy: float) -> tuple[float, float]:
    """(lon, lat) of the point dx, dy metres from the map's origin."""
    return _TO_WGS84.transform(_ORIGIN[0] + dx, _ORIGIN[1] + dy)


def area_csv() -> str:
    # Around the market to close (0, 0), 600 m², which alone gives 600 / 5500 = 0.109 m²/resident to A1, A2, A4.
    rows = [("A1", 200, 0, 3000), ("A2", -300, 200, 2000), ("A4", 300, -900, 500), ("A3", 5000, 0, 1000)]
    lines = ["id,name,district_code,lon,lat,residents"]
    lines += [f"{i},小区{i},110105,{at(dx, dy)[0]:.8f},{at(dx, dy)[1]:.8f},{p}" for i, dx, dy, p in rows]
    return "\n".join(lines) + "\n"


def site(site_id: str, dx: float, dy: float, area_m2: float, kind: str) -> dict:
    lon, lat = at(dx, dy)
    return {"id": site_id, "name": site_id, "district_code": "110105", "lon": lon, "lat": lat, "area_m2": area_m2,
            "kind": kind}


def market(name: str, dx: float, dy: float, business: str) -> dict:
    lon, lat = at(dx, dy)
    return {"name": name, "district_code": "110105", "kind": "standardised_market", "lon": lon, "lat": lat,
            "areas": {"business": business, "vegetable": str(int(business) // 2 + 1)}, "owner": "市菜市场网点管理机构",
            "operator": "首农菜篮子公司", "opened_on": "2020-01-01"}


async def coverage(client) -> dict[str, bool]:
    """Area id → covered, from the coverage listing (one page of the most it serves)."""
    page = (await client.get(f"{API}/coverage", params={"size": 200})).json()
    return {r["area_id"]: r["covered"] for r in page["items"]}


async def seed(client) -> str:
    imported = await client.post(f"{API}/areas/import", content=area_csv().encode(),
                                 headers={"content-type": "text/csv"})
    assert imported.json()["imported"] == 4, imported.text
    # S1 (600 m², 5000 residents in reach → 0.12) lifts A1 and A2; S2 (300 m² → 0.06) lifts nobody; A4 is out of reach
    sites = [site("S1", 100, 100, 600, "disused_boiler_room"), site("S2", -200, 0, 300, "gas_exchange_station")]
    assert (await client.post(f"{API}/sites/import", json=sites)).json()["imported"] == 2
    markets = await client.post(f"{API}/import", json=[market("要关闭的菜市场", 0, 0, "600"),
                                                      market("远处菜市场", 5000, 100, "200")])
    assert markets.json()["imported"] == 2, markets.text
    return markets.json()["ids"][0]


async def test_closing_a_market_proposes_a_plan_that_covers_the_gaps_in_one_trace(secured_stack, officer_client):
    closing = await seed(officer_client)
    before = await coverage(officer_client)
    assert before == {"A1": True, "A2": True, "A3": True, "A4": True}

    trace_id = secrets.token_hex(16)
    approval = [{"authority": "district_commerce", "reference": "朝商审〔2026〕3号", "approved_on": "2026-11-01"}]
    closed = await officer_client.post(f"{API}/{closing}/closure", json={"on": "2026-11-10", "approvals": approval},
                                       headers={"traceparent": f"00-{trace_id}-{secrets.token_hex(8)}-01"})
    assert closed.status_code == 200, closed.text

    async def proposal():
        response = await officer_client.get(f"{API}/plans/replan-{closing}")
        return response.json() if response.status_code == 200 else None

    plan = await until(proposal, timeout=30, interval=0.2, what="the replanning proposal")
    assert plan["status"] == "proposed"
    assert sorted(g["area_id"] for g in plan["gaps"]) == ["A1", "A2", "A4"]
    assert [(s["site_id"], sorted(s["covers"])) for s in plan["sites"]] == [("S1", ["A1", "A2"])]
    assert [s["area_id"] for s in plan["stopgap_markets"]] == ["A4"]

    # Applied: the chosen site opened as a market covers every area the plan says it covers.
    await officer_client.post(f"{API}/import", json=[market("S1 改建菜市场", 100, 100, "600")])
    after = await coverage(officer_client)
    assert after["A1"] and after["A2"] and not after["A4"]

    replanned = ("markets", f"outbox publish {ReplanProposed.type}")
    spans = await until(lambda: spans_once(secured_stack, trace_id, replanned), timeout=30, what="the closure's spans")
    names = {(s["service"], s["name"]) for s in spans}
    assert ("markets", f"outbox publish {MarketClosed.type}") in names
    assert ("markets", f"handle {MarketClosed.type}") in names
    assert len(build_tree(spans)) == 1, "the closure's trace has a broken link"
