"""Insured persons and wage bases through the routes, on the real FerretDB."""
from datetime import date

import pytest

from tests.services.insurance.adapters.conftest import NEW_PERSON, resident_id

pytestmark = pytest.mark.infra


async def test_an_addition_in_the_window_is_stored_and_listed(api):
    await api.account("u1")
    rid = await api.member("u1", on="2026-11-05")
    listed = (await api.get("/accounts/u1/members")).json()["items"]
    assert [(m["resident_id"], m["joined_on"]) for m in listed] == [(rid, "2026-11-05")]


async def test_an_addition_on_the_26th_is_refused_with_the_next_window(api):
    await api.account("u1")
    response = await api.post("/accounts/u1/members", {"resident_id": resident_id(), "name": "李四",
                                                       "on": "2026-11-26", **NEW_PERSON})
    assert response.status_code == 409 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["next_window_opens"] == "2026-12-05"
    assert (await api.get("/accounts/u1/members")).json()["items"] == []


async def test_a_wrong_check_digit_names_the_field_and_the_rule(api):
    await api.account("u1")
    good = resident_id()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = await api.post("/accounts/u1/members", {"resident_id": bad, "name": "李四", "on": "2026-11-10",
                                                       **NEW_PERSON})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "resident_id"
    assert response.json()["errors"][0]["rule"] == "resident-id"


async def test_a_person_insured_elsewhere_or_removed_twice_is_a_clear_4xx(api):
    await api.account("u1")
    await api.account("u2")
    rid = await api.member("u1")
    again = await api.post("/accounts/u2/members", {"resident_id": rid, "name": "张三", "on": "2026-11-10",
                                                   **NEW_PERSON})
    assert again.status_code == 409 and "another unit" in again.json()["detail"]
    removal = {"reason": "transfer_out", "on": "2026-11-10"}
    assert (await api.post(f"/accounts/u2/members/{rid}/removal", removal)).status_code == 404
    assert (await api.post(f"/accounts/u1/members/{rid}/removal", removal)).status_code == 200
    assert (await api.post(f"/accounts/u1/members/{rid}/removal", removal)).status_code == 404


async def test_declarations_keep_valid_rows_and_report_bad_ones_by_line_and_bases_are_clamped(api):
    await api.account("u1")
    low, high, silent = [await api.member("u1", on="2026-03-10") for _ in range(3)]
    csv = f"resident_id,wage\n{low},3000\n{high},99999.00\n110105198001019999,5000\n{silent[:-1]}X,abc\n"
    api.clock.today = date(2026, 3, 31)  # a CSV declaration is filed today (in Beijing)
    response = await api.post("/accounts/u1/bases/2026", content=csv.encode(), headers={"content-type": "text/csv"})
    body = response.json()
    assert response.status_code == 200 and body["accepted"] == 2
    assert {e["field"].split(".")[0] for e in body["errors"]} == {"line 4", "line 5"}
    late = await api.post("/accounts/u1/bases/2026", {"on": "2026-04-01", "rows": []})
    assert late.status_code == 409
    assert (await api.client.put("/api/v1/insurance/average-wages/2025", json={"wage": "10000.00"})).status_code == 204
    generated = await api.job("wage-bases", {"year": 2026, "on": "2026-04-01"})
    assert generated.json() == {"year": 2026, "bases": 3}
    bases = await api.container.bases.bases(2026)
    assert (str(bases[low]), str(bases[high]), str(bases[silent])) == ("6000.00", "30000.00", "6000.00")
    assert (await api.job("wage-bases", {"year": 2026, "on": "2026-04-02"})).status_code == 409
