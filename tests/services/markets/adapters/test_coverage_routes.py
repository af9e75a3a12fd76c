"""Imports with per-line errors, and coverage read back from the real FerretDB."""
import pytest

from services.markets.domain.geo import distance_m, project
from tests.services.markets.adapters.conftest import market_row

pytestmark = pytest.mark.infra

CSV = """id,name,district_code,lon,lat,residents,kind,residential_floor_area,planned_market_area
a1,和平里一区,110101,116.4100,39.9500,2000,existing,,
a2,和平里二区,110101,116.4300,39.9500,1000,existing,,
bad,坏行,110101,200,39.95,100,existing,,
new,新建小区,110105,116.47,39.92,3000,new,150000,2999.99
a3,朝阳某区,110105,116.4101,39.9550,1000,existing,,
"""


async def test_area_import_keeps_valid_rows_and_reports_each_bad_line(api):
    response = await api.client.post("/api/v1/markets/areas/import", content=CSV.encode(),
                                     headers={"content-type": "text/csv"})
    body = response.json()
    assert response.status_code == 200 and body["received"] == 5 and body["imported"] == 3
    assert [(e["line"], e["rule"]) for e in body["errors"]] == [(3, "within-beijing"),
                                                                (4, "market-floor-area-2-percent")]
    stored = {a["id"]: a for a in await api.container.areas.all()}
    assert set(stored) == {"a1", "a2", "a3"}
    assert stored["a1"]["x"] == pytest.approx(project([116.41], [39.95])[0][0])


async def test_coverage_per_area_and_per_district(api):
    await api.client.post("/api/v1/markets/areas/import", content=CSV.encode(), headers={"content-type": "text/csv"})
    imported = await api.post("/import", [market_row(lon=116.4100, lat=39.9520, business="250", vegetable="150")])
    assert imported.json()["imported"] == 1, imported.text
    page = (await api.get("/coverage")).json()
    assert (page["page"], page["size"], page["total_count"]) == (1, 50, 3)
    rows = {r["area_id"]: r for r in page["items"]}
    # a1 (222 m away) and a3 (333 m) share 250 m² among 3000 residents: 0.0833 < 0.1; a2 is ≈ 1.7 km east
    assert rows["a1"]["supply_ratio"] == "0.0833" and not rows["a1"]["covered"]  # a decimal string, never a float
    assert rows["a1"]["deficit_m2"] == "33.33"  # (0.1 − 250/3000) × 2000 residents
    assert rows["a2"]["supply_ratio"] == "0.0000" and rows["a2"]["nearest_market_m"] == pytest.approx(
        distance_m((116.43, 39.95), (116.41, 39.952)), abs=0.01)
    summary = {d["district_code"]: d for d in (await api.get("/coverage/summary")).json()["items"]}
    assert summary["110101"]["area_count"] == 2 and summary["110101"]["residents"] == 3000
    assert summary["110105"]["covered_residents"] == 0


async def test_coverage_pages_by_area_id(api):
    await api.client.post("/api/v1/markets/areas/import", content=CSV.encode(), headers={"content-type": "text/csv"})
    first, second = [(await api.get("/coverage", page=n, size=2)).json() for n in (1, 2)]
    assert [r["area_id"] for r in first["items"]] == ["a1", "a2"] and first["total_count"] == 3
    assert [r["area_id"] for r in second["items"]] == ["a3"] and (second["page"], second["size"]) == (2, 2)
    too_big = await api.get("/coverage", size=201)
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"].endswith("size")


async def test_a_json_import_that_is_not_an_array_is_a_422(api):
    response = await api.client.post("/api/v1/markets/sites/import", json={"id": "s1"})
    assert response.status_code == 422 and response.json()["errors"][0]["rule"] == "json-array-of-objects"
